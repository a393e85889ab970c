"""Start-up: `--version` and a warm `check` never import libcst, nor what only a cold run needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fitness.progress import progress_bar
from shop import FILES
from support import write_tree


def imported_modules(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "fitness", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    names = {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.returncode, names


def test_version_does_not_import_libcst(tmp_path: Path) -> None:
    code, names = imported_modules(["--version"], tmp_path)

    assert code == 0
    assert "fitness.cli" in names
    assert "libcst" not in names


def test_warm_check_does_not_import_libcst_but_a_cold_one_does(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**FILES, ".gitignore": "build/\n"})

    cold_code, cold = imported_modules(["check", "-j", "1"], root)
    warm_code, warm = imported_modules(["check", "-j", "1"], root)

    assert (cold_code, warm_code) == (1, 1)
    assert "libcst" in cold
    assert "pathspec" in cold
    assert "libcst" not in warm
    assert "concurrent.futures" not in warm
    assert "pathspec" not in warm
    # Each costs a warm run time it has no use for: logging (with traceback) logs
    # nothing without --debug, signal and subprocess serve parsing workers, records are
    # named tuples (a frozen dataclass costs 0.4 ms to define), and the text report
    # needs no fingerprint.
    for module in ("logging", "traceback", "signal", "subprocess", "dataclasses", "hashlib"):
        assert module not in warm, module


def test_no_progress_bar_in_ci_or_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert progress_bar() is None
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert progress_bar() is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert progress_bar() is not None
