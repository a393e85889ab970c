"""Find where import statements and dynamic-import calls start, from the text alone.

libcst nodes carry no positions; its PositionProvider costs more than the parse
itself. One regular-expression pass over the text is a few percent of the
parse, so positions come from here, and the extractor pairs the k-th import
node it walks with the k-th import statement found here. The pairing is
verified node by node; any disagreement sends the file to the slow, exact path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STRING = (
    r"[rRbBuUfFtT]{0,2}"
    r"(?:'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\r\n]|\\.)*'"
    r'|"(?:[^"\\\r\n]|\\.)*")'
)
_TOKENS = re.compile(
    rf"(?P<str>{_STRING})"
    r"|(?P<comment>\#[^\r\n]*)"
    r"|(?P<cont>\\(?:\r\n|\r|\n))"
    r"|(?P<nl>\r\n|\r|\n)"
    r"|(?P<open>[(\[{])"
    r"|(?P<close>[)\]}])"
    r"|(?P<kw>(?<![\w.])(?:import|from)(?!\w))"
    r"|(?P<call>(?<![\w.])(?<!def )(?<!def\t)(?:import_module|__import__)(?=[ \t]*\())"
    r"|(?P<call2>(?<=\.)import_module(?=[ \t]*\())"
    r"|(?P<sep>[;:])",
    re.DOTALL,
)
_BLANK = re.compile(r"(?:[ \t\f]|\\(?:\r\n|\r|\n))*")


@dataclass(frozen=True)
class Spot:
    """Offsets into the text: where a statement or call starts and ends, and its keyword."""

    __slots__ = ("end", "keyword", "start")
    keyword: str
    start: int
    end: int


def scan(text: str) -> tuple[list[Spot], list[Spot]]:
    """Return the import statements and the dynamic-import calls of `text`, in source order."""
    statements: list[Spot] = []
    calls: list[Spot] = []
    depth = 0
    boundary = 0  # offset just after the last token that can precede a statement
    open_statement = -1  # index in `statements` whose end is not known yet
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "kw":
            start = match.start()
            if depth == 0 and _BLANK.fullmatch(text, boundary, start):
                _close(statements, open_statement, text)
                statements.append(Spot(match.group(), start, len(text)))
                open_statement = len(statements) - 1
        elif kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind in ("nl", "sep", "comment"):
            if depth == 0:
                if open_statement >= 0:
                    statements[open_statement] = _ended(
                        statements[open_statement], match.start(), text
                    )
                    open_statement = -1
                if kind != "comment":
                    boundary = match.end()
        elif kind in ("call", "call2"):
            calls.append(Spot(match.group(), match.start(), match.end()))
    return statements, calls


def _close(statements: list[Spot], index: int, text: str) -> None:
    if index >= 0:
        statements[index] = _ended(statements[index], len(text), text)


def _ended(spot: Spot, end: int, text: str) -> Spot:
    while end > spot.start and text[end - 1] in " \t\f\\\r\n":
        end -= 1
    return Spot(spot.keyword, spot.start, end)


class LineIndex:
    """Turns offsets into 1-based (line, column); columns count code points."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
