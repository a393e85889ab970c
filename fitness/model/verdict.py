"""What policy decided of the findings: kept, suppressed inline, known from a baseline."""

from __future__ import annotations

from typing import NamedTuple

from fitness.model.finding import Finding, Location


class Suppression(NamedTuple):
    """`# fitness: ignore[rule-a, rule-b] ADR-0011 reason`, as read from a comment.

    `lines` are the lines it speaks to: its own, or the next one when it stands
    alone on its line. `adr` is the first ADR reference of its text, as written;
    `reason` the rest of the text (both may be empty).
    """

    location: Location
    ids: tuple[str, ...]
    lines: tuple[int, ...]
    adr: str | None
    reason: str


class Suppressed(NamedTuple):
    """A finding an inline suppression silenced, with that suppression."""

    finding: Finding
    suppression: Suppression


class BaselineEntry(NamedTuple):
    """A known finding: its fingerprint, rule, a summary a reviewer can read, and how many.

    `occurrences` findings with this fingerprint are known; one more is new. `path` is
    where the first of them was when the baseline was written.
    """

    fingerprint: str
    rule: str
    summary: str
    path: str
    occurrences: int


class BadSuppression(NamedTuple):
    """A `# fitness:` comment that is not a suppression fitness can apply, and why."""

    location: Location
    why: str
