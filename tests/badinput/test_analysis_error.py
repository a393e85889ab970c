"""A file fitness fails on is a finding on that file: the run goes on, and never exits 3 for it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from badinput.corpus import CONFIG
from fitness.model import NO_BANS, Bans, FileFacts
from fitness.parsing import extract as extraction
from support import Result

Run = Callable[..., Result]

STARRED = 'from importlib import import_module\n\ndef load(*args):\n    return import_module(*args, "x")\n'
# A file the planted failure below picks out by this comment.
ODD = "# fitness fails here\nimport vault\n"


def _project(root: Path, files: dict[str, str]) -> Path:
    for relative, text in {
        "pyproject.toml": CONFIG,
        "src/vault.py": "",
        "src/app/__init__.py": "",
        "src/app/good.py": "import vault\n",
        **files,
    }.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    (root / "lib").mkdir()
    return root


def test_a_starred_argument_before_a_dynamic_import_name_is_read_with_the_rest(
    tmp_path: Path, run: Run
) -> None:
    root = _project(tmp_path, {"src/app/starred.py": STARRED})

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (
        1,
        "src/app/good.py:1:1: no-vault: app.good must not import vault\n"
        "\n"
        "no-vault  forbidden  broken  1 finding\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 4 files (0.00s).\n",
        "",
    )


def _plant(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make extraction raise on ODD, as a bug in fitness would."""
    real = extraction.extract

    def failing(source: bytes, bans: Bans = NO_BANS) -> FileFacts:
        if source.startswith(b"# fitness fails here"):
            raise RuntimeError("planted in the main process")
        return real(source, bans)

    monkeypatch.setattr(extraction, "extract", failing)


def _report(where: str) -> str:
    """The report of a project with a violation in good.py and a planted failure on odd.py."""
    return (
        "src/app/good.py:1:1: no-vault: app.good must not import vault\n"
        "src/app/odd.py:1:1: analysis-error: fitness could not analyse this file:"
        f" RuntimeError: planted in {where}; please report it\n"
        "\n"
        "no-vault        forbidden  broken  1 finding\n"
        "analysis-error  built-in   1 finding\n"
        "Not analysed (1 file): src/app/odd.py (failed).\n"
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 4 files (0.00s).\n"
    )


def test_an_error_while_extracting_one_file_is_a_finding_and_the_rest_is_checked(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, {"src/app/odd.py": ODD})
    _plant(monkeypatch)

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (1, _report("the main process"), "")


def test_a_file_fitness_failed_on_is_not_cached_and_is_read_again(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, {"src/app/odd.py": ODD})
    with monkeypatch.context() as planted:
        _plant(planted)
        assert run("check", cwd=root).out == _report("the main process")

    result = run("check", cwd=root)  # a fixed fitness, the same cache

    assert (result.code, result.out) == (
        1,
        "src/app/good.py:1:1: no-vault: app.good must not import vault\n"
        "src/app/odd.py:2:1: no-vault: app.odd must not import vault\n"
        "\n"
        "no-vault  forbidden  broken  2 findings\n"
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 4 files (0.00s).\n",
    )


_SITECUSTOMIZE = """\
import sys

from fitness.parsing import collect, extract as extraction

assert hasattr(collect, "_IN_PROCESS_BYTES"), "the line between parsing here and in workers"
collect._IN_PROCESS_BYTES = 0  # parse in workers, however little there is

real = extraction.extract


def failing(source, *bans):
    if source.startswith(b"# fitness fails here"):
        main = sys.modules["__main__"]
        where = "the main process" if getattr(main, "__file__", None) else "a worker"
        raise RuntimeError("planted in " + where)
    return real(source, *bans)


extraction.extract = failing
"""


def test_an_error_while_extracting_one_file_in_a_worker_is_a_finding_too(tmp_path: Path) -> None:
    """Every interpreter of the run, workers included, imports the planted failure at start-up."""
    (tmp_path / "plant").mkdir()
    (tmp_path / "plant" / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    root = _project(tmp_path / "project", {"src/app/odd.py": ODD})
    repository = str(Path(__file__).parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "plant"), repository])}
    env.pop("FITNESS_DEBUG", None)

    done = subprocess.run(
        [sys.executable, "-m", "fitness", "check", "--no-cache", "-j", "2"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )

    out = re.sub(r"\(\d+\.\d\ds\)", "(0.00s)", done.stdout)
    assert (done.returncode, out, done.stderr) == (1, _report("a worker"), "")
