"""What discovery found under the source roots, and where else the project keeps Python.

The module checks see discovery through these protocols, so `config` needs no
import of `parsing` (the two are independent layers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from typing import NamedTuple, Protocol


class SourceLike(Protocol):
    """A module file found under a source root."""

    @property
    def module(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def is_package(self) -> bool: ...


class Home(Protocol):
    """A directory that could be a source root, and the top-level names it holds."""

    @property
    def path(self) -> str: ...

    @property
    def packages(self) -> frozenset[str]: ...

    @property
    def namespaces(self) -> frozenset[str]: ...

    @property
    def modules(self) -> frozenset[str]: ...


class Layout(NamedTuple):
    """The source roots searched (as configured), what they hold, and a look elsewhere.

    `homes` walks the project, so it is called only to word a problem.
    """

    roots: tuple[str, ...]
    defaulted: bool  # the roots are the default, `source_roots` is not set
    modules: frozenset[str]
    files: Sequence[SourceLike]
    homes: Callable[[], Sequence[Home]]
    unreadable: tuple[str, ...] = ()  # directories under the roots that could not be listed

    def searched(self) -> str:
        """`searched: src` (`searched: src, by default` when `source_roots` is not set)."""
        return "searched: " + ", ".join(self.roots) + (", by default" if self.defaulted else "")

    def roots_holding(self, matches: Callable[[str], bool]) -> list[str]:
        """The configured roots that hold a module `matches` accepts (or one of its packages)."""
        found = set()
        for source in self.files:
            parts = source.module.split(".")
            if any(matches(".".join(parts[:end])) for end in range(1, len(parts) + 1)):
                found.add(_root_of(source))
        return [root for root in self.roots if _normal(root) in found]


def no_python(layout: Layout) -> str:
    """The problem of source roots that hold no Python file, with the roots that would."""
    searched = layout.searched()
    if layout.unreadable:
        searched += "; cannot read " + ", ".join(layout.unreadable)
    homes = layout.homes()
    if not homes:
        return (
            f"no Python file under the source roots ({searched}; "
            "none elsewhere in the project either, with exclude and .gitignore applied)"
        )
    # A directory holding a regular package is the likeliest root; the shallowest wins.
    best = min(homes, key=lambda h: (not h.packages, _depth(h.path), h.path))
    return (
        f"no Python file under the source roots ({searched}; "
        f"did you mean {roots_setting([best.path])}?)"
    )


def elsewhere(top: str, layout: Layout, keep: Sequence[str]) -> str | None:
    """`'flask' is a package in lib/: did you mean source_roots = ["lib"]?`, or None.

    `keep` are the configured roots the rest of the configuration needs.
    """
    found = []
    for home in layout.homes():
        if top in home.packages or top in home.namespaces:
            found.append((0 if top in home.packages else 1, home.path, "package"))
        elif top in home.modules:
            found.append((2, home.path, "module"))
    if not found:
        return None
    _, path, what = min(found, key=lambda f: (f[0], _depth(f[1]), f[1]))
    place = "at the project root" if path == "." else f"in {path}/"
    roots = list(dict.fromkeys([*keep, path]))
    return f"'{top}' is a {what} {place}: did you mean {roots_setting(roots)}?"


def roots_setting(roots: Sequence[str]) -> str:
    """`source_roots = ["lib", "src"]`, as it would be written in the configuration."""
    return "source_roots = [" + ", ".join(f'"{root}"' for root in roots) + "]"


def _root_of(source: SourceLike) -> str:
    """The source root a file was found under, from its path and its module name."""
    parts = PurePosixPath(source.path).parts[:-1]
    depth = len(source.module.split(".")) - (0 if source.is_package else 1)
    root = parts[: len(parts) - depth]
    return "/".join(root) or "."


def _normal(root: str) -> str:
    return PurePosixPath(os.path.normpath(root).replace(os.sep, "/")).as_posix()


def _depth(path: str) -> int:
    return 0 if path == "." else path.count("/") + 1
