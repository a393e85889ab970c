"""What `fitness init` finds in a project: its source roots, its packages, its ADRs."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from fitness.adr.directory import find_dir, read_decisions
from fitness.errors import UsageError
from fitness.init.vendored import Vendored, find_vendored
from fitness.parsing.discovery import Discovery, default_source_roots, discover

# Top-level directories of a flat layout that hold no product code, left out of the analysis.
_NOT_PRODUCT = frozenset(
    {"tests", "test", "testing", "docs", "doc", "examples", "example", "benchmarks", "bench"}
    | {"scripts", "tools", "build", "dist", "site", "htmlcov"}
)


class Project(NamedTuple):
    """The project as `fitness init` found it, with a word on how for each setting."""

    root: Path
    source_roots: tuple[str, ...]
    roots_how: str
    exclude: tuple[str, ...]  # anchored gitignore-style paths: "/tests/", "/setup.py"
    discovery: Discovery
    adr_dir: str | None
    adr_how: str
    adrs: tuple[tuple[str, str], ...] = ()  # (key, title) of each record there
    vendored: tuple[Vendored, ...] = ()  # vendored third-party code, in `exclude` too

    @property
    def packages(self) -> tuple[str, ...]:
        """The top-level packages and modules under the source roots."""
        return tuple(sorted({module.split(".")[0] for module in self.discovery.modules}))


def detect(root: Path) -> Project:
    """Find the source roots (`src`, else the project root), the packages and the ADRs.

    In a flat layout (no `src`) the top-level modules and the directories that
    hold tests, documentation or scripts are excluded, when there is a package
    beside them: they are not the code whose architecture is being described.
    Nor is vendored third-party code (`fitness.init.vendored`), excluded in any layout.
    """
    roots = default_source_roots(root)
    found = discover(root, roots)
    how = "src/ exists" if roots == ("src",) else "there is no src/ directory"
    exclude: list[str] = []
    if roots == (".",):
        exclude = _flat_layout_extras(found)
        if exclude:
            found = discover(root, roots, exclude)
    vendored = find_vendored(root, found)
    if vendored:
        exclude.extend(entry.exclude for entry in vendored)
        found = discover(root, roots, exclude)
    if not found.files:
        where = "src/" if roots == ("src",) else "the project root"
        raise UsageError(
            f"no Python file under {where} ({root}): run `fitness init` in the project's "
            "root directory"
        )
    directory, adr_how = find_dir(root, None)
    if directory is not None and not (root / directory).is_dir():
        directory, adr_how = None, f"{adr_how} names {directory}, which does not exist"
    records = read_decisions(root, directory).records if directory is not None else ()
    adrs = tuple((adr.key, adr.title) for adr in records)
    return Project(root, roots, how, tuple(exclude), found, directory, adr_how, adrs, vendored)


def _flat_layout_extras(found: Discovery) -> list[str]:
    """The top-level entries beside the project's packages that are no product code."""
    packages, others = set(), set()
    for source in found.files:
        top, dot, _ = source.module.partition(".")
        if not dot and not source.is_package:
            others.add(f"/{source.path}")  # a module at the top: setup.py, conftest.py
        elif top in _NOT_PRODUCT or top in found.namespaces:
            others.add(f"/{top}/")
        else:
            packages.add(top)
    return sorted(others) if packages else []
