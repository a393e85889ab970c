"""FileFacts to plain tuples and back: what the cache stores and workers send."""

from __future__ import annotations

from typing import Any, Union

from fitness.model import FileFacts, ParseFailure, RawImport

# Bump when the shape of FileFacts or of what extraction finds changes.
FORMAT = 3

Encoded = tuple[tuple[tuple[Any, ...], ...], Union[tuple[str, int, int, str], None]]


def encode(facts: FileFacts) -> Encoded:
    """Only built-in types, so `marshal` can store it and processes can send it."""
    failure = facts.failure
    return (
        tuple(tuple(raw) for raw in facts.imports),
        None if failure is None else (failure.message, failure.line, failure.column, failure.kind),
    )


def decode(encoded: Encoded) -> FileFacts:
    imports, failure = encoded
    return FileFacts(
        tuple(map(RawImport._make, imports)),
        None if failure is None else ParseFailure._make(failure),
    )
