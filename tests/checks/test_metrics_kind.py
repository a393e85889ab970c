"""The `metrics` kind: each threshold's exact finding and chains, stable dependencies,
configuration errors word for word, and suppressions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, check_project, config, summarize, write_tree

Project = Callable[[dict[str, str]], Path]
Run = Callable[..., Result]

# shop.api imports services and domain; services import domain and jobs; jobs import domain.
# Ca/Ce/I: api 0/2/1.00, services 1/2/0.67, jobs 1/1/0.50, domain 3/0/0.00.
TREE = {
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "from shop.services import checkout\nfrom shop.domain import order\n",
    "src/shop/services/__init__.py": "",
    "src/shop/services/checkout.py": "from shop.domain import order\nfrom shop import jobs\n",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": (
        "import abc\n\n\nclass Order(abc.ABC):\n    pass\n\n\nclass Line:\n    pass\n"
    ),
    "src/shop/jobs.py": "# nightly\nfrom shop.domain import order\n",
}


Row = tuple[str, str, str, list[str]]  # rule, message, path:line:col, chain hops


def _findings(tmp_path: Path, rule: str, files: dict[str, str] | None = None) -> list[Row]:
    write_tree(tmp_path, {**(files or TREE), "pyproject.toml": config(rule)})
    return summarize(check_project(tmp_path))


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        pytest.param(
            "max_efferent = 1",
            [
                (
                    "shop.api: efferent coupling 2 > max_efferent 1 (shop.domain, shop.services)",
                    "src/shop/api/__init__.py:1:1",
                    ["shop.api.views -> shop.domain.order:2"],
                ),
                (
                    "shop.services: efferent coupling 2 > max_efferent 1 (shop.domain, shop.jobs)",
                    "src/shop/services/__init__.py:1:1",
                    ["shop.services.checkout -> shop.domain.order:1"],
                ),
            ],
            id="max_efferent",
        ),
        pytest.param(
            "max_instability = 0.7",
            [
                (
                    "shop.api: instability 1.00 > max_instability 0.7 "
                    "(Ce 2: shop.domain, shop.services; Ca 0: none)",
                    "src/shop/api/__init__.py:1:1",
                    ["shop.api.views -> shop.domain.order:2"],
                )
            ],
            id="max_instability",
        ),
        pytest.param(
            "max_distance = 0.4",
            [
                (
                    "shop.domain: distance from the main sequence 0.50 > max_distance 0.4 "
                    "(A 0.50: 1 of 2 classes abstract; I 0.00)",
                    "src/shop/domain/__init__.py:1:1",
                    [],
                ),
                (
                    "shop.jobs: distance from the main sequence 0.50 > max_distance 0.4 "
                    "(A 0.00: 0 of 0 classes abstract; I 0.50)",
                    "src/shop/jobs.py:1:1",
                    ["shop.jobs -> shop.domain.order:2"],
                ),
            ],
            id="max_distance",
        ),
        pytest.param(
            'packages = ["shop.domain"]\nmax_modules = 1\nmax_lines = 3',
            [
                ("shop.domain: 2 modules > max_modules 1", "src/shop/domain/__init__.py:1:1", []),
                (
                    "shop.domain: 5 lines of code > max_lines 3",
                    "src/shop/domain/__init__.py:1:1",
                    [],
                ),
            ],
            id="max_modules-and-max_lines",
        ),
    ],
)
def test_each_threshold(
    tmp_path: Path, keys: str, expected: list[tuple[str, str, list[str]]]
) -> None:
    findings = _findings(tmp_path, f'[tool.fitness.rules.m]\nkind = "metrics"\n{keys}\n')
    assert findings == [("m", message, where, hops) for message, where, hops in expected]


def test_every_import_behind_an_instability_is_a_chain(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            **TREE,
            "pyproject.toml": config(
                '[tool.fitness.rules.m]\nkind = "metrics"\nmax_instability = 0.6\n'
            ),
        },
    )
    services = check_project(tmp_path).findings[1]
    assert services.message == (
        "shop.services: instability 0.67 > max_instability 0.6 "
        "(Ce 2: shop.domain, shop.jobs; Ca 1: shop.api)"
    )
    assert [(h.importer, h.imported) for chain in services.chains for h in chain] == [
        ("shop.services.checkout", "shop.domain.order"),
        ("shop.services.checkout", "shop.jobs"),
        ("shop.api.views", "shop.services.checkout"),
    ]


def test_stable_dependencies_at_the_import(tmp_path: Path) -> None:
    files = {**TREE, "src/shop/domain/order.py": "from shop import jobs\n"}
    findings = _findings(
        tmp_path, '[tool.fitness.rules.sdp]\nkind = "metrics"\nstable_dependencies = true\n', files
    )
    assert findings == [
        (
            "sdp",
            "shop.domain (I=0.25) depends on shop.jobs (I=0.33), which is less stable",
            "src/shop/domain/order.py:1:1",
            ["shop.domain.order -> shop.jobs:1"],
        )
    ]


def test_a_suppression_on_the_package_s_first_line_silences_it(tmp_path: Path) -> None:
    files = {**TREE, "src/shop/api/__init__.py": '"""The API."""  # fitness: ignore[m] a facade\n'}
    write_tree(
        tmp_path,
        {
            **files,
            "pyproject.toml": config(
                '[tool.fitness.rules.m]\nkind = "metrics"\nmax_efferent = 1\n'
            ),
        },
    )
    report = check_project(tmp_path)
    assert [f.message.split(":")[0] for f in report.findings] == ["shop.services"]
    assert len(report.suppressed) == 1


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        pytest.param(
            "",
            "pyproject.toml:2: tool.fitness.rules.x: a metrics rule needs a limit: set "
            "max_efferent, max_instability, max_distance, max_modules, max_lines or "
            "stable_dependencies = true",
            id="no-limit",
        ),
        pytest.param(
            "max_instability = 2",
            "pyproject.toml:4: tool.fitness.rules.x.max_instability: expected a number from "
            "0 to 1, got 2",
            id="instability-above-1",
        ),
        pytest.param(
            'max_distance = "low"',
            "pyproject.toml:4: tool.fitness.rules.x.max_distance: expected a number from "
            "0 to 1, got a string ('low')",
            id="distance-not-a-number",
        ),
        pytest.param(
            "max_efferent = 1.5",
            "pyproject.toml:4: tool.fitness.rules.x.max_efferent: expected a whole number, "
            "got a number (1.5)",
            id="efferent-not-whole",
        ),
    ],
)
def test_configuration_errors_word_for_word(
    project: Project, run: Run, keys: str, expected: str
) -> None:
    root = project(
        {
            "src/shop/__init__.py": "",
            "pyproject.toml": f'[tool.fitness]\n[tool.fitness.rules.x]\nkind = "metrics"\n{keys}\n',
        }
    )
    result = run("check", cwd=root)
    assert (result.code, result.out, result.err) == (2, "", expected + "\n")
