"""A tree held in a dict, for tests: relative POSIX paths to bytes under a root."""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
from collections.abc import Mapping

from fitness.tree import Entry, Stamp


class MemoryTree:
    """The files of `files` (relative POSIX path -> bytes) under `root`. Stamp: the bytes' hash."""

    def __init__(self, root: str, files: Mapping[str, bytes]) -> None:
        self.root = os.path.normpath(root)
        self._files = {posixpath.normpath(path): data for path, data in files.items()}
        self._dirs: dict[str, set[str]] = {".": set()}
        for path in self._files:
            parts = path.split("/")
            for end in range(len(parts)):
                parent = "/".join(parts[:end]) or "."
                self._dirs.setdefault(parent, set()).add(parts[end])

    def entries(self, directory: str) -> list[Entry]:
        names = self._dirs.get(self._relative(directory))
        if names is None:
            raise _missing(directory, errno.ENOTDIR)
        here = self._relative(directory)
        found = []
        for name in sorted(names):
            path = name if here == "." else f"{here}/{name}"
            found.append(Entry(name, path in self._dirs, path in self._files))
        return found

    def is_file(self, path: str) -> bool:
        return self._relative(path) in self._files

    def is_dir(self, path: str) -> bool:
        return self._relative(path) in self._dirs

    def read_bytes(self, path: str) -> bytes:
        data = self._files.get(self._relative(path))
        if data is None:
            raise _missing(path, errno.ENOENT)
        return data

    def stamp(self, path: str) -> Stamp:
        relative = self._relative(path)
        if relative in self._dirs:
            return ("dir", ",".join(sorted(self._dirs[relative])))
        return ("file", hashlib.blake2b(self.read_bytes(path), digest_size=16).hexdigest())

    def resolve(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.root, path))

    def identity(self) -> str | None:
        return None

    def _relative(self, path: str) -> str:
        relative = os.path.relpath(os.path.normpath(path), self.root)
        return "?" if relative.startswith("..") else relative.replace(os.sep, "/")


def _missing(path: str, code: int) -> OSError:
    return OSError(code, os.strerror(code), path)
