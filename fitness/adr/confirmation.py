"""The rules a decision record's Confirmation section names.

MADR 4 asks in `### Confirmation` how compliance with a decision is confirmed;
MADR 3 calls that section `## Validation`. A section of either name, at any level
but the title's, runs to the next heading of its level or above. In it,
`fitness:domain-is-pure` names a rule, and so may a rule id in backticks
(`` `domain-is-pure` ``). Whether a word in backticks is a rule is decided against
the configuration (`fitness.adr.confirming`): `pytest` in backticks is not one.
HTML comments (MADR's template hints) and fenced code blocks are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fitness.model import RuleMention

SECTIONS = frozenset({"confirmation", "validation"})
# A rule id as the configuration allows it (`fitness.config.rules`), after `fitness:`
# that starts a word (not `docs/fitness:x`), or alone in a code span.
_EXPLICIT = re.compile(r"(?<![\w./-])fitness:(?P<id>[A-Za-z][A-Za-z0-9_-]*)")
_CODE = re.compile(r"`(?P<id>[A-Za-z][A-Za-z0-9_-]*)`")
_HEADING = re.compile(r"(?P<level>#{1,6})[ \t]+(?P<text>.*)")
_FENCE = re.compile(r"[ \t]{0,3}(?P<fence>```|~~~)")


def named_rules(lines: Sequence[str], start: int = 0) -> tuple[RuleMention, ...]:
    """The rules the Confirmation / Validation sections of `lines` name, from line `start`
    (0-based), each once: at its first `fitness:ID` mention, else at its first mention."""
    named: dict[str, RuleMention] = {}
    level: int | None = None  # the open section's heading level
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened is not None and not in_comment:
            fence = opened.group("fence")
            continue
        was_in_comment = in_comment
        text, in_comment = _outside_comments(line, in_comment)
        heading = None if was_in_comment else _HEADING.match(line)
        if heading is not None:
            depth = len(heading.group("level"))
            if level is not None and depth <= level:
                level = None
            if depth > 1 and _section_name(heading.group("text")) in SECTIONS:
                level = depth
            continue
        if level is not None:
            for mention in _mentions(text, index + 1):
                first = named.get(mention.rule)
                if first is None or (mention.explicit and not first.explicit):
                    named[mention.rule] = mention
    return tuple(named.values())


def _mentions(text: str, line: int) -> list[RuleMention]:
    found = [
        RuleMention(match.group("id"), line, match.start() + 1, True)
        for match in _EXPLICIT.finditer(text)
    ]
    found += [
        RuleMention(match.group("id"), line, match.start("id") + 1, False)
        for match in _CODE.finditer(text)
    ]
    return sorted(found, key=lambda mention: mention.column)


def _section_name(heading: str) -> str:
    return heading.rstrip(" \t#").strip().rstrip(":").strip().lower()


def _outside_comments(line: str, inside: bool) -> tuple[str, bool]:
    """`line` with its HTML comments blanked (columns kept), and whether one is still open."""
    parts: list[str] = []
    at = 0
    while at < len(line):
        if inside:
            end = line.find("-->", at)
            stop = len(line) if end < 0 else end + 3
            parts.append(" " * (stop - at))
            at, inside = stop, end < 0
        else:
            begin = line.find("<!--", at)
            stop = len(line) if begin < 0 else begin
            parts.append(line[at:stop])
            at, inside = stop, begin >= 0
    return "".join(parts), inside
