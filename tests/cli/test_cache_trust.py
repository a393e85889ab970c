"""A cache a change could have put in place is not read: linked, outside, or in a split index."""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.model import FileFacts
from fitness.parsing.codec import decode, encode
from support import Result, git, shop_repository

Run = Callable[..., Result]


def _crafted_cache(shop: Path, run: Run) -> Result:
    """Run honestly, then make the cache claim the domain imports nothing; the honest result."""
    result = run("check", cwd=shop)
    [cache] = (shop / ".fitness_cache").glob("facts-*.marshal")
    check, stamps, facts, _ = marshal.loads(cache.read_bytes())
    for path, entry in stamps.items():  # (*stamp, content hash)
        if path.startswith("src/shop/domain/"):
            honest = decode(facts[entry[-1]])
            facts[entry[-1]] = encode(FileFacts((), None, examined=honest.examined))
    cache.write_bytes(marshal.dumps((check, stamps, facts)))
    for other in (shop / ".fitness_cache").glob("*.marshal"):
        if other != cache:
            other.unlink()  # the listing, findings and graph: only the facts lie
    return result


def _headlines(result: Result) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith("src/shop/domain/")]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


def test_a_committed_link_to_a_cache_outside_the_repository_is_not_read(
    tmp_path: Path, run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    shop = shop_repository(tmp_path)
    honest = _crafted_cache(shop, run)
    shutil.move(shop / ".fitness_cache", tmp_path / "planted")
    os.symlink("../planted", shop / ".fitness_cache")
    git(shop, "add", "-f", ".fitness_cache")
    git(shop, "commit", "-qm", "a link to a cache that hides the domain's imports")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(shop), str(clone))
    caplog.clear()

    result = run("check", cwd=clone)

    assert len(_headlines(honest)) == 3
    assert (result.code, _headlines(result)) == (1, _headlines(honest))
    cache = clone / ".fitness_cache"
    assert _warnings(caplog) == [
        f"not using the cache in {cache}: git tracks files in it, and a committed cache "
        f"could hide findings (remove it from git: git rm -r --cached {cache})"
    ]


@pytest.mark.parametrize("index", ["split", "version 4"])
def test_a_committed_cache_in_a_split_or_compressed_index_is_not_read(
    tmp_path: Path, run: Run, caplog: pytest.LogCaptureFixture, index: str
) -> None:
    shop = shop_repository(tmp_path)
    honest = _crafted_cache(shop, run)
    git(shop, "add", "-f", ".fitness_cache")
    git(shop, "commit", "-qm", "a cache that hides the domain's imports")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(shop), str(clone))
    if index == "split":
        git(clone, "config", "core.splitIndex", "true")
        git(clone, "update-index", "--split-index")
        assert list((clone / ".git").glob("sharedindex.*"))
        assert b".fitness_cache/" not in (clone / ".git" / "index").read_bytes()
    else:
        git(clone, "update-index", "--index-version", "4")
    caplog.clear()

    result = run("check", cwd=clone)

    assert (result.code, _headlines(result)) == (1, _headlines(honest))
    cache = clone / ".fitness_cache"
    assert _warnings(caplog) == [
        f"not using the cache in {cache}: git tracks files in it, and a committed cache "
        f"could hide findings (remove it from git: git rm -r --cached {cache})"
    ]


def test_a_cache_dir_that_leads_outside_the_project_is_read_only_when_named(
    tmp_path: Path, run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    shop = shop_repository(tmp_path)
    honest = _crafted_cache(shop, run)
    shutil.move(shop / ".fitness_cache", tmp_path / "planted")
    os.symlink(tmp_path / "planted", shop / ".fitness_cache")  # not committed
    caplog.clear()

    result = run("check", cwd=shop)

    assert (result.code, _headlines(result)) == (1, _headlines(honest))
    assert _warnings(caplog) == [
        f"not using the cache in {shop / '.fitness_cache'}: it leads to {tmp_path / 'planted'}, "
        "outside the project, where a cache could hide findings (name that directory with "
        "--cache-dir to use it)"
    ]
    caplog.clear()
    named = run("check", "--cache-dir", str(tmp_path / "planted"), cwd=shop)
    assert (named.code, _headlines(named), _warnings(caplog)) == (1, [], [])  # its lie believed


def test_a_committed_cache_reached_through_a_committed_link_is_not_read(
    tmp_path: Path, run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    shop = shop_repository(tmp_path)
    pyproject = shop / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("[tool.fitness]\n", '[tool.fitness]\ncache_dir = "build/c"\n')
    )
    honest = run("check", cwd=shop)
    (shop / "vendored").mkdir()
    shutil.move(shop / "build" / "c", shop / "vendored" / "c")
    shutil.rmtree(shop / "build")
    os.symlink("vendored", shop / "build")
    [cache] = (shop / "vendored" / "c").glob("facts-*.marshal")
    check, stamps, facts, _ = marshal.loads(cache.read_bytes())
    for path, entry in stamps.items():
        if path.startswith("src/shop/domain/"):
            examined = decode(facts[entry[-1]]).examined
            facts[entry[-1]] = encode(FileFacts((), None, examined=examined))
    cache.write_bytes(marshal.dumps((check, stamps, facts)))
    for other in (shop / "vendored" / "c").glob("*.marshal"):
        if other != cache:
            other.unlink()
    git(shop, "add", "-A")
    git(shop, "add", "-f", "vendored/c")
    git(shop, "commit", "-qm", "a cache reached through a link")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(shop), str(clone))
    caplog.clear()

    result = run("check", cwd=clone)

    assert (result.code, _headlines(result)) == (1, _headlines(honest))
    cache_dir = clone / "build" / "c"
    assert _warnings(caplog) == [
        f"not using the cache in {cache_dir}: git tracks files in it, and a committed cache "
        f"could hide findings (remove it from git: git rm -r --cached {cache_dir})"
    ]
