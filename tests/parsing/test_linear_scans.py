"""What a file holds cannot make the scans before and around parsing quadratic.

Inputs are large enough that a scan from the start of the file for each item
(quadratic) would take minutes; the tests count the characters scanned.
"""

from __future__ import annotations

from typing import SupportsIndex

from fitness.parsing.textscan import LineIndex


class Counted(str):
    """A text that counts the characters its `count` and `rfind` calls look at."""

    scanned = 0

    def count(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /
    ) -> int:
        self.scanned += self._span(start, end)
        return str.count(self, sub, start, end)

    def rfind(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /
    ) -> int:
        self.scanned += self._span(start, end)
        return str.rfind(self, sub, start, end)

    def _span(self, start: SupportsIndex | None, end: SupportsIndex | None) -> int:
        return len(range(*slice(start, end).indices(len(self))))


IMPORTS = 100_000  # was 255 s: every position counted the lines from the start of the file


def test_placing_every_import_of_a_file_scans_it_about_once() -> None:
    text = Counted("import os\n" * IMPORTS)
    lines = LineIndex(text)
    assert [lines.position(n * 10 + 7) for n in range(IMPORTS)] == [
        (n + 1, 8) for n in range(IMPORTS)
    ]
    assert text.scanned <= 2 * len(text)


def test_imports_on_one_long_line_are_placed_in_one_pass() -> None:
    text = Counted("import os;" * IMPORTS)
    lines = LineIndex(text)
    assert [lines.position(n * 10) for n in range(IMPORTS)] == [
        (1, n * 10 + 1) for n in range(IMPORTS)
    ]
    assert text.scanned <= 2 * len(text)


def test_an_offset_before_the_last_one_is_still_placed_exactly() -> None:
    lines = LineIndex("a\nbc\nd\n")
    assert [lines.position(o) for o in (6, 3, 0, 4, 5)] == [(3, 2), (2, 2), (1, 1), (2, 3), (3, 1)]
    crlf = LineIndex("a\r\nb\rc\n")
    assert [crlf.position(o) for o in (5, 3, 1)] == [(3, 1), (2, 1), (1, 2)]
