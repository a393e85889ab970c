"""Gather the facts of every file: from the cache where it knows them, else by parsing.

Parsing is the expensive part (libcst takes about 10 ms per 1,000 lines), so
cache misses are parsed across processes when there are enough of them to be
worth starting the workers; a handful are parsed in this process.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fitness.model import FileFacts
from fitness.parsing.cache import FactsCache
from fitness.parsing.codec import decode
from fitness.parsing.version import content_hash, stamp_of
from fitness.parsing.worker import extract_path, unreadable

if TYPE_CHECKING:
    from fitness.parsing.pool import Parsed

log = logging.getLogger("fitness.parsing")

# Below this much source, starting worker processes costs more than it saves.
_IN_PROCESS_BYTES = 256 * 1024


class Progress(Protocol):
    """Told how many files will be parsed, then as each one is done."""

    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...

    def finish(self) -> None: ...


def collect_facts(
    root: Path,
    paths: Sequence[str],
    cache: FactsCache,
    jobs: int,
    progress: Progress | None = None,
) -> dict[str, FileFacts]:
    """The facts of each of `paths` (relative to `root`), parsing only what the cache lacks.

    A file is read here to look its content up, and again by the parser: what
    is stored is the version the parser read, so a file edited in between never
    has its new facts filed under its old content.
    """
    facts: dict[str, FileFacts] = {}
    misses: list[tuple[str, int]] = []  # (path, size)
    base = str(root)
    for path in paths:
        location = os.path.join(base, path)
        try:
            stamp = stamp_of(os.stat(location))
        except OSError as exc:
            facts[path] = unreadable(exc)
            continue
        known = cache.by_stamp(path, stamp)
        if known is not None:
            facts[path] = known
            continue
        try:
            with open(location, "rb") as source:
                data = source.read()
        except OSError as exc:
            facts[path] = unreadable(exc)
            continue
        digest = content_hash(data)
        known = cache.by_content(path, stamp, digest)
        if known is not None:
            facts[path] = known
        else:
            misses.append((path, len(data)))
    log.debug(
        "cache: %d of %d files known, %d to parse",
        len(paths) - len(misses),
        len(paths),
        len(misses),
    )
    if misses:
        if progress is not None:
            progress.start(len(misses))
        # Largest first, so no worker is left with a big file at the end.
        misses.sort(key=lambda miss: -miss[1])
        parsed = _parse(root, [m[0] for m in misses], jobs, sum(m[1] for m in misses))
        for index, encoded, version in parsed:
            path = misses[index][0]
            found = decode(encoded)
            facts[path] = found
            if version is not None:
                mtime, size, digest = version
                cache.store(path, (mtime, size), digest, found)
            if progress is not None:
                progress.advance()
        if progress is not None:
            progress.finish()
    cache.save()
    return facts


def _parse(root: Path, paths: list[str], jobs: int, size: int) -> Iterator[Parsed]:
    """(index, encoded facts, version read or None) of each path, as each is done."""
    located = [str(root / path) for path in paths]
    if len(paths) == 1 or size < _IN_PROCESS_BYTES:
        for index, path in enumerate(located):
            yield (index, *extract_path(path))
        return
    # Even with one job: the parsing process then holds libcst and one tree at a time,
    # and this one the facts of every file.
    from fitness.parsing.pool import parse_in_workers  # only a cold run pays for it

    log.debug("parsing %d files in %d worker processes", len(paths), min(jobs, len(paths)))
    yield from parse_in_workers(located, jobs)
