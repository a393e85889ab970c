"""Inline suppressions, read from the comments kept per file.

`# fitness: ignore[rule-a, rule-b] ADR-0011 reason text` silences the findings
of the named rules (or built-in checks) on its own line, or on the next line
when it stands alone on its line. A finding spanning several lines (a
multi-line import) is silenced by a suppression on any of them. ruff's
`# noqa: S301` silences, on its line, the findings of pack entries that
declare that code (`ruff = "S301"`).

`until=2027-03-31` and `owner=@payments`, anywhere after the ids, make the
suppression an exception with an expiry and an owner (`fitness.policy.expiry`
judges them); they are not part of its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from fitness.model import BadSuppression, Comment, Location, Suppression

_DIRECTIVE = re.compile(
    r"#[ \t]*fitness[ \t]*:[ \t]*(?P<verb>[\w-]*)[ \t]*(?P<ids>\[[^\]]*\]?)?(?P<rest>.*)$",
    re.IGNORECASE,
)
# The ADR a suppression cites: its first word (ADR and a number, a slug, or a path).
_ADR = re.compile(
    r"(?P<adr>adr[-_ ]?\d+|\d+-[\w.-]+|[\w./-]+\.md)(?![\w-])(?P<rest>.*)$", re.IGNORECASE
)


def suppressions(
    comments: Mapping[str, tuple[Comment, ...]],
) -> Iterator[Suppression | BadSuppression]:
    """Every `# fitness:` directive of every file, read (or refused, with the reason)."""
    for path, kept in comments.items():
        for comment in kept:
            found = read(path, comment)
            if found is not None:
                yield found


def read(path: str, comment: Comment) -> Suppression | BadSuppression | None:
    """The directive `comment` holds, or None when it holds none."""
    directive = _DIRECTIVE.search(comment.text)
    if directive is None:
        return _noqa(path, comment)
    column = comment.column + directive.start()
    location = Location(path, comment.line, column, comment.line, column + len(directive.group()))
    verb = directive.group("verb")
    if verb.lower() != "ignore":
        return BadSuppression(
            location, f"unknown directive 'fitness: {verb}'; write '# fitness: ignore[rule-id] why'"
        )
    written = directive.group("ids")
    ids = tuple(part.strip() for part in (written or "").strip("[]").split(",") if part.strip())
    if written is None or not written.endswith("]") or not ids:
        return BadSuppression(
            location,
            "a suppression must name what it suppresses: '# fitness: ignore[rule-id] why'",
        )
    stamps, rest = _stamps(directive.group("rest"))
    if isinstance(stamps, str):
        return BadSuppression(location, stamps)
    until, owner = stamps
    rest = rest.strip()
    cited = _ADR.match(rest)
    adr = cited.group("adr") if cited is not None else None
    reason = cited.group("rest").strip() if cited is not None else rest
    lines = (comment.line + 1,) if comment.own_line else (comment.line,)
    return Suppression(location, ids, lines, adr, reason, until=until, owner=owner)


def _stamps(text: str) -> tuple[tuple[str | None, str | None] | str, str]:
    """The `until=` and `owner=` of a suppression's text, and the text without them; or why
    they cannot be read (an `until=` that is no date, a field given twice, an empty one)."""
    found: dict[str, str] = {}
    for match in _STAMP.finditer(text):
        key, value = match.group("key").lower(), match.group("value")
        if key in found:
            return f"the suppression gives {key}= twice: write it once", text
        if not value:
            return f"{key}= needs a value: write {_EXAMPLES[key]}", text
        found[key] = value
    until = found.get("until")
    if until is not None and not is_date(until):
        return f"until={until} is not a date: write {_EXAMPLES['until']}", text
    if not found:
        return (None, None), text
    return (until, found.get("owner")), " ".join(_STAMP.sub("", text).split())


def is_date(text: str) -> bool:
    """Whether `text` is a calendar date written YYYY-MM-DD."""
    import datetime

    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


_STAMP = re.compile(r"(?<![\w-])(?P<key>until|owner)=(?P<value>\S*)", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXAMPLES = {"until": "until=YYYY-MM-DD (the last day it applies)", "owner": "owner=@team"}


def _noqa(path: str, comment: Comment) -> Suppression | None:
    """ruff's `# noqa: S301` as a suppression of the findings that carry one of its codes.

    A bare `# noqa` names no code and silences nothing of fitness's: written for
    a long line or an unused import, it must not hide a security finding too.
    """
    noqa = _NOQA.search(comment.text)
    if noqa is None or not noqa.group("codes"):
        return None
    codes = tuple(code for code in re.split(r"[,\s]+", noqa.group("codes")) if code)
    column = comment.column + noqa.start()
    location = Location(path, comment.line, column, comment.line, column + len(noqa.group()))
    return Suppression(location, codes, (comment.line,), None, "", noqa=True)


# ruff's own syntax: noqa, a colon and codes (S301), comma- or space-separated, any case.
_NOQA = re.compile(
    r"#[ \t]*noqa(?::[ \t]?(?P<codes>[A-Z]+[0-9]+(?:[ \t]*,?[ \t]*[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)
