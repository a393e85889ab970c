"""The README's first command: fitness on examples/shop shows real findings, exactly these."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from support import Result

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"


def test_the_example_shop_findings(tmp_path: Path, run: Callable[..., Result]) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))

    result = run("check", cwd=shop)

    headlines = [line for line in result.out.splitlines() if not line.startswith(" ")]
    assert (result.code, result.err) == (1, "")
    assert headlines[: headlines.index("")] == [
        "pyproject.toml:32:1: adr-superseded: rule api-does-not-touch-the-database cites "
        'ADR-0003 "The API reads data only through services", superseded by ADR-0005 '
        '"The API reads from read models": cite ADR-0005 if it still holds [warning]',
        "src/shop/domain/events.py:13:5: domain-is-pure: shop.domain must not import "
        "shop.infrastructure (ADR-0004: The domain is pure)",
        "src/shop/domain/events.py:13:5: domain-is-pure: shop.domain must not import sqlalchemy "
        "(ADR-0004: The domain is pure)",
        "src/shop/domain/pricing.py:1:1: layered-architecture: shop.domain must not import "
        "shop.api (a higher layer) (ADR-0002: Layered architecture)",
        "src/shop/infrastructure/cache.py:14:12: security-pickle: pickle.loads "
        "(as serializer.loads) is banned",
        "src/shop/infrastructure/cache.py:18:5: security-shell: subprocess.run with shell=True "
        "is banned",
        "src/shop/jobs/nightly.py:3:5: layered-architecture: shop.jobs must not import "
        "shop.services (independent siblings) (ADR-0002: Layered architecture)",
        "src/shop/jobs/nightly.py:8:27: adr-not-accepted: this comment cites ADR-0006 "
        '"Jobs use a task queue", which is proposed, not accepted [warning]',
        "src/shop/jobs/report.py:5:12: security-weak-hash: hashlib.sha1 (as sha1) without "
        "usedforsecurity=False is banned [warning]",
        "src/shop/jobs/report.py:9:12: security-eval: eval is banned",
    ]
    assert result.out.splitlines()[-1] == (
        "Rules: 6 kept, 6 broken. Found 10 findings (7 errors, 3 warnings) in 17 files (0.00s)."
    )


def test_junit_test_case_names_are_unique_in_each_suite(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """examples/shop has two domain-is-pure findings at events.py:13:5: the second is `(2)`."""
    from xml.etree import ElementTree

    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))

    result = run("check", "--format", "junit", cwd=shop)

    suites = ElementTree.fromstring(result.out).findall("testsuite")
    for suite in suites:
        names = [case.get("name") for case in suite.findall("testcase")]
        assert len(names) == len(set(names)), suite.get("name")
    [pure] = [suite for suite in suites if suite.get("name") == "domain-is-pure"]
    names = [case.get("name") for case in pure.findall("testcase")]
    assert [name for name in names if "events.py" in str(name)] == [
        "src/shop/domain/events.py:13:5",
        "src/shop/domain/events.py:13:5 (2)",
    ]
