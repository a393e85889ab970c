"""The files every tool and every raw-parse baseline reads: the package's importable modules."""

from __future__ import annotations

import os
from pathlib import Path


def module_files(project: Path, package: str) -> list[Path]:
    """`*.py` files under `project/package` whose path parts are all identifiers.

    That is the set fitness parses: a file such as `0001_initial.py` cannot be
    imported by name, so fitness skips it (import-linter counts it as a file).
    """
    found = []
    for directory, subdirectories, names in os.walk(project / package):
        subdirectories[:] = sorted(
            d for d in subdirectories if d.isidentifier() and d != "__pycache__"
        )
        for name in sorted(names):
            stem, _, suffix = name.rpartition(".")
            if suffix == "py" and stem.isidentifier():
                found.append(Path(directory, name))
    return found


def all_python_files(project: Path, package: str) -> list[Path]:
    """Every `*.py` file under the package, importable or not."""
    return sorted(p for p in (project / package).rglob("*.py") if "__pycache__" not in p.parts)
