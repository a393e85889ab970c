"""`fitness adr`: which decisions are enforced, by which rules, with how many findings now."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from support import Result

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"

TABLE = """\
ADR       STATUS                  TITLE                                     CONFIRMATION  RULES (FINDINGS NOW)
ADR-0001  accepted                Record architecture decisions             unconfirmed   -
ADR-0002  accepted                Layered architecture                      broken        layered-architecture (2)
ADR-0003  superseded by ADR-0005  The API reads data only through services  -             api-does-not-touch-the-database (0)
ADR-0004  accepted                The domain is pure                        broken        domain-is-pure (2)
ADR-0005  accepted                The API reads from read models            unconfirmed   -
ADR-0006  proposed                Jobs use a task queue                     -             -

0 of 4 accepted decisions are confirmed, 2 broken, 2 unconfirmed.
Broken (a rule that confirms it has findings, is missing or does not run):
  ADR-0002  Layered architecture
  ADR-0004  The domain is pure
Unconfirmed (no rule cites it, and its Confirmation names none):
  ADR-0001  Record architecture decisions
  ADR-0005  The API reads from read models
"""


def _shop(tmp_path: Path) -> Path:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))
    return shop


def test_the_example_shop_table(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("adr", cwd=_shop(tmp_path))

    assert (result.code, result.out, result.err) == (0, TABLE, "")


def test_json_lists_every_record_with_its_rules(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("adr", "--format", "json", cwd=_shop(tmp_path))

    document = json.loads(result.out)
    assert (document["schema"], document["version"], document["dir"]) == (
        "fitness-adrs",
        2,
        "docs/adr",
    )
    assert document["adrs"][2] == {
        "key": "ADR-0003",
        "number": 3,
        "title": "The API reads data only through services",
        "status": "superseded",
        "successor": "ADR-0005",
        "path": "docs/adr/0003-api-reads-through-services.md",
        "date": "2026-01-26",
        "confirmation": None,
        "rules": [
            {
                "id": "api-does-not-touch-the-database",
                "status": "kept",
                "findings": 0,
                "cites": True,
                "named_at": None,
            }
        ],
    }
    assert [adr["key"] for adr in document["adrs"]] == [f"ADR-000{n}" for n in range(1, 7)]
    assert document["unenforced"] == ["ADR-0001", "ADR-0005"]


def test_markdown_links_each_record(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("adr", "--format", "markdown", cwd=_shop(tmp_path))

    lines = result.out.splitlines()
    assert lines[:3] == [
        "| ADR | Status | Title | Confirmation | Rules (findings now) |",
        "|---|---|---|---|---|",
        "| [ADR-0001](docs/adr/0001-record-architecture-decisions.md) | accepted "
        "| Record architecture decisions | unconfirmed | — |",
    ]
    assert lines[3] == (
        "| [ADR-0002](docs/adr/0002-layered-architecture.md) | accepted | Layered architecture "
        "| broken | `layered-architecture` (2) |"
    )


def test_a_project_without_adrs_says_where_it_looked(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    shop = _shop(tmp_path)
    shutil.rmtree(shop / "docs")
    text = (shop / "pyproject.toml").read_text(encoding="utf-8")
    (shop / "pyproject.toml").write_text(
        text.replace('[tool.fitness.adr]\ndir = "docs/adr"\n', ""), encoding="utf-8"
    )

    result = run("adr", cwd=shop)

    assert (result.code, result.out) == (
        0,
        "No ADR directory (looked for .adr-dir, .log4brains.yml, doc/adr, docs/adr, "
        "docs/decisions, docs/architecture/decisions); set [tool.fitness.adr] dir.\n",
    )
