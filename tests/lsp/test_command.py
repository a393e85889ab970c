"""`fitness lsp` without the extra it needs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result


def test_without_pygls_the_command_says_which_extra_to_install(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "fitness.lsp.server", raising=False)
    result = run("lsp", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "fitness: fitness lsp needs pygls, which is not installed: "
        "pip install 'fitness-arch[lsp]'\n"
    )
