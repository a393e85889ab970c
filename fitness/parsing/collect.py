"""Gather the facts of every file: from the cache where it knows them, else by parsing.

Parsing is the expensive part (libcst takes about 10 ms per 1,000 lines), so
cache misses are parsed across processes when there are enough of them to be
worth starting the workers; a handful are parsed in this process. The cache
also misses a known file whose facts were not gathered for a configured ban
that can match in it (`fitness.parsing.examined`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fitness.logs import Logger
from fitness.model import NO_BANS, Bans, FileFacts
from fitness.parsing.cache import FactsCache
from fitness.parsing.codec import decode
from fitness.parsing.examined import reusable, trimmed, wider
from fitness.parsing.version import content_hash, stamp_of
from fitness.parsing.worker import extract_path, unreadable

if TYPE_CHECKING:
    from fitness.parsing.pool import Parsed

log = Logger("fitness.parsing")  # imports logging only when --debug set it up

# Parsing here costs importing libcst (about 0.13 s), then one file after another
# (about 1 s per MB); a worker costs its own start-up (0.15 s, libcst included) but
# workers parse side by side. Measured (bench/README.md, "Parsing in this process"):
# with two idle CPUs, two workers win from about 64 KB of source; with no second idle
# CPU, parsing here wins at every size, and a worker only keeps libcst and the trees
# out of this process (about 8 MB), which matters for large projects alone.
_IN_PROCESS_BYTES = 64 * 1024  # with CPUs to parse side by side
_SERIAL_FACTOR = 16  # without: up to 1 MB; 0 bytes above means workers always


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
    bans: Bans = NO_BANS,
    stats: CollectStats | None = None,
) -> dict[str, FileFacts]:
    """The facts of each of `paths` (relative to `root`), parsing only what the cache lacks.

    The facts of each file are those extracting it with `bans` gives. A
    cached file is parsed again only when its facts were not gathered for a
    ban that can match in it (`fitness.parsing.examined`): that is known from
    the facts, so a run reads only the files a new ban can affect. A file is
    read here to look its content up, and again by the parser: what is stored
    is the version the parser read, so a file edited in between never has
    its new facts filed under its old content. `stats`, if given, is told
    what came from where.
    """
    facts: dict[str, FileFacts] = {}
    misses: list[tuple[str, int, Bans]] = []  # (path, size, the bans to extract it with)
    reexamined = 0
    base = str(root)
    for path in paths:
        location = os.path.join(base, path)
        try:
            stamp = stamp_of(os.stat(location))
        except OSError as exc:
            facts[path] = unreadable(exc)
            continue
        known = cache.by_stamp(path, stamp)
        if known is None:
            try:
                with open(location, "rb") as source:
                    data = source.read()
            except OSError as exc:
                facts[path] = unreadable(exc)
                continue
            known = cache.by_content(path, stamp, content_hash(data))
            if known is None:
                misses.append((path, len(data), bans))
                continue
        fitting = reusable(known, bans)
        if fitting is not None:
            facts[path] = fitting
        else:  # what it lacks is added to what it had, for a switch back to the old bans
            misses.append((path, stamp[1], wider(bans, known.examined)))
            reexamined += 1
    log.debug(
        "cache: %d of %d files known, %d to parse",
        len(paths) - len(misses),
        len(paths),
        len(misses),
    )
    if bans:
        log.debug("cache: known files re-examined for bans their facts lacked: %d", reexamined)
    if stats is not None:
        stats.files, stats.parsed, stats.reexamined = len(paths), len(misses), reexamined
    if misses:
        if progress is not None:
            progress.start(len(misses))
        # Largest first, so no worker is left with a big file at the end.
        misses.sort(key=lambda miss: -miss[1])
        parsed = _parse(
            root,
            [(path, asked) for path, _, asked in misses],
            jobs,
            sum(miss[1] for miss in misses),
        )
        for index, encoded, version in parsed:
            path = misses[index][0]
            found = trimmed(decode(encoded))
            if version is not None:
                mtime, size, digest = version
                cache.store(path, (mtime, size), digest, found)
            # Asked for at least `bans`, it lacks none, unless extraction looked for less.
            facts[path] = reusable(found, bans) or found
            if progress is not None:
                progress.advance()
        if progress is not None:
            progress.finish()
    cache.save()
    return facts


class CollectStats:
    """How a `collect_facts` call came by the facts: what it parsed, and why.

    `parsed` counts the files parsed (new, changed, or re-examined);
    `reexamined` those of them whose content the cache knew, but whose facts
    were not gathered for a configured ban that can match in them.
    """

    __slots__ = ("files", "parsed", "reexamined")

    def __init__(self) -> None:
        self.files = 0
        self.parsed = 0
        self.reexamined = 0


def _parse(root: Path, requests: list[tuple[str, Bans]], jobs: int, size: int) -> Iterator[Parsed]:
    """(index, encoded facts, version read or None) of each (path, bans), as each is done."""
    located = [str(root / path) for path, _ in requests]
    asked = [bans for _, bans in requests]
    if _in_process(len(located), size, jobs):
        for index, path in enumerate(located):
            yield (index, *extract_path(path, asked[index]))
        return
    # Even with one job, past the line: the parsing process then holds libcst and one
    # tree at a time, and this one the facts of every file.
    from fitness.parsing.pool import parse_in_workers  # only a cold run pays for it

    log.debug("parsing %d files in %d worker processes", len(located), min(jobs, len(located)))
    yield from parse_in_workers(located, jobs, bans=asked)


def _in_process(files: int, size: int, jobs: int) -> bool:
    """Whether parsing `files` (`size` bytes in all) here is faster than starting workers."""
    if files == 1:
        return True
    if min(jobs, files, _idle_cpus()) >= 2:
        return size < _IN_PROCESS_BYTES
    return size < _SERIAL_FACTOR * _IN_PROCESS_BYTES


def _idle_cpus() -> int:
    """CPUs no other process is running on at this moment, as far as the system tells.

    Linux counts the threads running now in /proc/loadavg (this one among them); a
    busy machine leaves no second CPU for a second worker, which then only costs
    its start-up. Where there is no such count, every CPU is taken to be idle.
    """
    cpus = os.cpu_count() or 1
    try:
        with open("/proc/loadavg", "rb") as loadavg:
            running = int(loadavg.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return cpus
    return max(cpus - max(running - 1, 0), 0)
