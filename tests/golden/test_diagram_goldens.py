"""`fitness graph` on examples/shop in every format, compared with tests/golden/diagrams/.

`pytest --update-goldens` rewrites the files; read every diff before committing it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.reporters.diagrams import DIAGRAMS
from support import EXAMPLE, Result

HERE = Path(__file__).parent / "diagrams"
EXTENSIONS = {"dot": "dot", "html": "html", "json": "json", "mermaid": "mmd"}
CASES = [
    ("shop", ()),
    ("shop-depth-2", ("shop", "--depth", "2")),
    ("shop-rule-layers", ("--rule", "layered-architecture")),
    ("shop-rule-forbidden", ("--rule", "domain-is-pure")),
]


# The page holds the JSON document and draws it itself: one golden of it is enough.
FORMATS_AND_CASES = [
    (name, case, arguments)
    for case, arguments in CASES
    for name in sorted(EXTENSIONS)
    if name != "html" or case == "shop"
]


def test_every_diagram_format_has_a_golden() -> None:
    assert sorted(EXTENSIONS) == sorted([*DIAGRAMS, "html"])


@pytest.mark.parametrize(("name", "case", "arguments"), FORMATS_AND_CASES)
def test_diagram_golden(
    name: str,
    case: str,
    arguments: tuple[str, ...],
    tmp_path: Path,
    run: Callable[..., Result],
    update_goldens: bool,
) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))

    drawn: Result = run("graph", "--format", name, *arguments, cwd=shop)

    assert (drawn.code, drawn.err) == (0, "")
    golden = HERE / f"{case}.{EXTENSIONS[name]}"
    if update_goldens:
        golden.write_text(drawn.out, encoding="utf-8")
    assert drawn.out == golden.read_text(encoding="utf-8")


def test_the_json_goldens_follow_the_documented_schema() -> None:
    import json

    import jsonschema

    schema = json.loads((HERE.parents[2] / "docs" / "graph.schema.json").read_text("utf-8"))
    for golden in sorted(HERE.glob("*.json")):
        jsonschema.validate(json.loads(golden.read_text("utf-8")), schema)


def test_the_readme_shows_the_example_as_fitness_draws_it() -> None:
    readme = (HERE.parents[2] / "README.md").read_text("utf-8")
    drawn = (HERE / "shop.mmd").read_text("utf-8")

    assert f"```mermaid\n{drawn}```\n" in readme


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (
            ("--rule", "layered"),
            "fitness: --rule layered: no such rule in the configuration\n",
        ),
        (
            ("--rule", "security-pickle"),
            "fitness: --rule security-pickle: a banned-api rule has no picture of its own yet "
            "(forbidden and layers rules have); draw the packages without --rule\n",
        ),
        (
            ("shop.api", "--rule", "domain-is-pure"),
            "fitness: --rule draws the modules the rule names: give no MODULE with it\n",
        ),
        (
            ("shop.nowhere",),
            "fitness: shop.nowhere: no such module under the source roots "
            "(fitness graph takes module names, such as shop)\n",
        ),
        (("--depth", "-1"), "fitness: --depth -1: give 0 or more levels below the modules\n"),
    ],
)
def test_what_cannot_be_drawn_is_a_usage_error(
    arguments: tuple[str, ...], said: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))

    drawn = run("graph", *arguments, cwd=shop)

    assert (drawn.code, drawn.out, drawn.err) == (2, "", said)
