"""Stable identities of findings, for baselines and code-scanning alerts."""

from __future__ import annotations

from collections.abc import Sequence


def fingerprint(parts: Sequence[str]) -> str:
    """20 hex digits from what a finding is about: a rule id, module names, a path.

    Callers pass names, never message wording or line numbers, so rewording a
    message or an unrelated edit above a line keeps every baseline entry valid.
    """
    import hashlib  # a clean run has no findings to fingerprint

    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
