"""What `fitness baseline` says it did."""

from __future__ import annotations

import os

from fitness.app.ratchet import Written


def baseline_written(written: Written) -> str:
    """`Wrote PATH: N entries for M findings.`, then what changed, one sentence each."""
    shown = os.path.relpath(written.path)
    verb = "Wrote"
    said = [f"{verb} {shown}: {_entries(written.entries)} for {_findings(written.findings)}."]
    if written.dropped:
        said.append(
            f"Dropped {written.dropped} fixed entr{'y' if written.dropped == 1 else 'ies'}."
        )
    if written.grown:
        said.append(f"Recorded {_new(written.grown)} (--allow-growth).")
    if written.left_out:
        said.append(f"Left out {_new(written.left_out)} (--prune).")
    return " ".join(said)


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _findings(count: int) -> str:
    return f"{count} finding{'' if count == 1 else 's'}"


def _new(count: int) -> str:
    return f"{count} new finding{'' if count == 1 else 's'}"
