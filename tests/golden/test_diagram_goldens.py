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
    ("estate", ()),
    ("estate-depth-2", ("--depth", "2")),
    ("estate-rule-layers", ("--rule", "contexts-layered")),
    ("estate-rule-acyclic", ("--rule", "no-cycles")),
    ("estate-rule-independence", ("--rule", "contexts-independent")),
    ("estate-rule-protected", ("--rule", "shared-is-protected")),
]
ESTATE = Path(__file__).parent / "estate"  # containers, a cycle, and each kind of graph rule


# The page holds the JSON document and draws it itself: a golden of each project is enough.
FORMATS_AND_CASES = [
    (name, case, arguments)
    for case, arguments in CASES
    for name in sorted(EXTENSIONS)
    if name != "html" or case in ("shop", "estate")
]


def test_every_diagram_format_has_a_golden() -> None:
    assert sorted(EXTENSIONS) == sorted([*DIAGRAMS, "html", "json"])


@pytest.mark.parametrize(("name", "case", "arguments"), FORMATS_AND_CASES)
def test_diagram_golden(
    name: str,
    case: str,
    arguments: tuple[str, ...],
    tmp_path: Path,
    run: Callable[..., Result],
    update_goldens: bool,
) -> None:
    project = tmp_path / "project"
    source = ESTATE if case.startswith("estate") else EXAMPLE
    shutil.copytree(source, project, ignore=shutil.ignore_patterns(".fitness_cache"))

    drawn: Result = run("graph", "--format", name, *arguments, cwd=project)

    assert (drawn.code, drawn.err) == (0, "")
    golden = HERE / f"{case}.{EXTENSIONS[name]}"
    if update_goldens:
        golden.write_text(drawn.out, encoding="utf-8")
    assert drawn.out == golden.read_text(encoding="utf-8")


def test_the_json_goldens_follow_the_documented_schema() -> None:
    import json

    import jsonschema
    from referencing import Registry, Resource

    docs = HERE.parents[2] / "docs"
    schema, report = (
        json.loads((docs / name).read_text("utf-8"))
        for name in ("graph.schema.json", "json-report.schema.json")
    )
    registry = Registry().with_resource(report["$id"], Resource.from_contents(report))
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    goldens = sorted(HERE.glob("*.json"))
    assert len(goldens) == len(CASES)
    for golden in goldens:
        validator.validate(json.loads(golden.read_text("utf-8")))


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
            "fitness: --rule security-pickle: a banned-api rule is about names used, not "
            "imports between modules, so it has no picture; `fitness check` lists its findings\n",
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


def test_the_step_summary_draws_the_first_broken_rules(
    tmp_path: Path, run: Callable[..., Result], update_goldens: bool
) -> None:
    """Four graph rules are broken: the Markdown report draws the first three, each its own
    view with its violating imports, as a Mermaid block GitHub renders."""
    import re

    project = tmp_path / "project"
    shutil.copytree(ESTATE, project, ignore=shutil.ignore_patterns(".fitness_cache"))

    printed: Result = run("check", "--format", "markdown", cwd=project)
    written = run("check", "--output", "markdown:summary.md", cwd=project)

    assert (printed.code, printed.err, written.code) == (1, "", 1)

    def timeless(text: str) -> str:
        return re.sub(r" in \d+\.\d\ds\.", " in 0.00s.", text)

    summary = timeless(printed.out)
    assert timeless((project / "summary.md").read_text("utf-8")) == summary
    golden = HERE / "estate-summary.md"
    if update_goldens:
        golden.write_text(summary, encoding="utf-8")
    assert summary == golden.read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", summary, flags=re.DOTALL)
    assert [block.splitlines()[0] for block in blocks] == [
        "%% fitness graph --rule contexts-layered",
        "%% fitness graph --rule no-cycles",
        "%% fitness graph --rule contexts-independent",
    ]
