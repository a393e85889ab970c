"""Coverage: what each rule matched and examined, what it skipped, and `vacuous-rule`."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.model.reach import RuleCoverage
from fitness.model.report import Skip
from support import check_project, config, summarize, write_tree

PURE = """
[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["sqlalchemy"]
"""

SHOP = {
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "",
    "src/shop/infra.py": "import sqlalchemy\nfrom shop.domain import order\n",
}


def _project(tmp_path: Path, rules: str, files: dict[str, str], extra: str = "") -> Path:
    write_tree(tmp_path, {"pyproject.toml": config(rules, extra), **files})
    return tmp_path


def test_a_rule_whose_modules_import_nothing_is_vacuous(tmp_path: Path) -> None:
    report = check_project(_project(tmp_path, PURE, SHOP))

    assert summarize(report) == [
        (
            "vacuous-rule",
            "rule domain-is-pure matched shop.domain, which imports nothing: check its modules",
            "pyproject.toml:4:1",
            [],
        )
    ]
    assert not report.failed  # a warning
    assert report.coverage.rules == (
        RuleCoverage("domain-is-pure", ("shop.domain", "shop.domain.order"), 0),
    )


def test_one_import_the_rule_allows_is_enough(tmp_path: Path) -> None:
    files = {**SHOP, "src/shop/domain/order.py": "import dataclasses\n"}

    report = check_project(_project(tmp_path, PURE, files))

    assert summarize(report) == []
    assert report.coverage.rules[0].imports == 1


def test_imports_the_rule_does_not_count_leave_it_vacuous(tmp_path: Path) -> None:
    files = {
        **SHOP,
        "src/shop/domain/order.py": (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shop import infra\n"
        ),
    }
    rules = PURE + 'type_checking = "ignore"\n'

    report = check_project(_project(tmp_path, rules, files))

    # `from typing import TYPE_CHECKING` counts; the import under it does not.
    assert report.coverage.rules[0].imports == 1


def test_an_ignore_that_takes_every_import_leaves_it_vacuous(tmp_path: Path) -> None:
    files = {**SHOP, "src/shop/domain/order.py": "import dataclasses\n"}
    rules = PURE + 'ignore = ["shop.domain.order -> dataclasses"]\n'

    report = check_project(_project(tmp_path, rules, files))

    assert [f.message for f in report.findings] == [
        "rule domain-is-pure matched shop.domain, which imports nothing: check its modules"
    ]


def test_several_packages_that_import_nothing_are_named_together(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.apart]
    kind = "independence"
    modules = ["shop.a", "shop.b", "shop.c", "shop.d"]
    """
    files = {"src/shop/__init__.py": "", **{f"src/shop/{n}.py": "" for n in "abcd"}}

    report = check_project(_project(tmp_path, rules, files))

    assert [f.message for f in report.findings] == [
        "rule apart matched shop.a, shop.b, shop.c and 1 more, which import nothing: "
        "check its modules"
    ]


def test_include_that_leaves_no_module_matches_none(tmp_path: Path) -> None:
    rules = PURE + 'include = ["shop.infra"]\n'

    report = check_project(_project(tmp_path, rules, SHOP))

    assert [f.message for f in report.findings] == [
        "rule domain-is-pure matched no module: check its modules"
    ]


def test_a_banned_api_rule_reads_calls_too_so_is_never_vacuous(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.no-eval]
    kind = "banned-api"
    apis = ["eval"]
    """
    files = {"src/shop/__init__.py": "", "src/shop/x.py": "eval('1')\n"}

    report = check_project(_project(tmp_path, rules, files))

    assert [f.rule_id for f in report.findings] == ["no-eval"]
    assert report.coverage.rules == (RuleCoverage("no-eval", ("shop", "shop.x"), 0),)


def test_protected_examines_the_imports_of_its_modules(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.ledger]
    kind = "protected"
    modules = ["shop.ledger"]
    allowed_importers = ["shop.sales"]
    """
    files = {
        "src/shop/__init__.py": "",
        "src/shop/ledger.py": "import json\n",
        "src/shop/sales.py": "from shop import ledger\n",
        "src/shop/other.py": "import os\n",
    }

    report = check_project(_project(tmp_path, rules, files))

    assert report.findings == ()
    assert report.coverage.rules == (RuleCoverage("ledger", ("shop.ledger",), 1),)


def test_skipped_files_each_rule_would_have_matched(tmp_path: Path) -> None:
    files = {
        **SHOP,
        "src/shop/domain/order.py": "import dataclasses\n",
        "src/shop/domain/generated/__init__.py": "",
        "src/shop/domain/generated/rows.py": "import sqlalchemy\n",
        "src/shop/domain/scratch.py": "import sqlalchemy\n",
        "src/shop/domain/broken.py": "def (:\n",
        "src/shop/api.py": "def (:\n",
        "src/.gitignore": "scratch.py\n",
        "scripts/seed.py": "import sqlalchemy\n",
        "setup.py": "",
        "docs/conf.py": "",
        "notes/readme.txt": "",
    }
    extra = 'source_roots = ["src"]\nexclude = ["**/generated/**"]\n'

    report = check_project(_project(tmp_path, PURE, files, extra))

    assert report.unanalysed == (
        Skip("src/shop/api.py", "unparsable"),
        Skip("src/shop/domain/broken.py", "unparsable"),
    )
    assert report.coverage.rules == (
        RuleCoverage(
            "domain-is-pure",
            ("shop.domain", "shop.domain.order"),
            1,
            (
                Skip("src/shop/domain/broken.py", "unparsable"),
                Skip("src/shop/domain/generated/", "excluded"),
                Skip("src/shop/domain/scratch.py", "gitignored"),
            ),
        ),
    )


def test_coverage_and_the_vacuous_warning_survive_a_run_that_reuses_the_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, PURE, SHOP)
    cold = check_project(root)
    cold_rules = cold.coverage.rules

    def fails(*args: object) -> None:
        raise AssertionError("the rules ran again: the stored findings were not reused")

    monkeypatch.setattr("fitness.app.run._rule_findings", fails)
    warm = check_project(root)

    assert summarize(warm) == summarize(cold)
    assert warm.coverage.rules == cold_rules
