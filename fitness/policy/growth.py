"""Growth of the baseline: the findings its entries do not cover, which only a decision records.

`fitness baseline` shrinks the baseline on its own (a fixed entry is dropped, a
count goes down) but adds to it only with `--allow-growth`. What would grow it
is judged as `fitness check` judges: a finding whose fingerprint no entry
holds, one more finding of a fingerprint than its entry counts, or a finding
whose routes need an import its entry does not list (`fitness.policy.known`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fitness.model import BaselineEntry, Finding


def growth(findings: Iterable[Finding], entries: Sequence[BaselineEntry]) -> list[Finding]:
    """The findings `entries` do not cover, each shown through its first import they lack."""
    from fitness.policy.known import GROWN, KNOWN, from_baseline
    from fitness.policy.witness import through_new

    listed = from_baseline(entries)
    new: list[Finding] = []
    for finding in sorted(findings, key=Finding.sort_key):
        judged = listed.judge(finding)
        if judged != KNOWN:
            new.append(through_new(finding, listed.about(finding), judged == GROWN))
    return sorted(new, key=Finding.sort_key)
