"""Files and directories fitness may not read: a finding each, whoever runs it.

Permissions do not apply to root (this machine's CI runs as root), so the real
`chmod` tests are skipped there and the same failures are also simulated in
this process, for one path, by replacing what fitness calls to read it.
"""

from __future__ import annotations

import builtins
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from badinput.corpus import CONFIG
from fitness.model import FileFacts, ParseFailure, RawImport
from fitness.parsing import collect, discovery
from fitness.parsing.cache import FactsCache
from fitness.tree import work
from support import Result

Run = Callable[..., Result]

AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
as_root = pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their permissions")

LOCKED = (
    "src/app/locked.py:1:1: parse-error: cannot read: Permission denied\n"
    "src/app/open.py:1:1: no-vault: app.open must not import vault\n"
    "\n"
    "no-vault     forbidden  broken  1 finding\n"
    "parse-error  built-in   1 finding\n"
    "Not analysed (1 file): src/app/locked.py (unreadable).\n"
    "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 4 files (0.00s).\n"
)
SEALED = (
    "src/app/open.py:1:1: no-vault: app.open must not import vault\n"
    "src/app/sealed:1:1: unreadable: cannot read directory: Permission denied\n"
    "\n"
    "no-vault    forbidden  broken  1 finding\n"
    "unreadable  built-in   1 finding\n"
    "Not analysed (1 file): src/app/sealed (unreadable).\n"
    "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 3 files (0.00s).\n"
)


def _project(root: Path) -> Path:
    files = {
        "pyproject.toml": CONFIG,
        "src/vault.py": "",
        "src/app/__init__.py": "",
        "src/app/open.py": "import vault\n",
        "src/app/locked.py": "import vault\n",
        "src/app/sealed/__init__.py": "import vault\n",
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    (root / "lib").mkdir()
    return root


def _denied(path: str) -> OSError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)


@as_root
def test_a_file_without_read_permission(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path)
    (root / "src/app/sealed/__init__.py").unlink()
    (root / "src/app/sealed").rmdir()
    (root / "src/app/locked.py").chmod(0)

    result = run("check", "--no-cache", cwd=root)

    assert (result.code, result.out) == (1, LOCKED)


@as_root
def test_a_directory_without_read_permission(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path)
    (root / "src/app/locked.py").unlink()
    (root / "src/app/sealed").chmod(0)
    try:
        result = run("check", "--no-cache", cwd=root)
    finally:
        (root / "src/app/sealed").chmod(0o755)

    assert (result.code, result.out) == (1, SEALED)


@pytest.mark.parametrize("call", ["open", "stat"])
def test_a_file_that_cannot_be_read_simulated(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    root = _project(tmp_path)
    (root / "src/app/sealed/__init__.py").unlink()
    (root / "src/app/sealed").rmdir()
    locked = str(root / "src/app/locked.py")
    if call == "open":
        monkeypatch.setattr(work, "open", _refusing(builtins.open, locked), raising=False)
    else:
        monkeypatch.setattr(os, "stat", _refusing(os.stat, locked))

    result = run("check", "--no-cache", cwd=root)

    assert (result.code, result.out) == (1, LOCKED)


def test_a_directory_that_cannot_be_listed_simulated(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    (root / "src/app/locked.py").unlink()
    sealed = str(root / "src/app/sealed")
    monkeypatch.setattr(discovery.os, "scandir", _refusing(os.scandir, sealed))

    result = run("check", "--no-cache", cwd=root)

    assert (result.code, result.out) == (1, SEALED)


def test_a_file_that_fails_to_open_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read once, for hashing and parsing alike: a failure is reported, and the next run reads it."""
    (tmp_path / "a.py").write_text("import b\n", encoding="utf-8")
    opened: list[str] = []

    def first_open_fails(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        if len(opened) == 1:
            raise _denied(str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(work, "open", first_open_fails, raising=False)
    cache_dir = tmp_path / "cache"

    first = collect.collect_facts(tmp_path, ["a.py"], FactsCache.in_directory(cache_dir), 1)
    second = collect.collect_facts(tmp_path, ["a.py"], FactsCache.in_directory(cache_dir), 1)

    assert opened == [str(tmp_path / "a.py")] * 2
    assert first["a.py"] == FileFacts((), ParseFailure("cannot read: Permission denied", 1, 1))
    assert second["a.py"] == FileFacts(
        (RawImport("b", 0, (), 1, 1, 1, 9, False, False, False),), None, lines=1
    )


def _refusing(real: Callable[..., Any], refused: str) -> Callable[..., Any]:
    def call(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path) == refused:
            raise _denied(refused)
        return real(path, *args, **kwargs)

    return call
