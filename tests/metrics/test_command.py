"""`fitness metrics` on examples/shop: the table, CSV and JSON, exactly; a warm run parses nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from fitness.model import NO_BANS, Bans
from fitness.parsing import collect
from fitness.parsing.codec import Encoded
from support import Result

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "metrics.schema.json"

TABLE = """\
package              modules  lines  Ca  Ce     I     A     D  cycle
shop                       1      1   0   0  0.00  0.00  1.00
shop.api                   3     10   1   1  0.50  0.00  0.50  shop.domain shop.services
shop.domain                4     22   1   2  0.67  0.00  0.33  shop.api shop.services
shop.infrastructure        4     18   2   0  0.00  0.00  1.00
shop.jobs                  3      8   0   1  1.00  0.00  0.00
shop.services              2      6   2   2  0.50  0.00  0.50  shop.api shop.domain
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    copy = tmp_path / "shop"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".fitness_cache"))
    return copy


def test_the_table(shop: Path, run: Callable[..., Result]) -> None:
    assert run("metrics", cwd=shop) == Result(0, TABLE, "")


def test_csv_has_a_header_row_and_four_places(shop: Path, run: Callable[..., Result]) -> None:
    result = run("metrics", "--format", "csv", cwd=shop)
    assert result.out.splitlines()[:3] == [
        "package,modules,lines,Ca,Ce,I,A,D,cycle",
        "shop,1,1,0,0,0.0000,0.0000,1.0000,",
        "shop.api,3,10,1,1,0.5000,0.0000,0.5000,shop.domain shop.services",
    ]
    assert (result.code, len(result.out.splitlines())) == (0, 7)


def test_json_follows_its_schema(shop: Path, run: Callable[..., Result]) -> None:
    result = run("metrics", "--format", "json", "--depth", "2", cwd=shop)
    document = json.loads(result.out)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert (document["roots"], document["depth"]) == (["shop"], 2)
    domain = next(p for p in document["packages"] if p["name"] == "shop.domain.events")
    assert domain == {
        "name": "shop.domain.events",
        "modules": 1,
        "lines": 9,  # its docstring's 3 lines and 6 of code
        "classes": 0,
        "abstract_classes": 0,
        "afferent": 1,
        "efferent": 2,
        "instability": 0.6667,
        "abstractness": 0.0,
        "distance": 0.3333,
        "importers": ["shop.domain.order"],
        "imports": ["shop.domain.order", "shop.infrastructure.bus"],
        "cycle": ["shop.domain.order"],  # which imports it under TYPE_CHECKING
    }


def test_a_module_argument_measures_below_it(shop: Path, run: Callable[..., Result]) -> None:
    result = run("metrics", "shop.domain", cwd=shop)
    assert result.out.splitlines()[0].split() == [
        "package",
        *["modules", "lines", "Ca", "Ce", "I", "A", "D", "cycle"],
    ]
    assert [line.split()[0] for line in result.out.splitlines()[1:]] == [
        "shop.domain",
        "shop.domain.events",
        "shop.domain.order",
        "shop.domain.pricing",
    ]


def test_usage_errors(shop: Path, run: Callable[..., Result]) -> None:
    assert run("metrics", "shop.domian", cwd=shop) == Result(
        2,
        "",
        "fitness: shop.domian: no such module under the source roots (fitness metrics takes "
        "module names, such as shop)\n",
    )
    assert run("metrics", "--depth", "-1", cwd=shop).code == 2


def test_a_warm_run_parses_nothing(
    shop: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("metrics", cwd=shop).out == TABLE

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a warm run parsed a file")

    monkeypatch.setattr(collect, "extract_bytes", refuse)
    assert run("metrics", cwd=shop) == Result(0, TABLE, "")


def test_the_readme_shows_this_very_table() -> None:
    readme = (EXAMPLE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "$ fitness metrics\n" + TABLE in readme


def test_a_cold_run_parses_each_file_once_and_a_check_after_it_none(
    shop: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rules read no classes, but the metrics do: the run before them gathers them too,
    # rather than the metrics parsing every file a second time.
    parsed: list[int] = []
    extract_bytes = collect.extract_bytes

    def counted(data: bytes, bans: Bans = NO_BANS) -> tuple[Encoded, bool]:
        parsed.append(len(data))
        return extract_bytes(data, bans)

    monkeypatch.setattr(collect, "extract_bytes", counted)
    assert run("metrics", cwd=shop).out == TABLE
    assert len(parsed) == len(list((shop / "src").rglob("*.py")))
    parsed.clear()
    assert run("check", cwd=shop).code == 1
    assert parsed == []
