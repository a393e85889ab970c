"""A git revision's tree, read from git's objects: nothing is checked out or written.

One `git ls-tree -r -z --full-tree REV` lists the repository's files at REV;
their contents come from `git cat-file --batch`, asked once for every file
under the project's directory of the kind first read (Python sources, or the
other files fitness reads: TOML, Markdown, `.gitignore`, the baseline, the
ADR tools' pointers, and symbolic links), so a large repository's other files
cost nothing; any other file is read on its own when asked for. A symbolic
link whose target lies inside the tree reads as its target; any other link
(absolute, leading out of the tree, dangling, or a loop) is left out.

A path no checkout could hold (`..`, `.git` or an empty name, or a path that
runs through a file or a link: `fitness.tree.entry_paths`) is refused when the
listing is read, with a warning: it is never joined to a directory, so a
crafted tree cannot make fitness read (or anything write) outside it. File
names that are not UTF-8 are read as the system reads them (surrogates).
"""

from __future__ import annotations

import errno
import os
import posixpath
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from fitness.errors import UsageError
from fitness.logs import Logger
from fitness.tree import Entry, Stamp
from fitness.tree.entry_paths import refusal
from fitness.tree.git_objects import git, git_bytes, read_blobs
from fitness.tree.names import shown

_PYTHON = (".py", ".pyi")
# The other files fitness may read in a project: by suffix, and by name.
_SUFFIXES = (".toml", ".md", ".markdown")
_NAMES = (".gitignore", ".adr-dir", ".log4brains.yml", ".fitness-baseline.json")
_LINK = "120000"
_HOPS = 40  # links followed in a row before the path is taken for a loop
_NAMED = 3  # refused entries the warning names

log = Logger("fitness.tree")


def open_revision(project_root: Path, revision: str, flag: str) -> GitTree:
    """The tree of `revision` in the repository holding `project_root`.

    `flag` names the option in the errors: not a git repository, no such
    revision, git not installed.
    """
    top = git(project_root, ["rev-parse", "--show-toplevel"], flag, _not_a_repository(flag))
    commit = git(
        project_root,
        ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        flag,
        lambda _: f"{flag} {revision}: no such revision in the repository at {top.strip()}",
    )
    top = top.strip()
    tree_id = git(
        project_root,
        ["rev-parse", "--verify", "--quiet", f"{commit.strip()}^{{tree}}"],
        flag,
        lambda _: f"{flag} {revision}: git rev-parse failed in {top}",
    )
    listing = git_bytes(
        Path(top),
        ["ls-tree", "-r", "-z", "--full-tree", commit.strip()],
        flag,
        lambda where: f"{flag} {revision}: git ls-tree failed in {where}",
    )
    resolved = Path(top).resolve()
    try:
        prefix = project_root.resolve().relative_to(resolved).as_posix()
    except ValueError:  # not below the top as resolved: read the whole tree by the batch
        prefix = "."
    tree = GitTree(
        str(resolved),
        revision,
        os.fsdecode(listing),
        "" if prefix == "." else prefix + "/",
        tree_id.strip(),
    )
    if tree.refused:
        named = ", ".join(f"'{shown(path)}' ({why})" for path, why in tree.refused[:_NAMED])
        more = len(tree.refused) - _NAMED
        log.warning(
            "%s: not reading %d tree entr%s that no checkout could hold: %s%s",
            revision,
            len(tree.refused),
            "y" if len(tree.refused) == 1 else "ies",
            named,
            f" and {more} more" if more > 0 else "",
        )
    return tree


class GitTree:
    """The files of one revision. Stamp: the blob id."""

    def __init__(
        self, top: str, revision: str, listing: str, prefix: str = "", tree_id: str | None = None
    ) -> None:
        """`listing`: the output of `git ls-tree -r -z`; `prefix` the project's directory in
        the repository (`sub/dir/`, or empty), whose files are read by the batch; `tree_id`
        the id of the revision's whole tree."""
        self.top = top
        self.revision = revision
        self.tree_id = tree_id
        self._prefix = prefix
        self._blobs: dict[str, tuple[str, str]] = {}  # path -> (mode, blob id)
        self._dirs: dict[str, dict[str, str | None]] = {"": {}}  # dir -> name -> path or None
        self._data: dict[str, bytes] = {}  # blob id -> contents, as read
        self._links: dict[str, str | None] = {}  # link path -> where it leads, once known
        self.refused: list[tuple[str, str]] = []  # (path, why) of the entries not read
        blobs: dict[str, tuple[str, str]] = {}
        for record in listing.split("\0"):
            meta, _, path = record.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == "blob":
                why = refusal(path)
                if why is None:
                    blobs[path] = (fields[0], fields[2])
                else:
                    self.refused.append((path, why))
        clashing = _directories(blobs) & blobs.keys()  # names both a file and a directory
        for path, (mode, sha) in blobs.items():
            through = _file_above(path, clashing) if clashing else None
            if through is None:
                self._add(path, mode, sha)
            else:
                self.refused.append((path, f"a path through the file '{through}'"))
        self.refused.sort()

    def entries(self, directory: str) -> list[Entry]:
        relative = self._relative(directory)
        if relative is not None and relative in self._blobs:
            relative = self._target(relative)  # a link to a directory lists its target
        names = self._dirs.get(relative) if relative is not None else None
        if names is None:
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), directory)
        found = []
        for name in sorted(names):
            path = names[name]
            if path is None:
                found.append(Entry(name, True, False))
            elif self._file(path) is not None:
                found.append(Entry(name, False, True))
            elif self._blobs[path][0] == _LINK and self._target(path) is not None:
                found.append(Entry(name, False, False))  # a link to a directory, not walked
        return found

    def is_file(self, path: str) -> bool:
        relative = self._relative(path)
        return relative is not None and self._file(relative) is not None

    def is_dir(self, path: str) -> bool:
        relative = self._relative(path)
        if relative is None:
            return False
        target = self._target(relative) if relative in self._blobs else relative
        return target is not None and target in self._dirs

    def read_bytes(self, path: str) -> bytes:
        relative = self._relative(path)
        file = self._file(relative) if relative is not None else None
        if file is None:
            raise OSError(errno.ENOENT, f"not in {self.revision}", path)
        sha = self._blobs[file][1]
        if sha not in self._data:
            self._fetch(file)
        data = self._data.get(sha)
        if data is None:
            raise OSError(errno.EIO, f"git has no object {sha}", path)
        return data

    def prefetch(self, paths: Iterable[str]) -> None:
        """Read the blobs of `paths` not read yet in one batch, and no other: a history point
        whose files are mostly known from the facts cache reads its few changed files
        alone, not every Python file of the revision. What cannot be read here is left
        to `read_bytes`."""
        wanted = set()
        for path in paths:
            relative = self._relative(path)
            file = self._file(relative) if relative is not None else None
            if file is not None and self._blobs[file][1] not in self._data:
                wanted.add(self._blobs[file][1])
        if not wanted:
            return
        try:
            self._data.update(read_blobs(self.top, sorted(wanted)))
        except subprocess.SubprocessError:
            return  # read_bytes reads them again, and says what failed

    def stamp(self, path: str) -> Stamp:
        relative = self._relative(path)
        if relative is not None and relative in self._blobs and self.is_dir(path):
            relative = self._target(relative)
        if relative is not None and relative in self._dirs:
            return ("tree", relative)
        file = self._file(relative) if relative is not None else None
        if file is None:
            raise OSError(errno.ENOENT, f"not in {self.revision}", path)
        return (self._blobs[file][1],)

    def identity(self) -> str | None:
        return self.tree_id

    def resolve(self, path: str) -> str:
        relative = self._relative(path)
        if relative is None or relative not in self._blobs:
            return os.path.normpath(path)
        target = self._target(relative)
        return path if target is None else self._absolute(target)

    def _add(self, path: str, mode: str, sha: str) -> None:
        self._blobs[path] = (mode, sha)
        directory, _, name = path.rpartition("/")
        self._directory(directory)[name] = path

    def _directory(self, path: str) -> dict[str, str | None]:
        """The names in the directory `path`, made (with those above it) when new."""
        names = self._dirs.get(path)
        if names is None:  # a directory met once: the ones above it are made at most once
            names = self._dirs[path] = {}
            parent, _, name = path.rpartition("/")
            self._directory(parent)[name] = None
        return names

    def _relative(self, path: str) -> str | None:
        """`path` relative to the repository's top, POSIX; None outside it."""
        normal = os.path.normpath(path)
        if normal == self.top:
            return ""
        if not normal.startswith(self.top + os.sep):
            return None
        relative = normal[len(self.top) + 1 :].replace(os.sep, "/")
        if relative in self._blobs or relative in self._dirs or "/" not in relative:
            return relative
        return self._through_links(relative)

    def _through_links(self, relative: str) -> str:
        """`relative` with the links to directories on its way replaced by their targets."""
        parts = relative.split("/")
        here = ""
        for part in parts[:-1]:
            here = f"{here}/{part}" if here else part
            if here in self._blobs and self._blobs[here][0] == _LINK:
                target = self._target(here)
                if target is None or target not in self._dirs:
                    return relative
                here = target
        return f"{here}/{parts[-1]}" if here else parts[-1]

    def _absolute(self, relative: str) -> str:
        return os.path.join(self.top, *relative.split("/")) if relative else self.top

    def _file(self, relative: str) -> str | None:
        """The file `relative` reads as (itself, or a link's target), or None."""
        if relative not in self._blobs:
            return None
        target = self._target(relative)
        return target if target is not None and target in self._blobs else None

    def _target(self, path: str) -> str | None:
        """Where the entry `path` leads: itself, or the end of its links inside the tree."""
        if self._blobs[path][0] != _LINK:
            return path
        if self._blobs[path][1] not in self._data:
            self._fetch(path)
        if path not in self._links:
            self._links[path] = self._follow(path)
        return self._links[path]

    def _follow(self, path: str) -> str | None:
        for _ in range(_HOPS):
            raw = self._data.get(self._blobs[path][1])
            if raw is None:
                return None
            target = os.fsdecode(raw)
            if posixpath.isabs(target):
                return None
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if path == ".." or path.startswith("../"):
                return None
            path = "" if path == "." else path
            if path not in self._blobs:
                return path if path in self._dirs else None
            if self._blobs[path][0] != _LINK:
                return path
        return None

    def _fetch(self, path: str) -> None:
        """Read the blob of `path` with every other unread one of its kind, in one batch."""
        python = path.endswith(_PYTHON) and self._blobs[path][0] != _LINK
        wanted = {self._blobs[path][1]}
        kind = "python" if python else "other"
        for other, (mode, sha) in self._blobs.items():
            fresh = other.startswith(self._prefix) and sha not in self._data
            if fresh and _kind_of(other, mode) == kind:
                wanted.add(sha)
        try:
            self._data.update(read_blobs(self.top, sorted(wanted)))
        except subprocess.SubprocessError as exc:
            raise UsageError(f"{self.revision}: git cat-file failed: {exc}") from None


def _directories(paths: Iterable[str]) -> set[str]:
    """Every directory above one of `paths`; each is met once going up, so the cost is linear."""
    found: set[str] = set()
    for path in paths:
        parent = path.rpartition("/")[0]
        while parent and parent not in found:
            found.add(parent)
            parent = parent.rpartition("/")[0]
    return found


def _file_above(path: str, files: set[str]) -> str | None:
    """The one of `files` (files or links) that `path` runs through, if any."""
    end = path.find("/")
    while end != -1:
        if path[:end] in files:
            return path[:end]
        end = path.find("/", end + 1)
    return None


def _kind_of(path: str, mode: str) -> str | None:
    if mode == _LINK:
        return "other"
    if path.endswith(_PYTHON):
        return "python"
    name = path.rpartition("/")[2]
    return "other" if name.endswith(_SUFFIXES) or name in _NAMES else None


def _not_a_repository(flag: str) -> Callable[[Path], str]:
    return lambda cwd: f"{flag}: {cwd} is not in a git repository"
