"""`did you mean ...?` hints."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    close = close_match(word, choices, cutoff)
    return f" (did you mean '{close}'?)" if close is not None else ""


def close_match(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to `word`, if one is close enough."""
    import difflib  # only a run with a mistake in it needs it

    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=cutoff)
    return close[0] if close else None
