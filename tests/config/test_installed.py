"""Looking a name up in the environment executes none of its code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fitness.config.installed import is_installed, is_stdlib

BOOBY_TRAP = (
    "import pathlib\npathlib.Path(__file__).with_name('ran').write_text('')\nraise SystemExit(9)\n"
)


@pytest.mark.parametrize("layout", ["trapped/__init__.py", "trapped.py"])
def test_finding_an_installed_module_runs_none_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    site = tmp_path / "site"
    (site / layout).parent.mkdir(parents=True, exist_ok=True)
    (site / layout).write_text(BOOBY_TRAP, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))

    assert is_installed("trapped", tmp_path / "project")
    assert "trapped" not in sys.modules
    assert not (site / layout).with_name("ran").exists()


def test_the_projects_own_code_on_sys_path_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src" / "mine").mkdir(parents=True)
    (tmp_path / "src" / "mine" / "__init__.py").write_text(BOOBY_TRAP, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))

    assert not is_installed("mine", tmp_path)
    assert is_installed("mine", tmp_path / "elsewhere")
    assert "mine" not in sys.modules


def test_standard_library_and_installed_names() -> None:
    assert [is_stdlib(name) for name in ("os", "sys", "json", "click", "no_such_module")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert [is_installed(name, Path("/nonexistent")) for name in ("click", "no_such_module")] == [
        True,
        False,
    ]
