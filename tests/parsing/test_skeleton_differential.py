"""Skeleton parsing gives the facts of a full parse: every file of a corpus, both ways.

The corpus is every Python file of this repository (fitness itself, its
tests and their fixtures, the examples, the bench) and, as a slow test, the
installed standard library (a sample of it by default; all of it with
FITNESS_DIFFERENTIAL_ALL=1). Each file is extracted under several
configurations, with the bodies that cannot hold a fact left out and whole,
and the two `FileFacts` must be equal: imports, uses, builtins mentioned, the
bans examined, comments, lines of code, classes, positions and failures.

The only difference allowed is documented (README, "Skeleton parsing"): a
syntax error inside a body left out is not reported. A file where the full
parse fails and the skeleton's does not must have its error on a line that was
left out. A run that compares no file, or leaves out no body, fails.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from fitness.model import NO_BANS, UNMEASURED, Bans, FileFacts
from fitness.parsing.extract import extract, skeleton_only
from fitness.parsing.skeleton import import_statements, keep_words, skeleton
from fitness.parsing.source_text import UndecodableSource, decode_source

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
_STDLIB = Path(os.__file__).parent


def _security_bans() -> Bans:
    """The bans of the built-in security pack, as `configured_bans` derives them."""
    pack = tomllib.loads((ROOT / "rules" / "security.toml").read_text(encoding="utf-8"))
    roots: set[str] = set()
    builtins: set[str] = set()
    for rule in pack["rules"].values():
        for entry in rule.get("apis", ()):
            name = entry if isinstance(entry, str) else entry["name"]
            if "." in name:
                roots.add(name.partition(".")[0])
            else:
                roots.add("builtins")
                builtins.add(name)
    return Bans(frozenset(roots), frozenset(builtins))


CONFIGURATIONS = {
    # Graph rules only (layers, forbidden, acyclic...): imports and comments.
    "graph rules only": UNMEASURED,
    # A metrics or classes rule: lines of code, classes and functions too.
    "metrics and classes rules": NO_BANS,
    # The security pack beside graph rules, as the bench runs it.
    "security pack": _security_bans()._replace(measures=False),
    # A ban on the project's own API (relative imports followed), dynamic-import helpers
    # and common builtins: the most the use collector follows.
    "own API and builtins": Bans(
        frozenset({"fitness", ".", "os", "importlib", "builtins", "json"}),
        frozenset({"getattr", "open", "eval", "print", "len"}),
    ),
}


class Tally(NamedTuple):
    files: int
    facts: int
    skeletons: int
    lines_left_out: int
    unreported: int


def _corpus() -> list[Path]:
    return sorted(
        path
        for folder in ("fitness", "tests", "examples", "bench", "rules")
        for path in (ROOT / folder).rglob("*.py")
        if ".work" not in path.parts
    )


def _stdlib() -> list[Path]:
    files = sorted(
        path
        for path in _STDLIB.rglob("*.py")
        if not {"site-packages", "dist-packages"} & set(path.relative_to(_STDLIB).parts)
    )
    if os.environ.get("FITNESS_DIFFERENTIAL_ALL"):
        return files
    return files[:: max(len(files) // 30, 1)]


def _count(facts: FileFacts) -> int:
    """The facts a file holds: each import, use, comment, class and function, and a failure."""
    return (
        len(facts.imports)
        + len(facts.uses)
        + len(facts.comments)
        + len(facts.classes)
        + len(facts.functions)
        + (facts.failure is not None)
    )


def _compare(files: list[Path], bans: Bans) -> Tally:
    compared = facts_count = skeletons = lines = unreported = 0
    for path in files:
        source = path.read_bytes()
        whole = extract(source, bans, skeleton=False)
        skeletal = extract(source, bans)
        compared += 1
        facts_count += _count(whole)
        left_out = _left_out(source, bans)
        if skeleton_only(source, bans) is not None:
            skeletons += 1
            lines += len(left_out)
        if whole.failure is not None and skeletal.failure is None:
            assert whole.failure.line in left_out, path  # the documented difference only
            unreported += 1
            continue
        assert skeletal == whole, path
    return Tally(compared, facts_count, skeletons, lines, unreported)


def _left_out(source: bytes, bans: Bans) -> set[int]:
    """The lines (1-based) the skeleton of `source` leaves out."""
    try:
        text = decode_source(source)
    except UndecodableSource:
        return set()
    words = keep_words(text, bans.roots, bans.builtins, import_statements(text) if bans else [])
    shown = None if words is None else skeleton(text, words, bans.measures)
    if shown is None:
        return set()
    return {
        number
        for number, (kept, written) in enumerate(
            zip(shown.text.split("\n"), text.split("\n")), start=1
        )
        if kept != written
    }


def _report(name: str, corpus: str, tally: Tally, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(
            f"\nskeleton differential, {corpus}, {name}: {tally.files} files, {tally.facts} facts"
            f" identical; {tally.skeletons} files parsed as skeletons"
            f" ({tally.lines_left_out} lines left out);"
            f" {tally.unreported} syntax errors in statements left out"
        )


@pytest.mark.parametrize("name", sorted(CONFIGURATIONS))
def test_the_repository_gives_the_same_facts_both_ways(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tally = _compare(_corpus(), CONFIGURATIONS[name])
    _report(name, "repository", tally, capsys)
    assert tally.files > 300
    assert tally.facts > 1000
    assert tally.skeletons > 100


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CONFIGURATIONS))
def test_the_standard_library_gives_the_same_facts_both_ways(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tally = _compare(_stdlib(), CONFIGURATIONS[name])
    _report(name, "standard library", tally, capsys)
    assert tally.files >= 25
    assert tally.facts > 150
    assert tally.skeletons > 10
