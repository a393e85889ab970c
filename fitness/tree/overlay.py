"""A tree with some files replaced: another tree's files, and these bytes over it.

`--config-from REV` reads REV's configuration with the renames the change made
since written in (`fitness.app.config_from`); an editor's unsaved buffers over
the work tree are the same shape.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping

from fitness.tree import Entry, Stamp, Tree, prefetch


class OverlayTree:
    """`base`, except that each file of `files` (absolute path -> bytes) reads as given.

    Stamp of a replaced file: a hash of its bytes. The files replace existing
    ones or add files to existing directories.
    """

    def __init__(self, base: Tree, files: Mapping[str, bytes]) -> None:
        self._base = base
        self._files = {os.path.normpath(path): data for path, data in files.items()}

    def entries(self, directory: str) -> list[Entry]:
        found = {entry.name: entry for entry in self._base.entries(directory)}
        here = os.path.normpath(directory)
        for path in self._files:
            parent, name = os.path.split(path)
            if parent == here:
                found[name] = Entry(name, False, True)
        return [found[name] for name in sorted(found)]

    def is_file(self, path: str) -> bool:
        return os.path.normpath(path) in self._files or self._base.is_file(path)

    def is_dir(self, path: str) -> bool:
        return self._base.is_dir(path)

    def read_bytes(self, path: str) -> bytes:
        data = self._files.get(os.path.normpath(path))
        return self._base.read_bytes(path) if data is None else data

    def prefetch(self, paths: Iterable[str]) -> None:
        prefetch(self._base, [path for path in paths if os.path.normpath(path) not in self._files])

    def stamp(self, path: str) -> Stamp:
        data = self._files.get(os.path.normpath(path))
        if data is None:
            return self._base.stamp(path)
        return ("overlay", hashlib.blake2b(data, digest_size=16).hexdigest())

    def identity(self) -> str | None:
        """None over a tree that changes in place (an editor's buffers over the work tree);
        over a git revision, its tree id and a hash of the files laid over it."""
        base = self._base.identity()
        if base is None:
            return None
        digest = hashlib.blake2b(digest_size=16)
        for path in sorted(self._files):
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.blake2b(self._files[path], digest_size=16).digest())
        return f"{base}+{digest.hexdigest()}"

    def resolve(self, path: str) -> str:
        normal = os.path.normpath(path)
        return normal if normal in self._files else self._base.resolve(path)
