"""References to decisions, and which record each resolves to.

A reference is `ADR-0004`, `ADR 4`, `adr-4` or `ADR4` (by number), a path or
Markdown link to the record's file (relative to where it is written, or to the
project root), or a record's file name without `.md` (a log4brains slug such
as `20200925-use-postgres`). Each resolves to one record or to nothing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import NamedTuple

from fitness.adr.directory import Decisions, is_record_name
from fitness.model import Adr

_NUMBER = re.compile(r"adr[-_ ]?0*(?P<number>\d+)|0*(?P<bare>\d+)", re.IGNORECASE)
_LINK = re.compile(r"\[[^\[\]]*\]\((?P<target>[^)\s\[\]]+)(?:\s[^)\[\]]*)?\)")
# In comments: numbered references, and paths to Markdown files. A path starts where
# a run of path characters does (or after a scheme's `//`), never inside one: each
# run is read once, so a long one costs its length, not its length squared.
_MENTION = re.compile(
    r"(?<![\w/.-])(?P<numbered>adr[-_ ]?\d+)(?![\w-])"
    r"|(?P<path>(?:https?://|(?<![\w/.-])|(?<=/)(?=/))[\w.-]*(?:/[\w.-]+)*\.md)(?![\w])",
    re.IGNORECASE,
)


class Mention(NamedTuple):
    """A reference found in text: as written, and its 0-based offset in that text."""

    text: str
    offset: int


def resolve(written: str, decisions: Decisions, base: str = "") -> Adr | None:
    """The record `written` cites; `base` is the directory (project-relative) it is written in."""
    text = written.strip()
    number = _NUMBER.fullmatch(text)
    if number is not None:
        return decisions.numbered(int(number.group("number") or number.group("bare")))
    link = _LINK.fullmatch(text)
    if link is not None:
        text = link.group("target")
    text = text.split("#", 1)[0]
    if "://" in text:  # a web page of the file (GitHub's /blob/main/...): by the record's name
        return decisions.named(_stem(text)) if is_record_name(_name(text)) else None
    if "/" in text or text.endswith(".md"):
        return _by_path(text, decisions, base)
    return decisions.named(text)


def mentions(text: str) -> Iterator[Mention]:
    """The references a comment makes: numbered ones, and paths to Markdown files."""
    for match in _MENTION.finditer(text):
        yield Mention(match.group(), match.start())


def is_record_path(path: str, decisions: Decisions, base: str) -> bool:
    """Whether the Markdown path or URL `path` names a record of the ADR directory.

    The directory's README, index and templates are not records.
    """
    if decisions.dir is None or not is_record_name(_name(path)):
        return False
    if "://" in path:
        return f"/{decisions.dir}/" in path
    return any(
        posixpath.dirname(candidate) == decisions.dir for candidate in _candidates(path, base)
    )


def _name(path: str) -> str:
    return path.split("#", 1)[0].rstrip("/").rpartition("/")[2]


def _stem(path: str) -> str:
    return _name(path)[: -len(".md")]


def _by_path(path: str, decisions: Decisions, base: str) -> Adr | None:
    for candidate in _candidates(path, base):
        found = decisions.at(candidate)
        if found is not None:
            return found
    return None


def _candidates(path: str, base: str) -> list[str]:
    """`path` relative to `base`, then relative to the project root."""
    found = []
    for start in (base, ""):
        joined = posixpath.normpath(posixpath.join(start, path.lstrip("/")))
        if not joined.startswith("..") and joined not in found:
            found.append(joined)
    return found
