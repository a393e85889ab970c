"""The files a run reads, wherever they are: the work tree, a git revision, or a dict.

Every stage (discovery, configuration, rule packs, ADRs, the baseline, facts)
reads through a `Tree` it is given, so another revision is read from git's
objects as the work tree is read from the disk, and never copied. Paths are
absolute, in the form of this system (`str(path)`); a tree answers for the
paths under its root and knows no other file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol, Union, runtime_checkable

# What tells one version of a file from another without reading it: opaque, equal
# for equal versions, stored in the caches (so made of ints and strings only).
Stamp = tuple[Union[int, str], ...]


class Entry(NamedTuple):
    """One name in a directory listing."""

    name: str
    is_dir: bool  # a directory itself, not a link to one (links to directories are not walked)
    is_file: bool  # a file, or a link that reads as one


class Tree(Protocol):
    """Read-only access to one version of the project's files."""

    def entries(self, directory: str) -> list[Entry]:
        """The names in `directory`, sorted; OSError when it is no directory or unreadable."""
        ...

    def is_file(self, path: str) -> bool:
        """Whether `path` reads as a file (a link to a file does)."""
        ...

    def is_dir(self, path: str) -> bool:
        """Whether `path` is a directory (following links, as `os.path.isdir`)."""
        ...

    def read_bytes(self, path: str) -> bytes:
        """The contents of the file `path`; OSError when there is none or it cannot be read."""
        ...

    def stamp(self, path: str) -> Stamp:
        """The version of the file or directory `path`, cheaply; OSError when there is none."""
        ...

    def resolve(self, path: str) -> str:
        """`path` absolute and normalised, links followed where the tree has them."""
        ...

    def identity(self) -> str | None:
        """A name for this whole version of the files, if it has one that changes with
        any of them (a git tree id); None for files that change in place."""
        ...


@runtime_checkable
class Prefetching(Protocol):
    """A tree that reads many files at once faster than one by one (a git revision's)."""

    def prefetch(self, paths: Iterable[str]) -> None:
        """Read the files `paths` together, ahead of their `read_bytes` (which reports any
        error): only these, however many others the tree holds."""
        ...


def prefetch(tree: Tree, paths: Iterable[str]) -> None:
    """Tell `tree` which files are about to be read, if reading them together helps it."""
    if isinstance(tree, Prefetching):
        tree.prefetch(paths)


def read_text(tree: Tree, path: str, encoding: str = "utf-8") -> str:
    """The file `path` of `tree` decoded, newlines made `\\n` (as `Path.read_text`).

    OSError or UnicodeDecodeError when it cannot be.
    """
    text = tree.read_bytes(path).decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
