"""Long hostile lines in comments and records are read in one pass.

Each input is large enough (200,000 characters) that a scan trying every split
of it (quadratic) would take many minutes; the bound is generous (CPU seconds),
and each case also asserts what is found.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from fitness.adr.directory import find_dir, read_decisions
from fitness.adr.records import Read, read_record
from fitness.adr.references import Mention, mentions, resolve
from fitness.adr.status import without_html_comments
from fitness.model import AdrStatus

SAMPLES = Path(__file__).parent / "samples"
N = 200_000
T = TypeVar("T")


def bounded(work: Callable[[], T]) -> T:
    """`work()`, which must take under 5 CPU seconds (linear: a few milliseconds)."""
    start = time.process_time()
    result = work()
    assert time.process_time() - start < 5
    return result


@pytest.mark.parametrize(
    ("filler", "found"),
    [
        ("a" * N, []),  # one run of path characters, no .md: was 77 s at 40 KB
        ("a/" * (N // 2), []),  # a path of many segments, no .md
        ("a//" * (N // 3), []),
        ("http://" * (N // 7), []),
        ("x.m" * (N // 3), []),
        ("a" * N + ".md", [Mention("a" * N + ".md", 12)]),
    ],
    ids=["run", "segments", "double-slashes", "schemes", "dots", "long-path"],
)
def test_a_long_comment_citing_an_adr_is_read_in_one_pass(
    filler: str, found: list[Mention]
) -> None:
    comment = f"# ADR-4 see {filler} and docs/adr/0004-x.md"
    end = len(comment) - len("docs/adr/0004-x.md")
    assert bounded(lambda: list(mentions(comment))) == [
        Mention("ADR-4", 2),
        *found,
        Mention("docs/adr/0004-x.md", end),
    ]


def test_paths_after_a_scheme_or_a_double_slash_are_still_found() -> None:
    assert list(mentions("# xhttp://h/a.md ftp://h/b.md (c.md)")) == [
        Mention("http://h/a.md", 3),
        Mention("/h/b.md", 22),
        Mention("c.md", 31),
    ]


@pytest.mark.parametrize(
    "filler",
    ["<!--" * (N // 4), "[" * N, "[a](x " * (N // 6), " " * N + "-"],
    ids=["comments", "brackets", "links", "spaces"],
)
def test_record_lines_of_repeated_markup_are_read_in_one_pass(filler: str) -> None:
    text = (
        f"# Title{filler}x\n\n## Status{filler}\n\n* Status: Superseded by {filler}\n\n"
        f"Date: {filler}\n"
    )
    read = bounded(lambda: read_record(text))
    successor = filler.split()[0] if filler.strip() != "-" else "-"
    assert (read.title, read.status, read.status_line, read.successor) == (
        f"Title{filler}x",
        AdrStatus.SUPERSEDED,
        5,
        successor,
    )


def test_trailing_blanks_and_hashes_are_stripped_in_one_pass() -> None:
    blanks = " \t#" * (N // 3)
    text = f"---\nstatus: accepted{blanks[:-1]}\ndate: 2024-01-01{' ' * N}\n---\n# T{blanks}\n"
    assert bounded(lambda: read_record(text)) == Read(
        "T", AdrStatus.ACCEPTED, "accepted", 2, None, "2024-01-01"
    )
    heading = f"# T\n\n## Status{blanks}\n\nAccepted\n"
    assert bounded(lambda: read_record(heading)).status_line == 5


def test_an_unclosed_html_comment_is_kept_and_a_closed_one_removed() -> None:
    assert bounded(lambda: without_html_comments("<!--" * N)) == "<!--" * N
    assert without_html_comments("a<!-- x -->b<!---->c<!-->d") == "abc<!-->d"


def test_a_link_with_an_unclosed_title_resolves_nothing_in_one_pass() -> None:
    decisions = read_decisions(SAMPLES / "adr_tools", None)
    assert bounded(lambda: resolve("[a](0004.md " + "t" * N, decisions)) is None
    assert bounded(lambda: resolve("[a](" + "t" * N, decisions)) is None


def test_a_log4brains_folder_with_trailing_blanks_is_read_in_one_pass(tmp_path: Path) -> None:
    # Was 1.6 s for 20,000 blanks: the lazy value tried every split of them.
    folder = f"  adrFolder: './decisions/adr'{' ' * N}\n"
    (tmp_path / ".log4brains.yml").write_text(f"project:\n{folder}", encoding="utf-8")
    assert bounded(lambda: find_dir(tmp_path, None)) == ("decisions/adr", ".log4brains.yml")
