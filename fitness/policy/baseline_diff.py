"""What a change does to the baseline: entries added and removed, counts and imports changed.

A reviewer of a pull request needs to see growth, the decision to accept more
known findings, apart from the shrinking the ratchet does on its own. Entries
are matched by fingerprint; an entry whose count goes up or that lists an
import it did not is `grown`, one whose count goes down or that lost imports
(and gained none) is `shrunk`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from fitness.model import BaselineEntry

ADDED, REMOVED, GROWN, SHRUNK = "added", "removed", "grown", "shrunk"


class EntryChange(NamedTuple):
    """One entry's change: findings counted before and after, imports gained and lost."""

    change: str
    rule: str
    summary: str
    before: int
    after: int
    imports_added: tuple[str, ...] = ()
    imports_removed: tuple[str, ...] = ()


class BaselineDiff(NamedTuple):
    """The baseline at a base revision against now; None for a side that has no file."""

    path: str
    revision: str
    changes: tuple[EntryChange, ...]
    before: int | None
    after: int | None

    @property
    def grows(self) -> bool:
        return any(change.change in (ADDED, GROWN) for change in self.changes)

    def count(self, change: str) -> int:
        return sum(1 for each in self.changes if each.change == change)


def diff(
    path: str,
    revision: str,
    base: Sequence[BaselineEntry] | None,
    head: Sequence[BaselineEntry] | None,
) -> BaselineDiff:
    """The changes from `base`'s entries to `head`'s, sorted by rule and summary."""
    then, now = _by_fingerprint(base or ()), _by_fingerprint(head or ())
    changes = []
    for fingerprint in sorted(then.keys() | now.keys()):
        old, new = then.get(fingerprint), now.get(fingerprint)
        if old is None and new is not None:
            added = new.imports or ()
            changes.append(EntryChange(ADDED, new.rule, new.summary, 0, new.occurrences, added))
        elif new is None and old is not None:
            gone = old.imports or ()
            changes.append(
                EntryChange(REMOVED, old.rule, old.summary, old.occurrences, 0, (), gone)
            )
        elif old is not None and new is not None:
            gained = tuple(sorted(set(new.imports or ()) - set(old.imports or ())))
            lost = tuple(sorted(set(old.imports or ()) - set(new.imports or ())))
            if new.occurrences == old.occurrences and not gained and not lost:
                continue
            change = GROWN if new.occurrences > old.occurrences or gained else SHRUNK
            changes.append(
                EntryChange(
                    change, new.rule, new.summary, old.occurrences, new.occurrences, gained, lost
                )
            )
    changes.sort(key=lambda each: (each.rule, each.summary, each.change))
    return BaselineDiff(path, revision, tuple(changes), _total(base), _total(head))


def _by_fingerprint(entries: Sequence[BaselineEntry]) -> dict[str, BaselineEntry]:
    found: dict[str, BaselineEntry] = {}
    for entry in entries:
        known = found.get(entry.fingerprint)
        if known is None:
            found[entry.fingerprint] = entry
        else:
            imports = tuple(sorted({*(known.imports or ()), *(entry.imports or ())}))
            found[entry.fingerprint] = known._replace(
                occurrences=known.occurrences + entry.occurrences, imports=imports
            )
    return found


def _total(entries: Sequence[BaselineEntry] | None) -> int | None:
    return None if entries is None else sum(entry.occurrences for entry in entries)
