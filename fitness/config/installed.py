"""Whether a top-level module name is in the standard library or installed, without importing it.

`importlib.machinery.PathFinder.find_spec` looks for the name on `sys.path` and
describes what it would load, but executes nothing (unlike an import, and unlike
`importlib.util.find_spec`, which consults every meta-path finder and, for a dotted
name, imports the parents). Entries of `sys.path` inside the project are left out:
the project's own code is not "installed".
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_STDLIB: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ())) | frozenset(
    sys.builtin_module_names
)


def is_stdlib(top: str) -> bool:
    """Whether `top` is a standard-library module of this interpreter."""
    if top in _STDLIB:
        return True
    if sys.version_info >= (3, 10):
        return False
    # Python 3.9 has no list of its standard library: look where the module lives.
    origin = _origin(top, None)
    if origin is None or {"site-packages", "dist-packages"} & set(origin.parts):
        return False
    import sysconfig  # only Python 3.9 needs it

    paths = sysconfig.get_paths()
    return any(_under(origin, Path(paths[key])) for key in ("stdlib", "platstdlib"))


def is_installed(top: str, project_root: Path) -> bool:
    """Whether `top` is found on `sys.path` outside `project_root` (executing nothing)."""
    from importlib.machinery import PathFinder

    project = project_root.resolve()
    outside = [entry for entry in sys.path if not _under(Path(entry or os.getcwd()), project)]
    return PathFinder.find_spec(top, outside) is not None


def _origin(top: str, path: list[str] | None) -> Path | None:
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec(top, path)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin)


def _under(path: Path, base: Path) -> bool:
    try:
        path.resolve().relative_to(base.resolve())
    except (ValueError, OSError):
        return False
    return True
