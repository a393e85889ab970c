"""Gather the facts of every file: from the cache where it knows them, else by parsing.

Parsing is the expensive part (libcst takes about 10 ms per 1,000 lines), so
cache misses are parsed across processes when there are enough of them to be
worth starting the workers; a handful are parsed in this process.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fitness.model import FileFacts, ParseFailure
from fitness.parsing.cache import FactsCache, Stamp, content_hash, stamp_of
from fitness.parsing.codec import Encoded, decode, encode

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

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
    """The facts of each of `paths` (relative to `root`), parsing only what the cache lacks."""
    facts: dict[str, FileFacts] = {}
    misses: list[tuple[str, Stamp, str, int]] = []
    base = str(root)
    for path in paths:
        location = os.path.join(base, path)
        try:
            stamp = stamp_of(os.stat(location))
        except OSError as exc:
            facts[path] = _unreadable(exc)
            continue
        known = cache.by_stamp(path, stamp)
        if known is not None:
            facts[path] = known
            continue
        try:
            with open(location, "rb") as source:
                data = source.read()
        except OSError as exc:
            facts[path] = _unreadable(exc)
            continue
        digest = content_hash(data)
        known = cache.by_content(path, stamp, digest)
        if known is not None:
            facts[path] = known
        else:
            misses.append((path, stamp, digest, len(data)))
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
        misses.sort(key=lambda miss: -miss[3])
        parsed = _parse(root, [m[0] for m in misses], jobs, sum(m[3] for m in misses))
        for (path, stamp, digest, _), (encoded, readable) in zip(misses, parsed):
            found = decode(encoded)
            facts[path] = found
            if readable:  # a file that failed to open may open next time, same content or not
                cache.store(path, stamp, digest, found)
            if progress is not None:
                progress.advance()
        if progress is not None:
            progress.finish()
    cache.save()
    return facts


def _parse(root: Path, paths: list[str], jobs: int, size: int) -> Iterator[tuple[Encoded, bool]]:
    """Encoded facts of `paths`, in their order, each with whether the file could be read."""
    if jobs <= 1 or len(paths) == 1 or size < _IN_PROCESS_BYTES:
        for path in paths:
            yield _extract_path(str(root / path))
        return
    from concurrent.futures import ProcessPoolExecutor  # only a cold run pays for it

    workers = min(jobs, len(paths))
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        yield from pool.map(_extract_path, [str(root / path) for path in paths], chunksize=4)


def _extract_path(path: str) -> tuple[Encoded, bool]:
    """Read and extract one file; runs in a worker process."""
    from fitness.parsing.extract import extract

    try:
        with open(path, "rb") as source:
            data = source.read()
    except OSError as exc:
        return encode(_unreadable(exc)), False
    return encode(extract(data)), True


def _context() -> BaseContext:
    import multiprocessing

    # fork starts workers in milliseconds with fitness already imported, but is
    # unsafe once this process runs threads (the parser thread of an earlier
    # in-process parse); macOS and Windows lack a safe fork altogether.
    if sys.platform.startswith("linux"):
        alone = threading.active_count() == 1
        return multiprocessing.get_context("fork" if alone else "forkserver")
    return multiprocessing.get_context()


def _unreadable(exc: OSError) -> FileFacts:
    return FileFacts((), ParseFailure(f"cannot read: {exc.strerror or exc}", 1, 1))
