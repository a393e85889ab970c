"""What a run knew before it: the baseline's entries, or the findings at `--since`'s revision.

A finding is known when a finding with its fingerprint was known (counted: one
more than were known is new) and, for a finding about imports, when every
module-level import on its routes was known too. So a new import between a
pair of packages that was already broken is a new finding, however the chains
it shows look (`fitness.model.Routes`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from fitness.model import BaselineEntry, Finding

Pair = tuple[str, str]
KNOWN, GROWN, NEW = "known", "grown", "new"
ARROW = " -> "  # how a baseline entry writes an import: `importer -> imported`


class Known(NamedTuple):
    """Per fingerprint, how many findings were known and the imports their routes used.

    `imports[fingerprint]` is None when only the count is known (an entry of a
    version 1 baseline). `everywhere` holds every import known at all (the
    graph of `--since`'s revision), to tell which imports of an unknown finding
    are new.
    """

    counts: Counter[str]
    imports: dict[str, frozenset[Pair] | None]
    everywhere: frozenset[Pair] = frozenset()

    def about(self, finding: Finding) -> frozenset[Pair]:
        """The imports to show `finding` against: what is new is what it needs beyond them.

        Every import there was, when the finding needs one that was nowhere (the
        import a change added, which lies in its diff); else those its
        fingerprint's routes used (a route that other changes opened).
        """
        routes = finding.routes
        if self.everywhere and routes is not None and not routes.pairs <= self.everywhere:
            return self.everywhere
        if not self.imports:
            return self.everywhere
        return self.imports.get(finding.fingerprint) or self.everywhere

    def judge(self, finding: Finding) -> str:
        """`KNOWN`, `GROWN` or `NEW`; a finding with a known fingerprint uses up one of its count.

        `GROWN`: the fingerprint was known but the finding's routes need an import
        that was not: the finding is new, yet what was known of it is still there
        (its baseline entry is not fixed).
        """
        if not self.counts:  # nothing known: no fingerprint to compute (nor hashlib to import)
            return NEW
        fingerprint = finding.fingerprint
        if self.counts[fingerprint] <= 0:
            return NEW
        self.counts[fingerprint] -= 1
        pairs = self.imports.get(fingerprint)
        if finding.routes is None or pairs is None or finding.routes.pairs <= pairs:
            return KNOWN
        return GROWN


def from_baseline(entries: Iterable[BaselineEntry]) -> Known:
    counts: Counter[str] = Counter()
    imports: dict[str, frozenset[Pair] | None] = {}
    for entry in entries:
        counts[entry.fingerprint] += entry.occurrences
        pairs = None if entry.imports is None else frozenset(map(pair_of, entry.imports))
        before = imports.get(entry.fingerprint, frozenset())
        imports[entry.fingerprint] = None if pairs is None or before is None else before | pairs
    return Known(counts, imports)


def from_findings(findings: Iterable[Finding], everywhere: frozenset[Pair]) -> Known:
    counts: Counter[str] = Counter()
    imports: dict[str, frozenset[Pair] | None] = {}
    for finding in findings:
        fingerprint = finding.fingerprint
        counts[fingerprint] += 1
        pairs = finding.routes.pairs if finding.routes is not None else frozenset()
        imports[fingerprint] = (imports.get(fingerprint) or frozenset()) | pairs
    return Known(counts, imports, everywhere)


def pair_of(text: str) -> Pair:
    importer, _, imported = text.partition(ARROW)
    return importer, imported


def text_of(pair: Pair) -> str:
    return ARROW.join(pair)
