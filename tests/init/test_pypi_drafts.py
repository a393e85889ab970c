"""`fitness init` on scrapy, litestar and poetry-core as published on PyPI (issue 22, item 6).

Their source distributions are downloaded with pip into the test's temporary
directory; the tests skip only when that download fails (no network). Before
issue 22 the drafts had 13 layers with poetry-core's vendored `_vendor` on top
(3 violations), 39 layers with 22 violations (scrapy) and 47 with 55 (litestar).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result

Run = Callable[..., Result]

pytestmark = pytest.mark.slow

PROJECTS = {"scrapy": "2.19.0", "litestar": "2.25.0", "poetry-core": "2.5.0"}
SUMMARY = re.compile(r"Proposed (\d+) layers with (\d+) violations?: ")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three source distributions, unpacked; skips the tests when pip cannot get them."""
    where = tmp_path_factory.mktemp("pypi")
    wanted = [f"{name}=={version}" for name, version in PROJECTS.items()]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    try:
        done = subprocess.run(
            [*command, "--quiet", "-d", str(where), *wanted],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("pip could not download the source distributions in time")
    if done.returncode != 0:
        pytest.skip(f"pip could not download the source distributions: {done.stderr[-300:]}")
    for archive in where.glob("*.tar.gz"):
        with tarfile.open(archive) as tar:
            if sys.version_info >= (3, 12):
                tar.extractall(where, filter="data")
            else:
                tar.extractall(where)
    return where


def _draft(run: Run, root: Path) -> tuple[str, int, int]:
    """Write the draft; the summary, its layers and violations, checked by `fitness check`."""
    result = run("init", cwd=root)
    assert result.code == 0, result.err
    found = SUMMARY.search(result.out)
    assert found is not None, result.out
    check = run("check", "--no-cache", "--format", "json", cwd=root)
    assert check.code == 1, check.err
    findings = json.loads(check.out)["findings"]
    assert len([f for f in findings if f["rule"] == "layered-architecture"]) == int(found[2])
    return result.out, int(found[1]), int(found[2])


def test_poetry_core_leaves_its_vendored_code_out(sources: Path, run: Run) -> None:
    root = sources / "poetry_core-2.5.0"
    summary, layers, violations = _draft(run, root)
    assert (layers, violations) == (6, 3)
    assert "Left out vendored code: /src/poetry/core/_vendor/." in summary
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "# Among them, vendored third-party code: /src/poetry/core/_vendor/ (a directory" in text
    assert "_vendor" not in text.split("layers = [")[1].split("]")[0]


@pytest.mark.parametrize(
    ("name", "expected", "removes"),
    [("scrapy-2.19.0", (12, 9), "13 of the 22"), ("litestar-2.25.0", (18, 27), "28 of the 55")],
)
def test_scrapy_and_litestar_get_sibling_layers_without_type_checking_imports(
    sources: Path, run: Run, name: str, expected: tuple[int, int], removes: str
) -> None:
    summary, layers, violations = _draft(run, sources / name)
    assert (layers, violations) == expected
    assert (
        f'type_checking = "ignore" (imports under `if TYPE_CHECKING:` not counted) removes '
        f"{removes} that counting them makes." in summary
    )
