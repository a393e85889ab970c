"""Status words as every format writes them, normalised to `AdrStatus`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from fitness.model import AdrStatus

_WORDS = {
    "proposed": AdrStatus.PROPOSED,
    "draft": AdrStatus.PROPOSED,  # log4brains: a record still being written
    "accepted": AdrStatus.ACCEPTED,
    "rejected": AdrStatus.REJECTED,
    "deprecated": AdrStatus.DEPRECATED,
    "superseded": AdrStatus.SUPERSEDED,
    "superceded": AdrStatus.SUPERSEDED,  # adr-tools' spelling
}
# Lines of an adr-tools Status section that link records and say nothing of this
# one's status: "Supercedes [1. ...](...)", "Amended by [...]", "Clarifies ...".
_LINKS = frozenset(
    ("supersedes", "supercedes", "amends", "amended", "clarifies", "clarified", "extends")
)
# Each pattern reads a line in one pass: no two parts can take the same characters.
_FIRST_WORD = re.compile(r"[^\w\[]*(?:\[\s*)?(?P<word>[A-Za-z]+)")
_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<target>[^)\s\[\]]+)(?:\s[^)\[\]]*)?\)")
_BY = re.compile(r"\bby\b[\s:]*(?P<rest>.*)", re.IGNORECASE)


class Stated(NamedTuple):
    """A status as a line states it, and the successor it names (as written)."""

    status: AdrStatus
    text: str
    successor: str | None


def stated(line: str) -> Stated | None:
    """The status `line` states; None for a line that links records or states nothing.

    A word fitness does not know (`Pending`) is `UNKNOWN`, kept as written.
    """
    text = without_html_comments(line).strip().strip("*_").strip()
    match = _FIRST_WORD.match(text)
    if match is None:
        return None
    word = match.group("word").lower()
    if word in _LINKS:
        return None
    status = _WORDS.get(word, AdrStatus.UNKNOWN)
    successor = _successor(text) if status is AdrStatus.SUPERSEDED else None
    return Stated(status, text, successor)


def in_project_words(text: str, words: Mapping[str, AdrStatus]) -> Stated | None:
    """The status `text` states in the project's own words (`[tool.fitness.adr] statuses`,
    keys in lower case), or None when it starts with none of them.

    The longest word that starts the text wins: `Approved` and `Approved with changes`
    may map to different statuses.
    """
    plain = without_html_comments(text).strip().strip("*_").strip()
    lowered = plain.lower()
    for word in sorted(words, key=len, reverse=True):
        if lowered.startswith(word) and not lowered[len(word) : len(word) + 1].isalnum():
            status = words[word]
            successor = _successor(plain) if status is AdrStatus.SUPERSEDED else None
            return Stated(status, plain, successor)
    return None


def without_html_comments(line: str) -> str:
    """`line` without its `<!-- ... -->` comments (MADR's template leaves `<!-- optional -->`).

    Found with `str.find`, which never looks at a character twice: a line of
    `<!--` with no `-->` costs its length.
    """
    kept = []
    position = 0
    while True:
        start = line.find("<!--", position)
        end = -1 if start < 0 else line.find("-->", start + 4)
        if end < 0:
            kept.append(line[position:])
            return "".join(kept)
        kept.append(line[position:start])
        position = end + 3


def _successor(text: str) -> str | None:
    """What `superseded by X` names: the link's target, else the words after `by`."""
    link = _LINK.search(text)
    if link is not None:
        return link.group("target").split("#", 1)[0]
    by = _BY.search(text)
    if by is None:
        return None
    rest = by.group("rest").strip().strip("*_`").strip()
    return rest.split()[0].rstrip(".,;") if rest else None
