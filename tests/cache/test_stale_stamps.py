"""A stamp that cannot tell two versions apart does not keep old facts, and --no-cache refreshes.

A file rewritten with the same size in the clock tick the cache was written in
(or with its old times put back) has the stamp it had: its entry is racy and
its file is hashed again. A stamp older than the cache write is trusted, so a
warm run reads no file.
"""

from __future__ import annotations

import marshal
import os
import time
from collections.abc import Callable
from pathlib import Path

from fitness.model import FileFacts
from fitness.parsing.cache import FactsCache
from fitness.parsing.codec import decode, encode
from fitness.parsing.collect import collect_facts
from fitness.tree import Stamp
from fitness.tree.work import WorkTree
from support import PURE_APP as CONFIG
from support import Result, write_tree

Run = Callable[..., Result]


class FixedStamps(WorkTree):
    """The work tree with one stamp for every file, as a disk whose clock did not move."""

    def __init__(self, mtime: int) -> None:
        self.mtime = mtime
        self.reads: list[str] = []

    def stamp(self, path: str) -> Stamp:
        return (self.mtime, 10, self.mtime, 1)

    def read_bytes(self, path: str) -> bytes:
        self.reads.append(os.path.basename(path))
        return super().read_bytes(path)


def _imports(tmp_path: Path, tree: FixedStamps) -> list[str]:
    cache = FactsCache.in_directory(tmp_path / "cache")
    facts = collect_facts(tmp_path, ["a.py"], cache, 1, tree=tree)
    return [raw.module for raw in facts["a.py"].imports]


def test_a_same_stamp_rewrite_not_older_than_the_cache_is_hashed_again(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\n")
    tree = FixedStamps(time.time_ns() + 60 * 10**9)  # not older than the cache write
    assert _imports(tmp_path, tree) == ["os"]
    (tmp_path / "a.py").write_text("import re\n")  # same size, and the same stamp

    assert _imports(tmp_path, tree) == ["re"]


def test_a_stamp_older_than_the_cache_is_trusted_without_reading(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\n")
    tree = FixedStamps(time.time_ns() - 60 * 10**9)
    assert _imports(tmp_path, tree) == ["os"]
    tree.reads.clear()

    assert (_imports(tmp_path, tree), tree.reads) == (["os"], [])


def test_a_rewrite_with_its_times_put_back_is_seen(tmp_path: Path, run: Run) -> None:
    root = write_tree(tmp_path / "p", {"app/__init__.py": "", "app/m.py": "import zipfile\n"})
    (root / "pyproject.toml").write_text(CONFIG)
    module = root / "app" / "m.py"
    assert run("check", cwd=root).code == 0
    before = module.stat()
    module.write_text("import sqlite3\n")  # the same size
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r, cp -p

    result = run("check", cwd=root)

    assert (module.stat().st_size, module.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    assert (result.code, result.out.splitlines()[0]) == (
        1,
        "app/m.py:1:1: pure: app must not import sqlite3",
    )


def test_no_cache_rewrites_the_cache_it_bypassed(tmp_path: Path, run: Run) -> None:
    root = write_tree(tmp_path / "p", {"app/__init__.py": "import sqlite3\n"})
    (root / "pyproject.toml").write_text(CONFIG)
    assert run("check", cwd=root).code == 1
    [cache] = (root / ".fitness_cache").glob("facts-*.marshal")
    check, stamps, facts, _ = marshal.loads(cache.read_bytes())
    for entry in stamps.values():  # a cache that went stale: the import is not in it
        facts[entry[-1]] = encode(FileFacts((), None, examined=decode(facts[entry[-1]]).examined))
    cache.write_bytes(marshal.dumps((check, stamps, facts)))
    os.utime(cache, ns=(0, 0))  # written long before the files' stamps: trusted
    for other in (root / ".fitness_cache").glob("*.marshal"):
        if other != cache:
            other.unlink()
    assert run("check", cwd=root).code == 0  # the stale cache hides the import

    bypassed = run("check", "--no-cache", cwd=root)
    cached = run("check", cwd=root)

    assert (bypassed.code, cached.code) == (1, 1)
    assert cached.out == bypassed.out


def test_stored_findings_are_not_reused_for_a_racy_stamp(tmp_path: Path) -> None:
    from fitness.parsing.version import newest
    from fitness.reuse import _stale

    (tmp_path / "a.py").write_text("import os\n")
    tree = FixedStamps(1_000)
    versions = {"a.py": (*tree.stamp("a.py"), "digest")}
    stored = (versions, newest(entry[:-1] for entry in versions.values()))

    assert _stale(tree, tmp_path, ["a.py"], stored, written=2_000) == []
    assert _stale(tree, tmp_path, ["a.py"], stored, written=1_000) == ["a.py"]


def test_a_file_added_in_the_tick_the_listing_was_stored_is_listed(tmp_path: Path) -> None:
    from fitness.parsing.listing import discover_cached

    write_tree(tmp_path, {"app/__init__.py": "", "app/a.py": ""})
    tree = FixedStamps(time.time_ns() + 60 * 10**9)  # the directory's stamp will not move

    def modules() -> list[str]:
        found = discover_cached(tmp_path, ["."], [], True, tmp_path / "cache", tree)
        return [source.module for source in found.files]

    assert modules() == ["app", "app.a"]
    (tmp_path / "app" / "b.py").write_text("")

    assert modules() == ["app", "app.a", "app.b"]
