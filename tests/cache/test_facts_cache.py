"""The facts cache: hits, misses, content reuse, corruption, and results identical to no cache."""

from __future__ import annotations

import json
import logging
import marshal
import os
from pathlib import Path

import pytest

from fitness import app
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import collect_facts
from fitness.parsing.extract import extract
from fitness.reporters import REPORTERS, RenderOptions
from shop import FILES
from support import write_tree


def facts_file(root: Path) -> Path:
    [found] = (root / ".fitness_cache").glob("facts-*.marshal")
    return found


def report_json(root: Path, cache: bool = True, jobs: int = 1) -> str:
    options = app.CheckOptions(root, None, "error", cache=cache, jobs=jobs)
    report = app.check(options, clock=lambda: 0.0)
    return REPORTERS["json"](report, RenderOptions())


def parsed_paths(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "fitness.parsing"]


def test_results_are_identical_with_and_without_cache_and_with_any_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dict(FILES)
    for index in range(10):
        files[f"src/shop/domain/generated_{index}.py"] = "from shop.domain import order\n"
    root = write_tree(tmp_path, files)

    uncached = report_json(root, cache=False, jobs=1)  # small: parsed in this process
    monkeypatch.setattr("fitness.parsing.collect._IN_PROCESS_BYTES", 0)  # now in workers
    cold_two_jobs = report_json(root, cache=True, jobs=2)
    warm = report_json(root, cache=True, jobs=1)

    assert json.loads(uncached)["summary"]["findings"] == 4
    assert cold_two_jobs == uncached
    assert warm == uncached
    assert facts_file(root).exists()


def test_warm_run_parses_nothing_and_a_change_parses_one_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_tree(tmp_path, FILES)
    caplog.set_level(logging.DEBUG, logger="fitness")

    report_json(root)
    report_json(root)
    (root / "src/shop/api/views.py").write_text("import os\n", encoding="utf-8")
    report_json(root)

    # The warm run reads no facts at all (no file changed: the findings are reused); after
    # the change, the changed file is parsed first, and as its imports are not those it
    # had, the other files' facts are read from the cache.
    assert parsed_paths(caplog) == [
        "cache: 0 of 13 files known, 13 to parse",
        "cache: 0 of 1 files known, 1 to parse",
        "cache: 13 of 13 files known, 0 to parse",
    ]


def test_content_seen_before_is_not_parsed_again(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"a.py": "import os\n", "b.py": "import sys\n"})
    cache = FactsCache.in_directory(tmp_path / "cache")
    collect_facts(root, ["a.py", "b.py"], cache, jobs=1)
    # Switch "branches": a.py takes b.py's content, then gets its own back.
    (root / "a.py").write_text("import sys\n", encoding="utf-8")
    os.utime(root / "a.py", ns=(1, 1))
    cache = FactsCache.in_directory(tmp_path / "cache")

    facts = collect_facts(root, ["a.py", "b.py"], cache, jobs=1, progress=_ForbidParsing())

    assert [raw.module for raw in facts["a.py"].imports] == ["sys"]


def test_corrupt_cache_is_ignored_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_tree(tmp_path, FILES)
    expected = report_json(root, cache=False)
    report_json(root)
    facts_file(root).write_bytes(b"\x00garbage")
    forget_findings(root)  # so that the facts are read
    caplog.set_level(logging.DEBUG, logger="fitness")

    assert report_json(root) == expected
    assert any("it will be rebuilt" in r.getMessage() for r in caplog.records)
    assert report_json(root) == expected
    assert marshal.loads(facts_file(root).read_bytes())[0] == facts_file(root).name


def test_truncated_cache_is_ignored(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)
    expected = report_json(root, cache=False)
    report_json(root)
    data = facts_file(root).read_bytes()
    facts_file(root).write_bytes(data[: len(data) // 2])

    assert report_json(root) == expected


def test_cache_of_another_version_is_a_different_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(tmp_path, FILES)
    report_json(root)
    monkeypatch.setattr("fitness.parsing.cache.__version__", "999.0")
    forget_findings(root)  # so that the facts are read

    report_json(root)

    assert len(list((root / ".fitness_cache").glob("facts-*.marshal"))) == 2


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)

    report_json(root, cache=False)

    assert not (root / ".fitness_cache").exists()


def test_cache_directory_is_configurable_and_kept_out_of_git(tmp_path: Path) -> None:
    files = dict(FILES)
    files["pyproject.toml"] = FILES["pyproject.toml"].replace(
        "[tool.fitness]\n", '[tool.fitness]\ncache_dir = "build/fitness"\n'
    )
    root = write_tree(tmp_path, files)

    report_json(root)

    assert (root / "build/fitness/.gitignore").read_text(
        encoding="utf-8"
    ) == "# Created by fitness.\n*\n"
    assert len(list((root / "build/fitness").glob("facts-*.marshal"))) == 1


def test_deleted_files_are_forgotten(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)
    report_json(root)
    (root / "src/shop/jobs/nightly.py").unlink()

    report_json(root)

    _, stamps, _, _ = marshal.loads(facts_file(root).read_bytes())
    assert "src/shop/jobs/nightly.py" not in stamps
    assert len(stamps) == 12


class _ForbidParsing:
    def start(self, total: int) -> None:
        raise AssertionError(f"{total} files were parsed; the cache should have known them")

    def advance(self) -> None:
        raise AssertionError("parsed")

    def finish(self) -> None:
        raise AssertionError("parsed")


def forget_findings(root: Path) -> None:
    """Remove the stored findings, which a run with no file changed reads instead of the facts."""
    for stored in (root / ".fitness_cache").glob("findings-*.marshal"):
        stored.unlink()


def test_a_file_met_again_by_its_content_takes_that_version(tmp_path: Path) -> None:
    """A stamp that names a content (an editor's buffer, a blob) met before under another
    stamp gives those facts, and this run's version of the file is that content: what the
    findings store records, so a buffer changed back is not taken for the last one."""
    cache = FactsCache(tmp_path / "facts.marshal")
    first = extract(b"import a\n")
    second = extract(b"import b\n")
    cache.store("m.py", ("overlay", "one"), "d1", first)
    cache.store("m.py", ("overlay", "two"), "d2", second)
    assert cache.by_stamp("m.py", ("overlay", "one")) == first
    assert cache.versions() == {"m.py": ("overlay", "one", "d1")}
