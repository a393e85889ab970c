"""`protected`: exact findings on small projects, exact configuration errors, end to end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, check_project, config, write_tree

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

TREE = {
    "shop/__init__.py": "",
    "shop/billing/__init__.py": "from shop.billing.api import charge\n\nSECRET = 1\n",
    "shop/billing/api.py": "from shop.billing.internal.ledger import post\n\n\ndef charge(): ...\n",
    "shop/billing/internal/__init__.py": "",
    "shop/billing/internal/ledger.py": "from ..api import charge\n\n\ndef post(): ...\n",
    "shop/orders/__init__.py": "",
    "shop/orders/checkout.py": """
        from shop.billing.api import charge
        from shop.billing.internal.ledger import post
        from shop.billing import charge, SECRET
        from shop import billing
        import shop.billing
        from ..billing import *
        """,
    "shop/admin/__init__.py": "",
    "shop/admin/refunds.py": "from shop.billing.internal import ledger\n",
    "shop/reports.py": "import importlib\n\nimportlib.import_module('shop.billing.internal')\n",
}


def found(tmp_path: Path, rule: str) -> list[tuple[str, str]]:
    pyproject = config(f'[tool.fitness.rules.p]\nkind = "protected"\n{rule}')
    report = check_project(write_tree(tmp_path, {**TREE, "pyproject.toml": pyproject}))
    return [
        (f"{f.location.path}:{f.location.line}:{f.location.column}", f.message)
        for f in report.findings
    ]


PUBLIC = "(shop.billing is protected: use shop.billing.api or shop.billing.charge)"


def test_outsiders_go_through_the_public_submodules_and_names(tmp_path: Path) -> None:
    rule = 'modules = ["shop.billing"]\npublic = ["api", "charge"]\n'

    # Not findings: checkout.py:1 (the public submodule), checkout.py:4 (`from shop import
    # billing` imports the package itself), checkout.py:5 (`import shop.billing`), and the
    # billing modules importing each other (billing/__init__, api, internal.ledger).
    assert found(tmp_path, rule) == [
        # a private submodule, from outside
        (
            "shop/admin/refunds.py:1:1",
            f"shop.admin.refunds may not import shop.billing.internal.ledger {PUBLIC}",
        ),
        # a private submodule, from outside
        (
            "shop/orders/checkout.py:2:1",
            f"shop.orders.checkout may not import shop.billing.internal.ledger {PUBLIC}",
        ),
        # SECRET is a name of shop.billing that `public` does not list
        (
            "shop/orders/checkout.py:3:1",
            f"shop.orders.checkout may not import shop.billing {PUBLIC}",
        ),
        # a relative star import takes every name, public or not
        (
            "shop/orders/checkout.py:6:1",
            f"shop.orders.checkout may not import shop.billing {PUBLIC}",
        ),
        # a dynamic import counts, and says so
        (
            "shop/reports.py:3:11",
            f"shop.reports may not import shop.billing.internal, a dynamic import {PUBLIC}",
        ),
    ]


def test_only_allowed_importers_and_their_descendants(tmp_path: Path) -> None:
    rule = 'modules = ["shop.billing"]\nallowed_importers = ["shop.admin", "shop.orders"]\n'
    only = "(shop.billing is protected: only shop.admin and shop.orders may)"

    # shop.admin.refunds and shop.orders.checkout are inside allowed importers: no finding,
    # whatever they import of shop.billing (no `public`).
    assert found(tmp_path, rule) == [
        (
            "shop/reports.py:3:11",
            f"shop.reports may not import shop.billing.internal, a dynamic import {only}",
        ),
    ]


def test_allowed_importers_and_public_together(tmp_path: Path) -> None:
    rule = (
        'modules = ["shop.billing"]\nallowed_importers = ["shop.orders"]\npublic = ["api", "charge"]\n'
        'dynamic = "ignore"\n'
    )
    only = "(shop.billing is protected: only shop.orders may)"

    assert found(tmp_path, rule) == [
        # not an allowed importer: found whatever it imports
        (
            "shop/admin/refunds.py:1:1",
            f"shop.admin.refunds may not import shop.billing.internal.ledger {only}",
        ),
        # allowed importer, but not through the public face
        (
            "shop/orders/checkout.py:2:1",
            f"shop.orders.checkout may not import shop.billing.internal.ledger {PUBLIC}",
        ),
        (
            "shop/orders/checkout.py:3:1",
            f"shop.orders.checkout may not import shop.billing {PUBLIC}",
        ),
        (
            "shop/orders/checkout.py:6:1",
            f"shop.orders.checkout may not import shop.billing {PUBLIC}",
        ),
        # shop.reports' import is dynamic, and `dynamic = "ignore"`: no finding
    ]


def test_a_wildcard_protects_each_match(tmp_path: Path) -> None:
    rule = 'modules = ["shop.*"]\nallowed_importers = ["shop.admin"]\n'

    # shop.billing and shop.orders (and shop.admin) are protected one by one: the billing
    # modules are outsiders to shop.orders but nobody imports it; shop.admin imports billing
    # and is allowed; checkout imports billing and is not.
    messages = [message for _, message in found(tmp_path, rule)]

    assert messages == [
        "shop.orders.checkout may not import shop.billing.api (shop.billing is protected: only shop.admin may)",
        "shop.orders.checkout may not import shop.billing.internal.ledger (shop.billing is protected: only shop.admin may)",
        "shop.orders.checkout may not import shop.billing (shop.billing is protected: only shop.admin may)",
        "shop.orders.checkout may not import shop.billing (shop.billing is protected: only shop.admin may)",
        "shop.orders.checkout may not import shop.billing (shop.billing is protected: only shop.admin may)",
        "shop.orders.checkout may not import shop.billing (shop.billing is protected: only shop.admin may)",
        "shop.reports may not import shop.billing.internal, a dynamic import (shop.billing is protected: only shop.admin may)",
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(
            'modules = ["shop.billing"]\n',
            "pyproject.toml:2: tool.fitness.rules.x: a protected rule needs `allowed_importers`, "
            "`public` or both",
            id="nothing-to-enforce",
        ),
        pytest.param(
            'modules = []\npublic = ["api.*", "a..b"]\n',
            "pyproject.toml:4: tool.fitness.rules.x.modules: must list at least one module\n"
            "pyproject.toml:5: tool.fitness.rules.x.public[0]: 'api.*' has a wildcard; a public "
            "entry names one submodule or name\n"
            "pyproject.toml:5: tool.fitness.rules.x.public[1]: 'a..b' has an empty segment",
            id="empty-modules-and-bad-public",
        ),
    ],
)
def test_configuration_errors_word_for_word(
    project: Project, run: Run, rule: str, expected: str
) -> None:
    root = project(
        {
            "src/shop/__init__.py": "",
            "src/shop/billing/__init__.py": "",
            "pyproject.toml": f'[tool.fitness]\n[tool.fitness.rules.x]\nkind = "protected"\n{rule}',
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (2, "", expected + "\n")


def test_fitness_check_reports_protected_end_to_end(project: Project, run: Run) -> None:
    root = project(
        {
            **TREE,
            "pyproject.toml": config(
                '[tool.fitness.rules.billing-api]\nkind = "protected"\nmodules = ["shop.billing"]\n'
                'public = ["api"]\nexclude = ["shop.orders", "shop.reports"]\n'
            ),
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "shop/admin/refunds.py:1:1: billing-api: shop.admin.refunds may not import "
        "shop.billing.internal.ledger (shop.billing is protected: use shop.billing.api)\n"
        "\n"
        "billing-api  protected  broken  1 finding\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 10 files (0.00s).\n"
    )
