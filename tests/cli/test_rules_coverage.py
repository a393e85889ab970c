"""`fitness rules --coverage`, and the files not analysed in the text summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result, config, write_tree

RULES = """
[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["pickle"]

[tool.fitness.rules.money-alone]
kind = "forbidden"
from = ["shop.money"]
to = ["shop.domain"]
"""

FILES = {
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "import dataclasses\nfrom shop import money\n",
    "src/shop/domain/legacy/__init__.py": "import sqlalchemy\n",
    "src/shop/money.py": "",
    "src/shop/broken.py": "def (:\n",
    "tests/test_order.py": "import shop\n",
}


def _project(tmp_path: Path) -> Path:
    extra = 'exclude = ["src/shop/domain/legacy/"]\n'
    return write_tree(tmp_path, {"pyproject.toml": config(RULES, extra), **FILES})


def test_each_rule_with_what_it_matched_examined_and_skipped(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    result = run("rules", "--coverage", cwd=_project(tmp_path))

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "RULE            KIND       MODULES  IMPORTS  SKIPPED\n"
        "domain-is-pure  forbidden  2        2        1\n"
        "  matched: shop.domain\n"
        "  skipped: src/shop/domain/legacy/ (excluded)\n"
        "money-alone     forbidden  1        0        0\n"
        "  matched: shop.money\n"
        "1 rule examined no import: see vacuous-rule.\n"
        "Not analysed (1 file): src/shop/broken.py (unparsable).\n"
    )


def test_the_text_summary_lists_the_files_not_analysed(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    result = run("check", cwd=_project(tmp_path))

    assert result.code == 1
    assert result.out.splitlines()[-2:] == [
        "Not analysed (1 file): src/shop/broken.py (unparsable).",
        "Rules: 2 kept, 0 broken. Found 2 findings (1 error, 1 warning) in 5 files (0.00s).",
    ]
    assert (
        "pyproject.toml:10:1: vacuous-rule: rule money-alone matched shop.money, which imports "
        "nothing: check its modules [warning]"
    ) in result.out
