"""Ca, Ce and I checked against grimp (import-linter's graph), an independent computation.

grimp builds its graph by importing nothing but finding the package on sys.path;
fitness reads a copy of the same files from a temporary project. Each package's
importers and imports among the packages one level below the top-level package
must be the same sets, and I = Ce/(Ca+Ce) follows from them (0 without coupling).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import grimp
import pytest

from fitness import app
from fitness.views.metrics import Metrics

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_fixture_agrees_with_grimp_and_with_the_numbers_worked_out_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES))
    measured = _measure(tmp_path, FIXTURES / "metricshop", "metricshop")
    assert _coupling(measured) == _grimp_coupling("metricshop")
    rows = [
        (p.name, p.modules, p.lines, p.ca, p.ce, round(p.instability, 4), p.cycle)
        for p in measured.packages
    ]
    assert rows == [
        ("metricshop", 1, 0, 0, 0, 0.0, ()),
        ("metricshop.api", 2, 7, 1, 3, 0.75, ("metricshop.jobs", "metricshop.services")),
        ("metricshop.domain", 3, 7, 3, 1, 0.25, ("metricshop.infra",)),
        ("metricshop.infra", 2, 3, 2, 1, 0.3333, ("metricshop.domain",)),
        ("metricshop.jobs", 1, 2, 1, 1, 0.5, ("metricshop.api", "metricshop.services")),
        ("metricshop.services", 2, 8, 2, 3, 0.6, ("metricshop.api", "metricshop.jobs")),
    ]


# click: a dependency of fitness, so always installed; flat, every module a package.
# markdown_it: subpackages (rules_block, rules_inline, common, helpers, presets), relative
# imports throughout and imports under TYPE_CHECKING; installed with rich when present.
@pytest.mark.parametrize("name", ["click", "markdown_it"])
def test_a_real_package_agrees_with_grimp(tmp_path: Path, name: str) -> None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        pytest.skip(f"{name} is not installed")
    measured = _measure(tmp_path, Path(spec.origin).parent, name)
    expected = _grimp_coupling(name)
    assert len(measured.packages) > 10
    assert any(p.ce for p in measured.packages)
    assert _coupling(measured) == expected
    for package in measured.packages:
        importers, imports = expected[package.name]
        coupling = len(importers) + len(imports)
        assert package.instability == (len(imports) / coupling if coupling else 0.0)


def _measure(tmp_path: Path, source: Path, name: str) -> Metrics:
    shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fitness]\nsource_roots = ["."]\n\n[tool.fitness.rules.size]\n'
        'kind = "metrics"\nmax_modules = 1000\n',
        encoding="utf-8",
    )
    return app.project_metrics(app.CheckOptions(tmp_path), (), 1)


Coupling = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


def _coupling(measured: Metrics) -> Coupling:
    return {p.name: (p.afferent, p.efferent) for p in measured.packages}


def _grimp_coupling(name: str) -> Coupling:
    """Each package one level below `name` (or `name` itself): (importers, imports)."""
    graph = grimp.build_graph(name, cache_dir=None)

    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    importers: dict[str, set[str]] = {package(m): set() for m in graph.modules}
    imports: dict[str, set[str]] = {package(m): set() for m in graph.modules}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            source, target = package(module), package(imported)
            if source != target and target in imports:
                imports[source].add(target)
                importers[target].add(source)
    return {n: (tuple(sorted(importers[n])), tuple(sorted(imports[n]))) for n in sorted(imports)}
