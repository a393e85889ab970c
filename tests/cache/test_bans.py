"""The cache under changing bans: which files a run re-extracts, and facts independent of it.

Extraction is the stand-in of `bans_extraction` (real imports, a use per banned
root imported and per banned builtin mentioned, each call logged), so these
tests count what is re-extracted whatever real extraction finds.
"""

from __future__ import annotations

import logging
import marshal
from pathlib import Path

import pytest
from cache import bans_extraction
from cache.bans_extraction import use_of

from fitness.model import NO_BANS, ApiUse, Argument, Bans, FileFacts
from fitness.parsing import collect
from fitness.parsing.cache import FactsCache
from fitness.parsing.codec import decode
from fitness.parsing.collect import CollectStats, collect_facts
from support import write_tree

FILES = {
    "a.py": "# a.py\nimport pickle\n",
    "b.py": "# b.py\nimport os.path\nfrom pickle import loads\n",
    "c.py": "# c.py\nprint(eval('1'))\n",
    "d.py": "# d.py\nfrom . import pickle\nfrom .yaml import load\n",  # relative: not those roots
    "e.py": "# e.py\nimport importlib\nimportlib.import_module('yaml')\n",  # a dynamic import
    "f.py": "# f.py\nimport json\nexec_count = 1\n",  # `exec_count` does not mention exec
}
PATHS = sorted(FILES)


def bans(*roots: str, builtins: tuple[str, ...] = ()) -> Bans:
    return Bans(frozenset(roots), frozenset(builtins))


class Project:
    """The files above, a cache directory, and the log of the extractions done."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = write_tree(tmp_path / "project", FILES)
        self.cache_dir = tmp_path / "cache"
        self.log = tmp_path / "extractions.log"

    def collect(
        self, asked: Bans, jobs: int = 1, cache: bool = True
    ) -> tuple[dict[str, FileFacts], CollectStats]:
        stats = CollectStats()
        facts = collect_facts(
            self.root,
            PATHS,
            FactsCache.in_directory(self.cache_dir if cache else None),
            jobs,
            bans=asked,
            stats=stats,
        )
        return facts, stats

    def extracted(self) -> list[tuple[str, str, str]]:
        """(first line, roots, builtins) of each extraction since the last call, sorted."""
        done = bans_extraction.calls(self.log)
        self.log.unlink(missing_ok=True)
        return done

    def stored(self) -> dict[str, Bans]:
        """What the cache file records as examined, by path."""
        [location] = self.cache_dir.glob("facts-*.marshal")
        _, stamps, entries, _ = marshal.loads(location.read_bytes())
        return {path: decode(entries[entry[-1]]).examined for path, entry in stamps.items()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    created = Project(tmp_path)
    monkeypatch.setenv(bans_extraction.LOG, str(created.log))
    monkeypatch.setattr("fitness.parsing.extract.extract", bans_extraction.extract)
    monkeypatch.setattr("fitness.parsing.pool.worker_command", bans_extraction.worker_command)
    return created


EVERY = bans("pickle", "yaml", "subprocess", builtins=("eval", "exec"))


def test_a_new_file_is_extracted_with_every_ban_and_stored_with_those_it_needs(
    project: Project,
) -> None:
    facts, stats = project.collect(EVERY)

    assert project.extracted() == [
        (f"# {path}", "pickle,subprocess,yaml", "eval,exec") for path in PATHS
    ]
    needs = {
        "a.py": bans("pickle"),
        "b.py": bans("pickle"),
        "c.py": bans(builtins=("eval",)),
        "d.py": NO_BANS,
        "e.py": bans("yaml"),
        "f.py": NO_BANS,
    }
    assert project.stored() == needs
    assert {path: found.examined for path, found in facts.items()} == needs
    assert (stats.files, stats.parsed, stats.reexamined) == (6, 6, 0)


@pytest.mark.parametrize("jobs", [1, 2])
def test_unchanged_bans_read_no_source_file(
    project: Project, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    first, _ = project.collect(EVERY)
    project.extracted()

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a source file was opened: {args}")

    monkeypatch.setattr(collect, "open", forbidden, raising=False)
    monkeypatch.setattr("fitness.parsing.worker.open", forbidden, raising=False)
    monkeypatch.setattr("fitness.parsing.extract.extract", forbidden)
    second, stats = project.collect(EVERY, jobs=jobs)

    assert second == first
    assert (stats.parsed, stats.reexamined) == (0, 0)
    assert project.extracted() == []


@pytest.mark.parametrize(
    ("before", "after", "reextracted"),
    [
        pytest.param(
            bans("pickle"), bans("pickle", "yaml"), [("# e.py", "pickle,yaml", "")], id="add-root"
        ),
        pytest.param(
            bans("pickle"),
            bans("pickle", builtins=("eval",)),
            [("# c.py", "pickle", "eval")],
            id="add-builtin",
        ),
        pytest.param(bans("pickle"), bans("pickle", "requests"), [], id="add-unimported-root"),
        pytest.param(
            bans("pickle"), bans("pickle", builtins=("open",)), [], id="add-unmentioned-builtin"
        ),
        pytest.param(
            bans("pickle", "yaml", builtins=("eval",)), bans("pickle"), [], id="remove-some"
        ),
        pytest.param(bans("pickle", "yaml", builtins=("eval",)), NO_BANS, [], id="remove-all"),
        pytest.param(bans("pickle"), bans("yaml"), [("# e.py", "yaml", "")], id="replace"),
        # A file re-examined keeps what it was examined for, beside what it lacked.
        pytest.param(
            bans("pickle"),
            bans("os", "yaml"),
            [("# b.py", "os,pickle,yaml", ""), ("# e.py", "os,yaml", "")],
            id="keep-old",
        ),
        pytest.param(
            NO_BANS,
            bans("pickle", builtins=("eval",)),
            [
                ("# a.py", "pickle", "eval"),
                ("# b.py", "pickle", "eval"),
                ("# c.py", "pickle", "eval"),
            ],
            id="first-bans",
        ),
    ],
)
def test_a_change_of_bans_reextracts_exactly_the_files_it_can_affect(
    project: Project, before: Bans, after: Bans, reextracted: list[tuple[str, str, str]]
) -> None:
    project.collect(before)
    project.extracted()

    facts, stats = project.collect(after)

    assert project.extracted() == reextracted
    assert (stats.parsed, stats.reexamined) == (len(reextracted), len(reextracted))
    assert facts == project.collect(after, cache=False)[0]


def test_a_ban_removed_and_added_back_reextracts_nothing(project: Project) -> None:
    wide = bans("pickle", "yaml", builtins=("eval",))
    first, _ = project.collect(wide)
    project.extracted()

    narrow, _ = project.collect(bans("pickle"))
    again, stats = project.collect(wide)

    assert project.extracted() == []
    assert again == first
    assert stats.parsed == 0
    assert narrow["a.py"].uses == (use_of("pickle"),)
    assert (narrow["c.py"].uses, narrow["c.py"].examined) == ((), NO_BANS)
    assert (narrow["e.py"].uses, narrow["e.py"].examined) == ((), NO_BANS)


@pytest.mark.parametrize(
    ("sequence", "apis"),
    [
        (
            [EVERY],
            {"a.py": ["pickle"], "b.py": ["pickle"], "c.py": ["builtins.eval"], "e.py": ["yaml"]},
        ),
        ([bans("pickle"), EVERY, NO_BANS, bans("yaml", builtins=("exec",))], {"e.py": ["yaml"]}),
    ],
    ids=["one", "changing"],
)
def test_facts_are_the_same_with_and_without_cache_and_with_one_or_two_jobs(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    sequence: list[Bans],
    apis: dict[str, list[str]],
) -> None:
    monkeypatch.setattr(collect, "_IN_PROCESS_BYTES", 0)  # more than one file: workers
    for asked in sequence:
        uncached, _ = project.collect(asked, jobs=1, cache=False)
        with_workers, _ = project.collect(asked, jobs=2)
        warm, stats = project.collect(asked, jobs=1)

        assert with_workers == uncached
        assert warm == uncached
        assert stats.parsed == 0
    found = {path: [use.api for use in facts.uses] for path, facts in uncached.items()}
    assert {path: uses for path, uses in found.items() if uses} == apis


EXPECTED_USE = ApiUse(
    api="pickle",
    written="alias of pickle",
    line=3,
    column=5,
    end_line=4,
    end_column=2,
    scope="Order.save",
    call=True,
    positional=(Argument(True, "x"), Argument(False, None), Argument(True, None)),
    keywords=(("shell", Argument(True, True)), ("n", Argument(True, -7))),
    star_args=True,
    star_kwargs=False,
    type_checking=False,
    local=True,
)


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "workers"])
def test_a_use_survives_the_worker_and_the_cache_exactly(
    project: Project, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    if workers:
        monkeypatch.setattr(collect, "_IN_PROCESS_BYTES", 0)
    cold, _ = project.collect(bans("pickle"), jobs=2)
    warm, stats = project.collect(bans("pickle"), jobs=2)

    assert stats.parsed == 0
    for facts in (cold, warm):
        [use] = facts["a.py"].uses
        assert use == EXPECTED_USE
        assert type(use) is ApiUse
        assert [type(argument) for argument in use.positional] == [Argument] * 3
        assert [(type(pair), type(pair[1])) for pair in use.keywords] == [(tuple, Argument)] * 2
        assert type(facts["a.py"].examined.roots) is frozenset


def test_the_count_of_files_reexamined_is_logged(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    project.collect(bans("pickle"))
    caplog.set_level(logging.DEBUG, logger="fitness")

    project.collect(bans("pickle", builtins=("eval",)))
    project.collect(bans("pickle", builtins=("eval",)))
    project.collect(NO_BANS)

    assert [r.getMessage() for r in caplog.records if r.name == "fitness.parsing"] == [
        "cache: 5 of 6 files known, 1 to parse",
        "cache: known files re-examined for bans their facts lacked: 1",
        "cache: 6 of 6 files known, 0 to parse",
        "cache: known files re-examined for bans their facts lacked: 0",
        "cache: 6 of 6 files known, 0 to parse",
    ]
