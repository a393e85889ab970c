"""Running git for a revision's tree: one command's output, and blobs by the batch."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from fitness.errors import UsageError


def git(cwd: Path, args: Sequence[str], flag: str, why: Callable[[Path], str]) -> str:
    """The output of `git ARGS` run in `cwd`; UsageError `why(cwd)` when it fails.

    `flag` names the option that needs git when git is not installed. Bytes
    that are not UTF-8 (file names are any bytes to git) are decoded as the
    system decodes file names, as surrogates, never an error.
    """
    return os.fsdecode(git_bytes(cwd, args, flag, why))


def git_bytes(cwd: Path, args: Sequence[str], flag: str, why: Callable[[Path], str]) -> bytes:
    """The output of `git ARGS` run in `cwd`, as git wrote it; as `git` for the errors."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(f"{flag} needs git, which is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise UsageError(why(cwd))
    return done.stdout


def read_blobs(top: str, shas: Sequence[str]) -> dict[str, bytes]:
    """The contents of the blobs `shas` of the repository at `top`: one `git cat-file --batch`."""
    if not shas:
        return {}
    request = "".join(f"{sha}\n" for sha in shas).encode("ascii")
    done = subprocess.run(
        ["git", "-C", top, "cat-file", "--batch"], input=request, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise subprocess.SubprocessError(done.stderr.decode(errors="replace").strip())
    data = done.stdout
    found: dict[str, bytes] = {}
    offset = 0
    for sha in shas:
        header_end = data.index(b"\n", offset)
        header = data[offset:header_end].split()
        if len(header) != 3:  # "<sha> missing": left out, read as absent
            offset = header_end + 1
            continue
        size = int(header[2])
        found[sha] = data[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1  # the contents are followed by a newline
    return found
