"""Every rule kind's own examples, run through `fitness check`: the docs cannot drift.

Each kind in KINDS declares valid and invalid mini-projects with the exact
findings expected (fitness/checks/docs.py `Example`), and the keys its parser
reads; `fitness explain KIND` prints both. The harness is `fitness.testing`, the
same one plugin authors use (`pytest -p fitness.testing`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.checks import KINDS
from fitness.checks.docs import Example
from fitness.testing import check_example, check_has_both, check_keys, examples_of

CASES = [pytest.param(kind, example, id=name) for kind, name, example in examples_of(sorted(KINDS))]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_a_valid_and_an_invalid_example(name: str) -> None:
    check_has_both(name)


@pytest.mark.parametrize(("name", "example"), CASES)
def test_example_reports_exactly_its_findings(name: str, example: Example, tmp_path: Path) -> None:
    check_example(name, example, tmp_path)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_listed_keys_are_the_keys_the_parser_reads(name: str) -> None:
    """`explain` lists a key exactly when `parse` reads it (so it is never an unknown key)."""
    check_keys(name)
