"""The standard library of the Python that runs fitness, by top-level name.

Python 3.10+ lists it (`sys.stdlib_module_names`). Python 3.9 does not, so the
list is read off the interpreter's own files: its built-in modules plus every
top-level module and package in its standard-library directories (and their
`lib-dynload`), leaving out `site-packages`, plus the few that no listing of one
installation can show. Nothing is imported.

`allowed`'s `may_import` and `forbidden`'s `to` accept two words in place of a
module: `"stdlib"`, every standard-library module, and `"third-party"`, every
other module from outside the project (any distribution).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path


def stdlib_names() -> frozenset[str]:
    """Every top-level standard-library module name of this interpreter."""
    if sys.version_info >= (3, 10):
        return frozenset(sys.stdlib_module_names) | frozenset(sys.builtin_module_names)
    return frozenset(sys.builtin_module_names) | listed_names(_stdlib_dirs()) | _UNSEEN


def listed_names(directories: Iterable[Path]) -> frozenset[str]:
    """The top-level modules and packages in `directories`, as an import would find them."""
    from importlib.machinery import EXTENSION_SUFFIXES, SOURCE_SUFFIXES

    suffixes = (*SOURCE_SUFFIXES, *EXTENSION_SUFFIXES)
    found: set[str] = set()
    for directory in directories:
        if not directory.is_dir():
            continue
        for entry in directory.iterdir():
            if entry.is_dir():
                name = entry.name if (entry / "__init__.py").is_file() else ""
            else:
                name = next((entry.name[: -len(s)] for s in suffixes if entry.name.endswith(s)), "")
            if name.isidentifier() and name != "__pycache__":
                found.add(name)
    return frozenset(found)


def _stdlib_dirs() -> list[Path]:
    import sysconfig  # only Python 3.9 needs it

    paths = sysconfig.get_paths()
    roots = {Path(paths[key]) for key in ("stdlib", "platstdlib")}
    return [path for root in sorted(roots) for path in (root, root / "lib-dynload")]


# Standard-library modules of 3.9 that no listing of one installation shows: frozen
# modules, other platforms' modules, optional extensions this build may lack.
_UNSEEN = frozenset(
    (
        "_frozen_importlib",
        "_frozen_importlib_external",
        "_dbm",
        "_gdbm",
        "_msi",
        "_overlapped",
        "_scproxy",
        "_winapi",
        "msilib",
        "msvcrt",
        "nt",
        "winreg",
        "winsound",
    )
)

STDLIB = stdlib_names()

THIRD_PARTY = "third-party"
STDLIB_WORD = "stdlib"
WORDS = (THIRD_PARTY, STDLIB_WORD)

# How a message names what a word stands for: `(the domain may import only ... and third-party
# packages)`, and what a finding says its module is: `must not import requests (third-party)`.
SPOKEN = {THIRD_PARTY: "third-party packages", STDLIB_WORD: "the standard library"}
LABEL = {THIRD_PARTY: "third-party", STDLIB_WORD: "standard library"}


def in_stdlib(module: str) -> bool:
    """Whether the external `module` (`json`, `os.path`) is in the standard library."""
    return module.split(".")[0] in STDLIB


def word_covers(word: str, module: str) -> bool:
    """Whether `word` names the external `module`: `stdlib` its standard library, or the rest."""
    return in_stdlib(module) == (word == STDLIB_WORD)
