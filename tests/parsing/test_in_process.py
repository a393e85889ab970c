"""Where cache misses are parsed: in this process below the measured line, else in workers."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from fitness.model import NO_BANS, FileFacts
from fitness.parsing import collect, pool
from fitness.parsing.codec import encode
from fitness.parsing.pool import Parsed
from fitness.parsing.version import content_hash

KB = 1024


@pytest.mark.parametrize(
    ("files", "size", "jobs", "idle", "here"),
    [
        (1, 10_000 * KB, 4, 4, True),  # a worker could not parse one file sooner
        (5, 60 * KB, 2, 2, True),  # below 160 KB, two workers save less than they cost
        (20, 159 * KB, 2, 2, True),  # (skeleton parsing moved the line from 64 KB)
        (20, 161 * KB, 2, 2, False),
        (36, 257 * KB, 2, 2, False),  # a small project on two idle CPUs: workers
        (36, 257 * KB, 2, 1, True),  # no second idle CPU: here, up to 960 KB
        (36, 257 * KB, 1, 2, True),  # one job: here, up to 960 KB
        (36, 257 * KB, 4, 8, False),
        (2, 257 * KB, 8, 8, False),  # two files are enough for two workers
        (20, 961 * KB, 1, 2, False),
        (900, 5_700 * KB, 1, 2, False),  # libcst and the trees stay out of this process
        (900, 5_700 * KB, 2, 0, False),
    ],
)
def test_parses_here_below_the_line(
    monkeypatch: pytest.MonkeyPatch, files: int, size: int, jobs: int, idle: int, here: bool
) -> None:
    monkeypatch.setattr(collect, "_idle_cpus", lambda: idle)

    assert collect._in_process(files, size, jobs) is here


def test_no_line_means_workers_for_more_than_one_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collect, "_IN_PROCESS_BYTES", 0)

    assert not collect._in_process(2, 1, 2)
    assert not collect._in_process(2, 1, 1)
    assert collect._in_process(1, 1, 2)


def test_idle_cpus_are_at_most_every_cpu() -> None:
    assert 0 <= collect._idle_cpus() <= (os.cpu_count() or 1)


@pytest.mark.parametrize(("size", "here"), [(16 * KB, True), (16 * KB + 1, False)])
def test_a_file_over_16_kb_is_always_parsed_in_a_worker(
    monkeypatch: pytest.MonkeyPatch, size: int, here: bool
) -> None:
    # One file, which would be parsed here at any size before: only a worker's time and
    # memory are limited, so this process survives whatever a file holds.
    sent: list[int] = []

    def workers(
        paths: list[str], sources: list[bytes], jobs: int, bans: object = None
    ) -> Iterator[Parsed]:
        sent.extend(len(source) for source in sources)
        yield from ((index, encode(FileFacts((), None)), True) for index in range(len(paths)))

    monkeypatch.setattr(pool, "parse_in_workers", workers)
    data = b"#" * (size - 1) + b"\n"
    miss = collect._Miss("big.py", (0, 0), content_hash(data), data, NO_BANS)

    [(index, _, cacheable)] = list(collect._parse([miss], 4, size))

    assert (index, cacheable, sent) == (0, True, [] if here else [size])
