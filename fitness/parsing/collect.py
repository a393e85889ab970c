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
from typing import TYPE_CHECKING, NamedTuple, Protocol

from fitness.logs import Logger
from fitness.model import NO_BANS, Bans, FileFacts
from fitness.parsing.cache import FactsCache
from fitness.parsing.codec import decode
from fitness.parsing.examined import reusable, trimmed, wider
from fitness.parsing.version import Stamp, content_hash
from fitness.parsing.worker import extract_bytes, unreadable
from fitness.tree import Tree, prefetch
from fitness.tree.work import WORK

if TYPE_CHECKING:
    from fitness.parsing.pool import Parsed

log = Logger("fitness.parsing")  # imports logging only when --debug set it up

# Parsing here costs importing libcst (about 0.13 s), then one file after another
# (about 0.4 s per MB since skeleton parsing, `fitness.parsing.skeleton`; 1 s before);
# a worker costs its own start-up (0.15 s, libcst included) but workers parse side by
# side. Measured (bench/README.md, "Parsing in this process"): with two idle CPUs, two
# workers won from about 64 KB of source when a MB took 1 s, so from about 160 KB now;
# with no second idle CPU, parsing here wins at every size, and a worker only keeps
# libcst and the trees out of this process, which matters for large projects alone.
_IN_PROCESS_BYTES = 160 * 1024  # with CPUs to parse side by side
_SERIAL_FACTOR = 6  # without: up to about 1 MB; 0 bytes above means workers always
# A larger file is always parsed in a worker, whose time and memory are limited
# (`fitness.parsing.pool`): what a file holds can make libcst take minutes or
# gigabytes, and this process must survive it. 16 KB of the worst expressions
# known (`a + a + ...`) take libcst about 10 s.
_WORKER_FROM_BYTES = 16 * 1024


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
    tree: Tree = WORK,
) -> dict[str, FileFacts]:
    """The facts of each of `paths` (relative to `root` in `tree`), parsing what the cache lacks.

    The facts of each file are those
    extracting it with `bans` gives. A cached file is parsed again only when
    its facts were not gathered for a ban that can match in it
    (`fitness.parsing.examined`): that is known from the facts, so a run reads
    only the files a new ban can affect. A file is read once, here, to look its
    content up; the parser is given those very bytes, so what is stored is what
    was parsed, under the stamp taken before the read (an edit while it is read
    gives the next run a new stamp to look at). `stats`, if given, is told what
    came from where.
    """
    facts: dict[str, FileFacts] = {}
    misses: list[_Miss] = []
    reexamined = 0
    base = str(root)
    # (path, location, stamp or why it has none, facts known, facts fitting `bans`)
    looked: list[tuple[str, str, Stamp | OSError, FileFacts | None, FileFacts | None]] = []
    for path in paths:
        location = os.path.join(base, path)
        try:
            found = tree.stamp(location)
        except OSError as exc:
            looked.append((path, location, exc, None, None))
            continue
        known = cache.by_stamp(path, found)
        fitting = reusable(known, bans) if known is not None else None
        looked.append((path, location, found, known, fitting))
    # The files to read, read together where the tree gains by it (a git revision).
    prefetch(
        tree,
        [
            location
            for _, location, stamp, _, fitting in looked
            if fitting is None and not isinstance(stamp, OSError)
        ],
    )
    for path, location, stamp, known, fitting in looked:
        if isinstance(stamp, OSError):
            facts[path] = unreadable(stamp)
            continue
        data = None
        if known is None:
            try:
                data = tree.read_bytes(location)
            except OSError as exc:
                facts[path] = unreadable(exc)
                continue
            digest = content_hash(data)
            known = cache.by_content(path, stamp, digest)
            if known is None:
                misses.append(_Miss(path, stamp, digest, data, bans))
                continue
            fitting = reusable(known, bans)
        if fitting is not None:
            facts[path] = fitting
            continue
        # What it lacks is added to what it had, for a switch back to the old bans.
        if data is None:
            try:
                data = tree.read_bytes(location)
            except OSError as exc:
                facts[path] = unreadable(exc)
                continue
        misses.append(_Miss(path, stamp, content_hash(data), data, wider(bans, known.examined)))
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
        _parse_misses(misses, cache, jobs, progress, bans, facts)
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


class _Miss(NamedTuple):
    """A file to parse: its path, the stamp and hash of the bytes read, and the bans asked."""

    path: str
    stamp: Stamp
    digest: str
    data: bytes
    bans: Bans


def _parse_misses(
    misses: list[_Miss],
    cache: FactsCache,
    jobs: int,
    progress: Progress | None,
    bans: Bans,
    facts: dict[str, FileFacts],
) -> None:
    """Parse `misses` into `facts`, storing in `cache` what may be kept."""
    if progress is not None:
        progress.start(len(misses))
    # Largest first, so no worker is left with a big file at the end.
    misses.sort(key=lambda miss: -len(miss.data))
    for index, encoded, cacheable in _parse(misses, jobs, sum(len(m.data) for m in misses)):
        miss = misses[index]
        found = trimmed(decode(encoded))
        if cacheable:
            cache.store(miss.path, miss.stamp, miss.digest, found)
        # Asked for at least `bans`, it lacks none, unless extraction looked for less.
        facts[miss.path] = reusable(found, bans) or found
        misses[index] = miss._replace(data=b"")  # parsed: its bytes are let go
        if progress is not None:
            progress.advance()
    if progress is not None:
        progress.finish()


def _parse(misses: list[_Miss], jobs: int, size: int) -> Iterator[Parsed]:
    """(index, encoded facts, whether to cache them) of each miss, as each is done.

    `misses` come largest first.
    """
    if len(misses[0].data) <= _WORKER_FROM_BYTES and _in_process(len(misses), size, jobs):
        for index, miss in enumerate(misses):
            yield (index, *extract_bytes(miss.data, miss.bans))
        return
    # Even with one job, past the line: the parsing process then holds libcst and one
    # tree at a time, and this one the facts of every file.
    from fitness.parsing.pool import parse_in_workers  # only a cold run pays for it

    log.debug("parsing %d files in %d worker processes", len(misses), min(jobs, len(misses)))
    paths = [miss.path for miss in misses]
    asked = [miss.bans for miss in misses]
    yield from parse_in_workers(paths, [miss.data for miss in misses], jobs, bans=asked)


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
