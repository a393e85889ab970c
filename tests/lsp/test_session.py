"""The session under the server, without the protocol: what each check publishes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from fitness.lsp.hover import plain
from fitness.lsp.positions import span, to_utf16
from fitness.lsp.session import Session
from support import write_tree
from tests.lsp.test_server import SHARED

MODEL = "src/app/domain/model.py"
UTIL = "src/app/shared/util.py"


def checks(root: Path) -> tuple[Session, dict[str, str]]:
    session = Session(root, 1, time.perf_counter)
    buffers = {str(root / MODEL): SHARED[MODEL], str(root / UTIL): SHARED[UTIL]}
    return session, buffers


def published(session: Session, buffers: dict[str, str], root: Path) -> dict[str, list[str]]:
    changed = session.check(buffers)
    return {
        str(Path(path).relative_to(root)): [f"{d.location.line}:{d.code}" for d in found]
        for path, found in changed.items()
    }


def test_a_check_publishes_only_the_files_whose_diagnostics_changed(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SHARED)
    session, buffers = checks(root)
    assert published(session, buffers, root) == {MODEL: [], UTIL: []}  # opened: shown once
    assert published(session, buffers, root) == {}
    buffers[str(root / UTIL)] = "X = 1\nfrom app.api import views\n"
    assert published(session, buffers, root) == {MODEL: ["1:layered"], UTIL: ["2:layered"]}
    buffers[str(root / UTIL)] = "X = 1\n"  # back as it was on disk
    assert published(session, buffers, root) == {MODEL: [], UTIL: []}


def test_the_buffers_are_never_written(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SHARED)
    session, buffers = checks(root)
    buffers[str(root / UTIL)] = "from app.api import views\n"
    session.check(buffers)
    assert (root / UTIL).read_text() == SHARED[UTIL]
    written = {p.relative_to(root).parts[0] for p in root.rglob("*") if p.is_file()}
    assert written == {"pyproject.toml", "docs", "src", ".fitness_cache"}


def test_a_broken_configuration_is_placed_and_then_cleared(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SHARED)
    session, buffers = checks(root)
    session.check(buffers)
    pyproject = str(root / "pyproject.toml")
    buffers[pyproject] = SHARED["pyproject.toml"].replace('["src"]', '"src"')
    session.reconfigure()
    changed = session.check(buffers)
    problems = changed[pyproject]
    assert [(d.location.line, d.code, d.message) for d in problems] == [
        (
            5,
            "config-error",
            f"{pyproject}:5: tool.fitness.source_roots: expected a list of strings, "
            'got a string (write ["src"])',
        )
    ]
    assert session.last is None
    buffers[pyproject] = SHARED["pyproject.toml"]
    session.reconfigure()
    assert session.check(buffers) == {pyproject: ()}


@pytest.mark.parametrize(
    ("text", "column", "units"),
    [("abc", 2, 1), ("😀x", 2, 2), ("😀x", 3, 3), ("é😀", 3, 3), ("ab", 9, 2)],
)
def test_columns_are_counted_in_utf16_code_units(text: str, column: int, units: int) -> None:
    assert to_utf16(text, column) == units


def test_a_span_on_a_line_the_text_no_longer_has_stays_valid() -> None:
    assert span(["x"], 3, 1, 3, 5) == ((2, 0), (2, 0))


def test_text_a_pull_request_writes_makes_no_markdown_in_a_hover() -> None:
    assert plain("ADR-7: ![x](http://e) <img src=x> *b* a_b `c` | # ~d~") == (
        "ADR-7: \\!\\[x\\](http://e) \\<img src=x\\> \\*b\\* a\\_b \\`c\\` \\| \\# \\~d\\~"
    )
