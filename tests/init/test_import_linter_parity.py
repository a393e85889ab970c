"""`fitness init --from-import-linter` on every parity fixture keeps import-linter's verdicts.

Each fixture under tests/parity/projects/ is copied without its hand-written
[tool.fitness] tables; the conversion writes new ones from [tool.importlinter]
alone, and fitness, run on the copy, must agree with import-linter (run by the
parity oracle on the original fixture) on every contract: kept or broken, and
the same illegal pairs.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_parity import FIXTURES, fitness_findings, fitness_pairs, run_fitness, run_import_linter

from support import Result

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

Run = Callable[..., Result]

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<key>[^\]]+?)\s*\]\]?")


def without_fitness_tables(text: str) -> str:
    """The pyproject.toml text with every `[tool.fitness...]` table removed."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        match = _HEADER.match(line)
        if match is not None:
            inside = match["key"].startswith("tool.fitness")
        if not inside:
            kept.append(line)
    return "".join(kept)


def converted_copy(fixture: Path, tmp_path: Path, run: Run) -> tuple[Path, Result]:
    copy = tmp_path / fixture.name
    shutil.copytree(fixture, copy)
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(without_fitness_tables(pyproject.read_text(encoding="utf-8")))
    assert "fitness" not in tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]
    result = run("init", "--from-import-linter", cwd=copy)
    return copy, result


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.name for fixture in FIXTURES])
def test_the_converted_rules_give_import_linters_verdicts(
    fixture: Path, tmp_path: Path, run: Run
) -> None:
    expected = run_import_linter(fixture)
    copy, result = converted_copy(fixture, tmp_path, run)
    assert result.code == 0, result.err
    assert result.out.startswith(
        f"Appended [tool.fitness] to pyproject.toml. Converted {len(expected)} contracts"
    )

    report = run_fitness(copy)

    assert sorted(rule["id"] for rule in report["rules"]) == sorted(expected)
    verdicts = {
        contract_id: (
            not fitness_findings(report, contract_id),
            sorted(fitness_pairs(report, contract_id)),
        )
        for contract_id in expected
    }
    assert verdicts == {
        contract_id: (contract["kept"], sorted(tuple(pair) for pair in contract["pairs"]))
        for contract_id, contract in expected.items()
    }
    # No fixture is vacuous: each has a broken contract and a kept one.
    assert {kept for kept, _ in verdicts.values()} == {True, False}
