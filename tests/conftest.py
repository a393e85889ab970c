from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness import cli, error_handler
from support import Result, write_tree


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as outside CI, wherever they run: CI=true changes `fitness baseline`."""
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    return lambda files: write_tree(tmp_path, files)


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run the CLI in-process, through the same error boundary as the console script."""

    def invoke(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = error_handler.run(lambda: cli._invoke(list(args)), debug="--debug" in args)
        captured = capsys.readouterr()
        return Result(code, _steady(captured.out), captured.err)

    return invoke


def _steady(text: str) -> str:
    """Run times vary; everything else in the output must not."""
    text = re.sub(r" \(\d+\.\d\ds\)\.", " (0.00s).", text)
    return re.sub(r'"elapsed_seconds": [0-9.]+', '"elapsed_seconds": 0.0', text)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/ from the current reporters (then read every diff).",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
