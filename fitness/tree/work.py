"""The work tree: the files on the disk, as they are now."""

from __future__ import annotations

import os
from pathlib import Path

from fitness.tree import Entry, Stamp


class WorkTree:
    """The files on the disk. Stamp: (mtime in ns, size, ctime in ns, inode)."""

    def entries(self, directory: str) -> list[Entry]:
        with os.scandir(directory) as listing:
            found = [Entry(e.name, e.is_dir(follow_symlinks=False), e.is_file()) for e in listing]
        found.sort(key=lambda entry: entry.name)
        return found

    def is_file(self, path: str) -> bool:
        return os.path.isfile(path)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def read_bytes(self, path: str) -> bytes:
        with open(path, "rb") as source:
            return source.read()

    def stamp(self, path: str) -> Stamp:
        stat = os.stat(path)
        return stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns, stat.st_ino

    def resolve(self, path: str) -> str:
        return str(Path(path).resolve())

    def identity(self) -> str | None:
        return None


# The work tree holds no state of its own: one serves every caller.
WORK = WorkTree()
