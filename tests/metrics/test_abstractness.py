"""A and D on a fixture with ABCs, ABCMeta, Protocols, abstract methods and a concrete
subclass, against numbers worked out by hand (tests/metrics/fixtures/abstracts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fitness import app
from fitness.model import PairImports
from fitness.model.classes import ClassFact
from fitness.views.metrics import package_metrics

FIXTURE = Path(__file__).parent / "fixtures" / "abstracts"


def test_abstractness_and_distance_of_the_fixture(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "abstracts", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fitness]\nsource_roots = ["."]\n\n[tool.fitness.rules.size]\n'
        'kind = "metrics"\nmax_modules = 10\n',
        encoding="utf-8",
    )
    measured = app.project_metrics(app.CheckOptions(tmp_path), (), 1)
    rows = [
        (p.name, p.classes, p.abstract, p.instability, p.abstractness, p.distance)
        for p in measured.packages
    ]
    # ports: Repository (ABC through an alias), Registry (ABCMeta), Clock and Sized
    # (Protocols), Handler (an abstract method) are abstract; Settings is not: A = 5/6,
    # and nothing it imports of the project, so I = 0 and D = |5/6 + 0 - 1| = 1/6.
    # adapters: SqlRepository implements its abstract base and is concrete; its Row is a
    # Protocol; Local is inside a function and not counted: A = 1/2, I = 1, D = 1/2.
    assert rows == [
        ("abstracts", 0, 0, 0.0, 0.0, 1.0),
        ("abstracts.adapters", 2, 1, 1.0, 0.5, 0.5),
        ("abstracts.ports", 6, 5, 0.0, pytest.approx(5 / 6), pytest.approx(1 / 6)),
    ]


def _fact(name: str, *bases: str, metaclass: str | None = None, methods: bool = False) -> ClassFact:
    return ClassFact(name, 1, bases, metaclass, methods)


def test_which_classes_are_abstract() -> None:
    assert [
        fact.abstract
        for fact in (
            _fact("A", "abc.ABC"),
            _fact("B", metaclass="abc.ABCMeta"),
            _fact("C", methods=True),
            _fact("D", "typing.Protocol"),
            _fact("E", "typing_extensions.Protocol"),
            _fact("F", "pkg.ports.Repository"),  # a subclass of a project class: concrete
            _fact("G", "ABC"),  # a name no import binds is not abc.ABC
            _fact("H", metaclass="type"),
        )
    ] == [True, True, True, True, True, False, False, False]


def test_cycles_are_the_strongly_connected_components_of_the_packages() -> None:
    modules = ["p.a", "p.b", "p.c", "p.d", "p.e"]
    pairs = {
        ("p.a", "p.b"): PairImports(1, 0, 0),
        ("p.b", "p.c"): PairImports(1, 0, 0),
        ("p.c", "p.a"): PairImports(1, 0, 0),
        ("p.c", "p.d"): PairImports(1, 0, 0),
        ("p.d", "p.e"): PairImports(1, 0, 0),
        ("p.e", "p.d"): PairImports(1, 0, 0),
    }
    measured = package_metrics(modules, pairs, {}, {}, depth=1)
    assert [(p.name, p.cycle) for p in measured.packages] == [
        ("p.a", ("p.b", "p.c")),
        ("p.b", ("p.a", "p.c")),
        ("p.c", ("p.a", "p.b")),
        ("p.d", ("p.e",)),
        ("p.e", ("p.d",)),
    ]
    assert measured.first_imports[("p.c", "p.d")] == ("p.c", "p.d")


def test_no_coupling_is_instability_0_and_no_classes_abstractness_0() -> None:
    measured = package_metrics(["q"], {}, {"q": 3}, {}, depth=1)
    [alone] = measured.packages
    assert (alone.lines, alone.instability, alone.abstractness, alone.distance) == (3, 0, 0, 1)
