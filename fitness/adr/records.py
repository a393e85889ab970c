"""One decision record's text: its title, status, successor and date, in any format.

Where the status is, first found wins: front matter `status:` (MADR 3/4), a
`## Status` section (Nygard, adr-tools: the last status line of the section
wins, as adr-tools appends one line per change), then a `Status:` line (MADR 2
`* Status: accepted`, log4brains `- Status: draft`). Titles are the first `#`
heading, without adr-tools' `N. ` prefix. The rules a Confirmation (MADR 3:
Validation) section names are read by `fitness.adr.confirmation`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from fitness.adr.confirmation import named_rules
from fitness.adr.front_matter import BrokenFrontMatter, front_matter
from fitness.adr.status import Stated, stated, without_html_comments
from fitness.model import AdrStatus, RuleMention

# Headings are matched to the end of the line and their closing `#`s and blanks
# stripped after: a lazy `.*?` before `[ \t#]*$` tried every split of a long run of them.
_TITLE = re.compile(r"#[ \t]+(?P<title>.+)")
_NUMBERED_TITLE = re.compile(r"\d+\.[ \t]+")
_HEADING = re.compile(r"(?P<level>#{1,6})[ \t]+(?P<text>.*)")
_FIELD = (
    r"[ \t]*(?:[*+-][ \t]+)?(?:\*\*|__)?{name}(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?P<value>\S.*)"
)
_STATUS_LINE = re.compile(_FIELD.format(name="status"), re.IGNORECASE)
_DATE_LINE = re.compile(_FIELD.format(name="date"), re.IGNORECASE)

NO_STATUS = (
    "no status: add a '## Status' section, a '* Status: accepted' line or 'status:' front matter"
)


class Read(NamedTuple):
    """What one record says; `successor` as written (a link target, `ADR-5` or a slug)."""

    title: str
    status: AdrStatus
    status_text: str
    status_line: int | None  # None: the record states no status
    successor: str | None
    date: str | None
    named: tuple[RuleMention, ...] = ()  # the rules its Confirmation section names


class Unreadable(Exception):
    """A record fitness cannot read: where and why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def read_record(text: str) -> Read:
    """The record `text` (a Markdown file's content); raises `Unreadable`.

    A record that states no status is still read (its citations resolve), with
    status `UNKNOWN` and no status line: `NO_STATUS` says what to add.
    """
    lines = text.splitlines()
    try:
        matter = front_matter(lines)
    except BrokenFrontMatter as exc:
        raise Unreadable(exc.line, exc.reason) from None
    start = 0 if matter is None else matter.end - 1
    values = {} if matter is None else matter.values
    title = _title(lines, start) or values.get("title", ("", 0))[0]
    found = _status(lines, start, values)
    status, line = found if found is not None else (Stated(AdrStatus.UNKNOWN, "", None), None)
    date = values["date"][0] if "date" in values else _field(lines, start, _DATE_LINE)
    named = named_rules(lines, start)
    return Read(title, status.status, status.text, line, status.successor, date, named)


def _title(lines: Sequence[str], start: int) -> str:
    for line in lines[start:]:
        match = _TITLE.match(line)
        if match is not None:
            title = match.group("title")
            title = title[0] + title[1:].rstrip(" \t#")  # the title is never empty
            numbered = _NUMBERED_TITLE.match(title)
            return title[numbered.end() :] if numbered else title
    return ""


def _status(
    lines: Sequence[str], start: int, values: dict[str, tuple[str, int]]
) -> tuple[Stated, int] | None:
    if "status" in values:
        text, line = values["status"]
        said = stated(text)
        return (said if said is not None else Stated(AdrStatus.UNKNOWN, text, None)), line
    section = _section(lines, start)
    if section is not None:
        return section
    for index in range(start, len(lines)):
        match = _STATUS_LINE.match(lines[index])
        if match is not None:
            value = match.group("value")
            said = stated(value)
            return (said if said is not None else Stated(AdrStatus.UNKNOWN, value, None)), index + 1
    return None


def _section(lines: Sequence[str], start: int) -> tuple[Stated, int] | None:
    """The last status stated in a `## Status` section (any level but the title's)."""
    inside = False
    found: tuple[Stated, int] | None = None
    first: tuple[Stated, int] | None = None
    for index in range(start, len(lines)):
        heading = _HEADING.match(lines[index])
        if heading is not None:
            if inside:
                break
            level = len(heading.group("level"))
            text = heading.group("text").rstrip(" \t#")
            inside = level > 1 and text.rstrip(":").strip().lower() == "status"
            continue
        if not inside or not lines[index].strip():
            continue
        said = stated(lines[index])
        if said is not None and said.status is not AdrStatus.UNKNOWN:
            found = (said, index + 1)
        elif first is None:
            first = (Stated(AdrStatus.UNKNOWN, lines[index].strip(), None), index + 1)
    return found or first


def _field(lines: Sequence[str], start: int, pattern: re.Pattern[str]) -> str | None:
    for line in lines[start:]:
        match = pattern.match(line)
        if match is not None:
            return without_html_comments(match.group("value")).strip() or None
    return None
