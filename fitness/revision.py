"""Another revision's tree, for `--since REV`: read from git's objects, never checked out.

Only the files fitness reads are written, under a temporary directory: Python
sources, TOML (configuration and rule packs), Markdown (ADRs), `.gitignore`
files and the ADR tools' pointers. `git ls-tree` lists them and one `git
cat-file --batch` streams their contents, so a large repository's other files
(documentation, data, locales) cost nothing. The user's working tree, index and
`.git` are only read.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from fitness.errors import UsageError

# The files fitness may read in a project: by suffix, and by name.
_SUFFIXES = (".py", ".pyi", ".toml", ".md", ".markdown")
_NAMES = (".gitignore", ".adr-dir", ".log4brains.yml")


def export(
    project_root: Path,
    revision: str,
    into: Path,
    suffixes: tuple[str, ...] = _SUFFIXES,
    names: tuple[str, ...] = _NAMES,
    flag: str = "--since",
) -> Path:
    """Write the project's files at `revision` that fitness reads under `into`; its root there.

    `suffixes` and `names` choose the files (default: every kind fitness reads);
    `flag` names the option in error messages.
    """
    top = Path(
        _git(project_root, "rev-parse", "--show-toplevel", why=_not_a_repository(flag), flag=flag)
    )
    prefix = PurePosixPath(project_root.resolve().relative_to(top.resolve()).as_posix())
    _git(
        project_root,
        "rev-parse",
        "--verify",
        "--quiet",
        f"{revision}^{{commit}}",
        flag=flag,
        why=lambda _: f"{flag} {revision}: no such revision in the repository at {top}",
    )
    listing = ["ls-tree", "-r", "-z", "--full-tree", revision]
    if str(prefix) != ".":
        listing += ["--", str(prefix)]
    entries = []
    for record in _git(top, *listing, why=_failed(revision), strip=False, flag=flag).split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, kind, sha = meta.split()
        name = path.rpartition("/")[2]
        if kind == "blob" and (name.endswith(suffixes) or name in names):
            entries.append((mode, sha, path))
    _write_blobs(top, entries, into, revision)
    return into / prefix


def _write_blobs(top: Path, entries: list[tuple[str, str, str]], into: Path, revision: str) -> None:
    """Stream the blobs of `entries` through one `git cat-file --batch` into files under `into`."""
    request = "".join(f"{sha}\n" for _, sha, _ in entries).encode("ascii")
    done = subprocess.run(
        ["git", "-C", str(top), "cat-file", "--batch"],
        input=request,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise UsageError(f"{revision}: git cat-file failed: {done.stderr.decode().strip()}")
    data = done.stdout
    offset = 0
    made: set[Path] = set()
    for mode, _, path in entries:
        header_end = data.index(b"\n", offset)
        size = int(data[offset:header_end].split()[2])
        content = data[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1  # the contents are followed by a newline
        target = into.joinpath(*PurePosixPath(path).parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if mode == "120000":  # a symbolic link: its blob is the target
            os.symlink(os.fsdecode(content), target)
        else:
            target.write_bytes(content)


def _git(
    cwd: Path, *args: str, why: Callable[[Path], str], strip: bool = True, flag: str = "--since"
) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError(f"{flag} needs git, which is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise UsageError(why(cwd))
    return done.stdout.strip() if strip else done.stdout


def _not_a_repository(flag: str) -> Callable[[Path], str]:
    return lambda cwd: f"{flag}: {cwd} is not in a git repository"


def _failed(revision: str) -> Callable[[Path], str]:
    return lambda top: f"--since {revision}: git ls-tree failed in {top}"
