"""Refuse, before parsing, the nesting that makes libcst slow or kills it.

One pass over the text, skipping strings and comments (but reading the
replacement fields of f-strings as code), follows two depths:

- brackets: CPython's tokenizer refuses a bracket opened inside 200 others
  ("too many nested parentheses"); libcst's parser recurses on the C stack and
  took 50 s and 5 GB over 1,500 levels of `a(`, then aborted the process at
  2,500. Refused as CPython refuses it, at the same bracket.
- chains of calls and subscripts (`a[0][0]...`, `a(0).b(0)...`): valid
  Python, but libcst's time grows with the square of a chain's length (25 s
  for 2,900 subscripts). A chain of more than 200 is refused, as fitness
  cannot read it in bounded time.

Two searches find what libcst reads faster but still in quadratic time: more
than 2,000 attributes in a row (`a.b.c...`) and more than 4,000 unary
operators (`- - - x`, a byte a level). Other deep expressions (long `+`
chains, `not not ...`) cost libcst less per byte: files over 16 KB are parsed
in workers, whose time limit bounds them (`fitness.parsing.collect`,
`fitness.parsing.pool`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fitness.model import ParseFailure
from fitness.parsing.textscan import STRING_OR_COMMENT, LineIndex

MAX_BRACKETS = 200  # CPython's MAXLEVEL: the tokenizer refuses the 201st level
MAX_CHAIN = 200
# Cheaper for libcst than a chain of brackets, so more are read: 2,000 attributes
# take it 1.4 s, 4,000 unary operators 1.3 s (16,000: 20 s).
MAX_ATTRIBUTES = 2000
MAX_UNARY = 4000

_EVENTS = re.compile(
    rf"{STRING_OR_COMMENT.pattern}"
    # A pair of brackets with none inside (most of them), read as one event.
    r"""|(?P<flat>[(\[{][^()\[\]{}'"#]*[)\]}])"""
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])",
    re.DOTALL,
)
_FLAT, _CLOSE = _EVENTS.groupindex["flat"], _EVENTS.groupindex["close"]
_BRACES = re.compile(r"[{}]")
# What may stand between a closing bracket and the next trailer of its chain: blanks,
# line continuations, attributes; line breaks only inside brackets (a statement
# ends at one).
_BLANKS = r"(?:[ \t\f\r\n]|\\(?:\r\n?|\n))*"
_LINK_GAP = re.compile(rf"{_BLANKS}(?:\.{_BLANKS}\w+{_BLANKS})*")
_LINE = r"(?:[ \t\f]|\\(?:\r\n?|\n))*"
_LINK_ON_A_LINE = re.compile(rf"{_LINE}(?:\.{_LINE}\w+{_LINE})*")
# Runs of attributes alone (`a.b.c...`) and of unary operators (`- - - x`): a
# run of 20 or more is read whole, once; a search starting inside a shorter run
# reads at most 20 more, so the search stays linear.
_ATTRIBUTE_RUN = re.compile(r"\.\w+(?:\.\w+){19,}")
_UNARY_RUN = re.compile(r"[-+~](?:[ \t]*[-+~]){19,}")

TOO_MANY_BRACKETS = "syntax error: too many nested parentheses"
_MINUTES = "Python accepts it, but fitness's parser would take minutes"
TOO_LONG_A_CHAIN = f"more than {MAX_CHAIN} calls, subscripts or attributes in one chain: {_MINUTES}"
TOO_MANY_ATTRIBUTES = f"more than {MAX_ATTRIBUTES} attributes in one chain: {_MINUTES}"
TOO_MANY_UNARY = f"more than {MAX_UNARY} unary operators in a row: {_MINUTES}"


def too_deeply_nested(text: str) -> ParseFailure | None:
    """Why `text` is refused before parsing (too deep or too long a chain), else None."""
    if len(text) <= MAX_CHAIN:
        return None
    openings = text.count("(") + text.count("[") + text.count("{")
    # A chain needs brackets, but attributes between them count too.
    chained = openings > MAX_BRACKETS or text.count(".") > MAX_CHAIN
    found = _first_refused(text) if chained else None
    if found is None:
        offset = _first_outside_literals(
            text, _long_runs(_ATTRIBUTE_RUN, text, MAX_ATTRIBUTES, ".")
        )
        found = None if offset is None else (offset, TOO_MANY_ATTRIBUTES)
    if found is None:
        offset = _first_outside_literals(text, _long_runs(_UNARY_RUN, text, MAX_UNARY, "-+~"))
        found = None if offset is None else (offset, TOO_MANY_UNARY)
    if found is None:
        return None
    offset, reason = found
    line, column = LineIndex(text).position(offset)
    return ParseFailure(reason, line, column)


def _first_refused(
    text: str, pos: int = 0, endpos: int | None = None, fields: int = 0
) -> tuple[int, str] | None:
    """The offset of the first bracket too deep or too far down a chain, and why.

    Read from `pos` to `endpos`. Per depth: the length of the chain the last
    closing bracket there ended, and where it ended (-1 when a string or
    comment came since). The replacement fields of f-strings are code, read
    likewise from depth 1 as CPython 3.11 reads them (each apart, in
    parentheses); `fields` counts the f-strings they are in.
    """
    chains = [0] * (MAX_BRACKETS + 1)
    closed = [-1] * (MAX_BRACKETS + 1)
    depth = 1 if fields else 0  # CPython 3.11 parses a field's code in parentheses
    for match in _EVENTS.finditer(text, pos, len(text) if endpos is None else endpos):
        kind = match.lastindex  # None: a string or a comment, which ends any chain
        if kind is None:
            closed[depth] = -1
            if _formatted(text, match.start()):
                found = _in_fields(text, match.start(), match.end(), fields + 1)
                if found is not None:
                    return found
            continue
        if kind == _CLOSE:
            if depth:
                depth -= 1
            closed[depth] = match.end()
            continue
        start = match.start()
        if depth == MAX_BRACKETS:
            return start, TOO_MANY_BRACKETS
        last = closed[depth]
        if text[start] == "{":
            chains[depth] = 0
        elif last == start or (
            last > 0 and (_LINK_GAP if depth else _LINK_ON_A_LINE).fullmatch(text, last, start)
        ):
            chains[depth] += 1 + text.count(".", last, start)
            if chains[depth] > MAX_CHAIN:
                return start, TOO_LONG_A_CHAIN
        else:
            chains[depth] = 1
        if kind == _FLAT:
            closed[depth] = match.end()
        else:
            depth += 1
            closed[depth] = -1
    return None


def _formatted(text: str, quote: int) -> bool:
    """Whether the string (or comment) at `quote` is an f-string (or a t-string)."""
    if text[quote] == "#":
        return False
    start = quote
    while start > 0 and quote - start < 2 and text[start - 1] in "rRbBuUfFtT":
        start -= 1
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False  # a name's last letters (`elif"..."`), not a prefix
    return any(letter in "fFtT" for letter in text[start:quote])


def _in_fields(text: str, start: int, end: int, fields: int) -> tuple[int, str] | None:
    """What `_first_refused` finds in the replacement fields of the f-string at `start`-`end`."""
    quote = 3 if text.startswith(text[start] * 3, start) else 1
    level = 0
    field = -1
    escaped = -1
    for brace in _BRACES.finditer(text, start + quote, end - quote):
        at = brace.start()
        if at == escaped:
            continue
        if level == 0 and text.startswith(brace.group() * 2, at):  # `{{` or `}}`
            escaped = at + 1
            continue
        if brace.group() == "{":
            level += 1
            if level == 1:
                if fields > MAX_BRACKETS:  # f-strings in f-strings, as deep as brackets
                    return at, TOO_MANY_BRACKETS
                field = at + 1
        elif level > 0:
            level -= 1
            if level == 0:
                found = _first_refused(text, field, at, fields)
                if found is not None:
                    return found
    return None


def _long_runs(pattern: re.Pattern[str], text: str, most: int, items: str) -> Iterator[int]:
    """Where runs of `pattern` holding more than `most` of the characters `items` start."""
    for run in pattern.finditer(text):
        if run.end() - run.start() > most:
            written = run.group()
            if sum(written.count(item) for item in items) > most:
                yield run.start()


def _first_outside_literals(text: str, offsets: Iterator[int]) -> int | None:
    """The first of `offsets` (increasing) outside strings and comments, else None."""
    literals = STRING_OR_COMMENT.finditer(text)
    literal = next(literals, None)
    for offset in offsets:
        while literal is not None and literal.end() <= offset:
            literal = next(literals, None)
        if literal is None or offset < literal.start():
            return offset
    return None
