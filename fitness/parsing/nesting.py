"""Refuse, before parsing, the nesting that makes libcst slow or kills it.

One pass over the text, skipping strings and comments, follows two depths:

- brackets: CPython's tokenizer refuses a bracket opened inside 200 others
  ("too many nested parentheses"); libcst's parser recurses on the C stack and
  needed 30 s and 5 GB for 1,500 levels, then aborted the process at 2,500.
  Refused as CPython refuses it, at the same bracket.
- chains of calls, subscripts and attributes (`a[0][0]...`, `a(0).b(0)...`,
  `a.b.c...`): valid Python, but libcst's time grows with the square of a
  chain's length (25 s for 2,900 subscripts). A chain longer than 200 is
  refused, as fitness cannot read it in bounded time.

Other deep expressions (long `+` chains, `not not ...`) cost libcst time too;
the time limit of the parsing processes bounds them (`fitness.parsing.pool`).
"""

from __future__ import annotations

import re

from fitness.model import ParseFailure
from fitness.parsing.textscan import STRING_OR_COMMENT, LineIndex

MAX_BRACKETS = 200  # CPython's MAXLEVEL: the tokenizer refuses the 201st level
MAX_CHAIN = 200

_EVENTS = re.compile(
    rf"{STRING_OR_COMMENT.pattern}"
    # A pair of brackets with none inside (most of them), read as one event.
    r"""|(?P<flat>[(\[{][^()\[\]{}'"#]*[)\]}])"""
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])",
    re.DOTALL,
)
# What may stand between a closing bracket and the next trailer of its chain: blanks,
# line continuations, attributes.
_BLANKS = r"(?:[ \t\f\r\n]|\\(?:\r\n?|\n))*"
_LINK_GAP = re.compile(rf"{_BLANKS}(?:\.{_BLANKS}\w+{_BLANKS})*")
# A chain of attributes alone, read from where it starts only: one pass.
_DOTTED = re.compile(r"(?<![\w.])\w*(?:\.\w+){" + str(MAX_CHAIN) + "}")

TOO_MANY_BRACKETS = "syntax error: too many nested parentheses"
TOO_LONG_A_CHAIN = (
    f"more than {MAX_CHAIN} calls, subscripts or attributes in one chain: Python accepts it,"
    " but fitness's parser would take minutes"
)


def too_deeply_nested(text: str) -> ParseFailure | None:
    """Why `text` is refused before parsing (too deep or too long a chain), else None."""
    openings = text.count("(") + text.count("[") + text.count("{")
    if openings <= MAX_BRACKETS and text.count(".") <= MAX_CHAIN:
        return None
    found = _first_refused(text) if openings > MAX_BRACKETS else None
    if found is None:
        dotted = _dotted_outside_strings(text)
        if dotted is None:
            return None
        found = (dotted, TOO_LONG_A_CHAIN)
    offset, reason = found
    line, column = LineIndex(text).position(offset)
    return ParseFailure(reason, line, column)


def _first_refused(text: str) -> tuple[int, str] | None:
    """The offset of the first bracket too deep or too far down a chain, and why."""
    depth = 0
    chains = [0]  # per depth: the length of the chain the last closing bracket ended
    closed = [-1]  # per depth: where that bracket ends, -1 when something else came since
    for match in _EVENTS.finditer(text):
        kind = match.lastgroup
        if kind == "open" or kind == "flat":
            start = match.start()
            if depth == MAX_BRACKETS:
                return start, TOO_MANY_BRACKETS
            if text[start] != "{":
                chains[depth] = _link(text, closed[depth], start, chains[depth])
                if chains[depth] > MAX_CHAIN:
                    return start, TOO_LONG_A_CHAIN
            if kind == "flat":
                closed[depth] = match.end()
                continue
            depth += 1
            if depth == len(chains):
                chains.append(0)
                closed.append(-1)
            chains[depth], closed[depth] = 0, -1
        elif kind == "close":
            if depth > 0:
                depth -= 1
            closed[depth] = match.end()
        else:  # a string or a comment ends any chain
            closed[depth] = -1
    return None


def _link(text: str, closed: int, start: int, chain: int) -> int:
    """The length of the chain the trailer at `start` is part of."""
    if closed < 0:
        return 1
    gap = _LINK_GAP.fullmatch(text, closed, start)
    if gap is None:
        return 1
    return chain + 1 + text.count(".", closed, start)


def _dotted_outside_strings(text: str) -> int | None:
    """Where a chain of more than `MAX_CHAIN` attributes starts, outside strings and comments."""
    found = _DOTTED.search(text)
    if found is None:
        return None
    literals = STRING_OR_COMMENT.finditer(text)
    literal = next(literals, None)
    while found is not None:
        while literal is not None and literal.end() <= found.start():
            literal = next(literals, None)
        if literal is None or found.end() <= literal.start():
            return found.start()
        found = _DOTTED.search(text, literal.end())
    return None
