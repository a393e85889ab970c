"""Find where import statements and dynamic-import calls start, from the text alone.

libcst nodes carry no positions; its PositionProvider costs more than the parse
itself. So positions come from the text, and the extractor pairs the k-th
import node it walks with the k-th import statement found here, verifying
each pair. Two scans: `quick_scan` looks only at line starts and after `;` and
`:` (and takes a `from` only if a module and `import` follow), which is exact
unless a string holds a line that reads like an import; `scan` tokenizes
strings and comments too, for the files where the quick one finds more than
the parser did. Any remaining disagreement sends the
file to libcst's own (slow, exact) positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Optional

from fitness.parsing.fstrings import f_string, is_formatted, prefix_of

_STRING = (
    r"[rRbBuUfFtT]{0,2}"
    r"(?:'''(?:[^'\\]|\\\r\n|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\\r\n|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\r\n]|\\\r\n|\\.)*'"
    r'|"(?:[^"\\\r\n]|\\\r\n|\\.)*"'
    # The opening alone: an f-string whose fields hold newlines (PEP 701), read by `f_string`.
    r"|'''|" + '"""' + r"|'|" + '")'
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
STRING_OR_COMMENT = re.compile(
    r"'''(?:[^'\\]|\\\r\n|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\\r\n|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\r\n]|\\\r\n|\\.)*'"
    r'|"(?:[^"\\\r\n]|\\\r\n|\\.)*"'
    r"|'''|" + '"""' + r"|'|" + '"'  # an opening alone, as in `_STRING`
    r"|\#[^\r\n]*",
    re.DOTALL,
)
_LINE_END = re.compile(r"[\r\n]")
_BLANK = re.compile(r"(?:[ \t\f]|\\(?:\r\n|\r|\n))*")
_NAME = r"[^\W\d]\w*"
_DOTTED_NAME = rf"{_NAME}(?:{_BLANK.pattern}\.{_BLANK.pattern}{_NAME})*"
# What a `from` statement must look like up to its `import`: prose in a docstring
# ("from the database ...") does not, so the quick scan skips it.
_FROM_IMPORT = re.compile(
    rf"from{_BLANK.pattern}(?:\.{_BLANK.pattern})*(?:{_DOTTED_NAME}{_BLANK.pattern})?(?<!\w)import(?!\w)"
)
_STATEMENT_END = re.compile(r"[()#;\r\n]|\\(?:\r\n|\r|\n)|'[^'\r\n]*'|\"[^\"\r\n]*\"")


@dataclass(frozen=True)
class Spot:
    """Offsets into the text: where a statement or call starts and ends, and its keyword."""

    __slots__ = ("end", "keyword", "start")
    keyword: str
    start: int
    end: int


def quick_scan(text: str) -> tuple[list[Spot], list[Spot]]:
    """Like `scan`, but may also report imports written inside multi-line strings.

    Only looks at the places where the words occur (`str.find` runs at memory
    speed), and judges each by the characters around it.
    """
    starts = sorted(
        (start, word)
        for word in ("import", "from")
        for start in _occurrences(text, word)
        if _starts_statement(text, start)
        and (word == "import" or _FROM_IMPORT.match(text, start) is not None)
    )
    statements = [Spot(word, start, _statement_end(text, start)) for start, word in starts]
    calls = sorted(
        (
            Spot(word, start, start + len(word))
            for word in ("import_module", "__import__")
            for start in _occurrences(text, word)
            if _is_call(text, start, word)
        ),
        key=lambda spot: spot.start,
    )
    return statements, calls


def scan(text: str) -> tuple[list[Spot], list[Spot]]:
    """Return the import statements and the dynamic-import calls of `text`, in source order."""
    statements: list[Spot] = []
    calls: list[Spot] = []
    depth = 0
    boundary = 0  # offset just after the last token that can precede a statement
    open_statement = -1  # index in `statements` whose end is not known yet
    for kind, match, _ in _tokens(text):
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
    _close(statements, open_statement, text)
    return statements, calls


def _tokens(text: str) -> Iterator[tuple[str | None, re.Match[str], int]]:
    """The matches of `_TOKENS` in order, each with where it ends: an f-string is read to
    its end as Python 3.12 reads it (PEP 701), whatever quotes its fields hold."""
    position = 0
    search = _TOKENS.search
    while True:
        match = search(text, position)
        if match is None:
            return
        kind = match.lastgroup
        end = match.end()
        if kind == "str" and text[match.start()] in _PREFIXES:  # no prefix: not an f-string
            written = match.group()
            quote = match.start() + len(written) - len(written.lstrip(_PREFIXES))
            if is_formatted(written[: quote - match.start()]):
                end = f_string(text, quote).end
        yield kind, match, end
        position = end


_PREFIXES = "rRbBuUfFtT"


# (start, end, a comment?, the literal parts of an f-string)
Span = tuple[int, int, bool, Optional[list[tuple[int, int]]]]


def strings_and_comments(text: str) -> Iterator[Span]:
    """Each string and comment of `text` in order: (start, end, a comment?, literal parts).

    The parts of an f-string are its spans outside replacement fields (`f_string`),
    None for any other string or comment (all of it is literal); a comment written
    in a field (PEP 701) follows its string, as a comment of its own.
    """
    position = 0
    search = STRING_OR_COMMENT.search
    while True:
        match = search(text, position)
        if match is None:
            return
        start, end = match.span()
        first = text[start]
        if first == "#":
            yield start, end, True, None
        elif start and text[start - 1] in _PREFIXES and is_formatted(prefix_of(text, start)):
            read = f_string(text, start)
            yield start, read.end, False, read.parts
            for comment_start, comment_end in read.comments:
                yield comment_start, comment_end, True, None
            end = read.end
        else:
            yield start, end, False, None
        position = end


Regions = tuple[list[int], list[int]]  # starts and ends of strings and comments, in order


def literal_regions(text: str) -> Regions:
    """Where `text` holds strings and comments, less the replacement fields of f-strings.

    Strings are told by their quotes alone: a prefix changes where none ends.
    """
    spans = sorted(
        span
        for start, end, _, parts in strings_and_comments(text)
        for span in ([(start, end)] if parts is None else parts)
    )
    return [start for start, _ in spans], [end for _, end in spans]


def in_code(offsets: list[int], regions: Regions) -> list[int]:
    """The offsets that fall outside the regions of `literal_regions`."""
    starts, ends = regions
    kept = []
    for offset in offsets:
        region = bisect_right(starts, offset) - 1
        if region < 0 or offset >= ends[region]:
            kept.append(offset)
    return kept


def _occurrences(text: str, word: str) -> list[int]:
    found = []
    start = text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + len(word))
    return found


def _starts_statement(text: str, start: int) -> bool:
    """A whole word at the start of a line, or after `;` or `:`."""
    end = start + (6 if text.startswith("import", start) else 4)
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return False
    before = start
    while before > 0 and text[before - 1] in " \t\f":
        before -= 1
    return before == 0 or text[before - 1] in "\n\r;:"


def _is_call(text: str, start: int, word: str) -> bool:
    """`word(` as a whole word, not `def word(`; `import_module` may follow a dot."""
    end = start + len(word)
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return False
    previous = text[start - 1] if start else " "
    if previous.isalnum() or previous == "_" or (previous == "." and word == "__import__"):
        return False
    if text[max(start - 4, 0) : start] in ("def ", "def\t"):
        return False
    return text[end : end + 40].lstrip(" \t").startswith("(")


def _statement_end(text: str, start: int) -> int:
    """Where the import statement at `start` ends: its line, or its closing parenthesis."""
    depth = 0
    end = len(text)
    position = start
    while True:
        match = _STATEMENT_END.search(text, position)
        if match is None:
            break
        token, position = match.group(), match.end()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth <= 0:
                end = position
                break
        elif token == "#":
            if depth == 0:
                end = match.start()
                break
            line_end = _LINE_END.search(text, position)
            position = len(text) if line_end is None else line_end.start()
        elif token[0] not in "\\'\"" and depth == 0:
            end = match.start()
            break
    while end > start and text[end - 1] in " \t\f\\\r\n":
        end -= 1
    return end


def _close(statements: list[Spot], index: int, text: str) -> None:
    if index >= 0:
        statements[index] = _ended(statements[index], len(text), text)


def _ended(spot: Spot, end: int, text: str) -> Spot:
    while end > spot.start and text[end - 1] in " \t\f\\\r\n":
        end -= 1
    return Spot(spot.keyword, spot.start, end)


class LineIndex:
    """Turns offsets into 1-based (line, column); columns count code points.

    Offsets asked in increasing order (imports, comments) are counted on from
    the last one, so placing every line of a file costs one pass over it; an
    offset before the last one indexes every line once and is looked up.
    """

    __slots__ = ("_last", "_line_start", "_lines", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._last = 0  # the last offset asked, its line and where that line starts
        self._lines = 1
        self._line_start = 0
        if "\r" in text:  # old Mac or Windows line ends: index every line once
            self._index(r"\r\n|\r|\n")

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None and offset < self._last:
            self._index(r"\n")
        if self._starts is None:
            # Counting newlines runs at memory speed, from the last offset asked.
            newlines = self._text.count("\n", self._last, offset)
            if newlines:
                self._lines += newlines
                self._line_start = self._text.rfind("\n", self._last, offset) + 1
            self._last = offset
            return self._lines, offset - self._line_start + 1
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def _index(self, line_end: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in re.finditer(line_end, self._text))
