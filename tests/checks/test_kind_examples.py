"""Every rule kind's own examples, run through `fitness check`: the docs cannot drift.

Each kind in KINDS declares valid and invalid mini-projects with the exact
findings expected (fitness/checks/docs.py `Example`), and the keys its parser
reads; `fitness explain KIND` prints both.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from fitness.checks import KINDS
from fitness.checks.docs import Example
from fitness.config.load import load_config
from fitness.config.source import ConfigSource, Problems
from fitness.config.table import Table
from support import check_project

PARSERS = {name: kind.parse for name, kind in KINDS.items()}

CASES = [
    pytest.param(name, example, id=f"{name}-{'valid' if example.valid else 'invalid'}-{index}")
    for name, kind in sorted(KINDS.items())
    for index, example in enumerate(kind.examples)
]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_a_valid_and_an_invalid_example(name: str) -> None:
    examples = KINDS[name].examples
    assert [e for e in examples if e.valid], f"{name} has no valid example"
    assert [e for e in examples if not e.valid], f"{name} has no invalid example"


@pytest.mark.parametrize(("name", "example"), CASES)
def test_example_reports_exactly_its_findings(name: str, example: Example, tmp_path: Path) -> None:
    write(tmp_path, example)
    config, problems = load_config(tmp_path / "fitness.toml", PARSERS)
    assert problems.messages() == []
    assert [rule.kind for rule in config.rules] == [name]

    report = check_project(tmp_path, fail_on="never")

    found = tuple(
        f"{f.location.path}:{f.location.line}:{f.location.column}: {f.rule_id}: {f.message}"
        for f in report.findings
    )
    assert found == example.findings


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_listed_keys_are_the_keys_the_parser_reads(name: str) -> None:
    """`explain` lists a key exactly when `parse` reads it (so it is never an unknown key)."""
    kind = KINDS[name]
    listed = [key.name for key in kind.keys]
    assert len(listed) == len(set(listed))
    read: set[str] = set()
    tables: list[dict[str, object]] = [{}, *(_rule_table(example) for example in kind.examples)]
    for data in tables:
        table = Table(data, ("rules", "x"), Problems(ConfigSource.from_text("x.toml", "", ())))
        kind.parse(table)
        read |= table.read_keys()
    assert sorted(read) == sorted(listed)


def write(root: Path, example: Example) -> None:
    (root / "fitness.toml").write_text(example.rule, encoding="utf-8")
    for relative, text in example.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _rule_table(example: Example) -> dict[str, object]:
    """The example's rule table without `kind` (which the rule loader reads, not the kind)."""
    document: dict[str, Any] = tomllib.loads(example.rule)
    (table,) = document["rules"].values()
    return {key: value for key, value in table.items() if key != "kind"}
