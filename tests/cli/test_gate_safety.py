"""A gate a pull request cannot talk its way past, and a cache that stays in its own place."""

from __future__ import annotations

import json
import marshal
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.model import FileFacts
from fitness.parsing.codec import FORMAT as FACTS_FORMAT
from fitness.parsing.codec import encode
from fitness.reuse import FORMAT
from support import EXAMPLE, Result, git, shop_repository

Run = Callable[..., Result]


def _headlines(result: Result) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith("src/shop/domain/")]


def test_a_committed_cache_that_empties_the_domain_hides_nothing(
    tmp_path: Path, run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    shop = shop_repository(tmp_path)
    honest = run("check", cwd=shop)
    [cache] = (shop / ".fitness_cache").glob("facts-*.marshal")
    check, stamps, facts, _ = marshal.loads(cache.read_bytes())
    empty = encode(FileFacts((), None))
    for path, entry in stamps.items():  # (*stamp, content hash)
        if path.startswith("src/shop/domain/"):
            facts[entry[-1]] = empty  # the crafted cache: the domain imports nothing
    cache.write_bytes(marshal.dumps((check, stamps, facts)))
    git(shop, "add", "-f", ".fitness_cache")
    git(shop, "commit", "-qm", "a cache that hides the domain's imports")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(shop), str(clone))

    result = run("check", cwd=clone)

    assert len(_headlines(honest)) == 3
    assert (result.code, _headlines(result)) == (1, _headlines(honest))
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"not using the cache in {clone / '.fitness_cache'}: git tracks files in it, and a "
        "committed cache could hide findings (remove it from git: git rm -r --cached "
        f"{clone / '.fitness_cache'})"
    ]


def test_config_from_the_base_judges_a_change_that_deletes_the_rule_it_breaks(
    tmp_path: Path, run: Run
) -> None:
    shop = shop_repository(tmp_path)
    config = shop / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index("[tool.fitness.rules.domain-is-pure]")
    end = text.index("[tool.fitness.rules.api-does-not-touch-the-database]")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    git(shop, "commit", "-qam", "the domain may import what it likes")

    head = run("check", cwd=shop)
    base = run("check", "--config-from", "HEAD~1", cwd=shop)

    assert _headlines(head) == [
        "src/shop/domain/pricing.py:1:1: layered-architecture: shop.domain must not import "
        "shop.api (a higher layer) (ADR-0002: Layered architecture)"
    ]
    assert base.code == 1
    assert _headlines(base) == [
        "src/shop/domain/events.py:13:5: domain-is-pure: shop.domain must not import "
        "shop.infrastructure (ADR-0004: The domain is pure)",
        "src/shop/domain/events.py:13:5: domain-is-pure: shop.domain must not import sqlalchemy "
        "(ADR-0004: The domain is pure)",
        "src/shop/domain/pricing.py:1:1: layered-architecture: shop.domain must not import "
        "shop.api (a higher layer) (ADR-0002: Layered architecture)",
    ]


def test_every_format_says_which_configuration_judged_the_run(tmp_path: Path, run: Run) -> None:
    shop = shop_repository(tmp_path)

    text = run("check", "--config-from", "HEAD", cwd=shop)
    own = run("check", cwd=shop)
    as_json = json.loads(run("check", "--config-from", "HEAD", "--format", "json", cwd=shop).out)
    sarif = json.loads(run("check", "--config-from", "HEAD", "--format", "sarif", cwd=shop).out)

    said = "Judged by pyproject.toml at HEAD (--config-from)."
    assert said in text.out.splitlines()
    assert text.out.replace(said + "\n", "") == own.out
    assert as_json["configuration"] == {"path": "pyproject.toml", "revision": "HEAD"}
    assert sarif["runs"][0]["invocations"][0]["properties"] == {
        "configuration": {"path": "pyproject.toml", "revision": "HEAD"}
    }


def test_without_config_from_the_configuration_is_the_files_own(tmp_path: Path, run: Run) -> None:
    shop = shop_repository(tmp_path)

    as_json = json.loads(run("check", "--format", "json", cwd=shop).out)

    assert as_json["configuration"] == {"path": "pyproject.toml", "revision": None}


def test_config_from_a_revision_that_does_not_exist(tmp_path: Path, run: Run) -> None:
    shop = shop_repository(tmp_path)

    result = run("check", "--config-from", "no-such-branch", cwd=shop)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"fitness: --config-from no-such-branch: no such revision in the repository at {shop}\n"
    )


def _before_and_after(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))


def test_a_cache_dir_in_the_package_is_an_error_and_writes_nothing_there(
    tmp_path: Path, run: Run
) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))
    config = shop / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    package = shop / "src" / "shop"
    before = _before_and_after(package)

    config.write_text(
        text.replace('source_roots = ["src"]', 'source_roots = ["src"]\ncache_dir = "src/shop"'),
        encoding="utf-8",
    )
    in_package = run("check", cwd=shop)
    config.write_text(
        text.replace('source_roots = ["src"]', 'source_roots = ["src"]\ncache_dir = "."'),
        encoding="utf-8",
    )
    in_root = run("check", cwd=shop)
    config.write_text(
        text.replace('source_roots = ["src"]', 'source_roots = ["src"]\ncache_dir = "src"'),
        encoding="utf-8",
    )
    in_source_root = run("check", cwd=shop)

    assert (in_package.code, in_package.out) == (2, "")
    assert in_package.err == (
        "pyproject.toml:8: tool.fitness.cache_dir: cache_dir 'src/shop' holds files "
        "that are not fitness's ('__init__.py' and 5 more): name a directory of its own, such "
        "as '.fitness_cache'\n"
    )
    assert (in_root.code, in_root.err) == (
        2,
        "pyproject.toml:8: tool.fitness.cache_dir: cache_dir '.' is the project "
        "root: fitness would write its cache, a '.gitignore' of '*' and a CACHEDIR.TAG among "
        "your files; name a directory of its own, such as '.fitness_cache'\n",
    )
    assert (in_source_root.code, in_source_root.err) == (
        2,
        "pyproject.toml:8: tool.fitness.cache_dir: cache_dir 'src' is the source "
        "root 'src': name a directory of its own, such as '.fitness_cache'\n",
    )
    assert _before_and_after(package) == before
    assert not (shop / ".gitignore").exists() and not (shop / "CACHEDIR.TAG").exists()


def test_only_a_directory_fitness_creates_is_marked(tmp_path: Path, run: Run) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))
    (shop / "mine").mkdir()

    created = run("check", cwd=shop)
    own = run("check", "--cache-dir", "mine", cwd=shop)

    assert (created.code, own.code) == (1, 1)
    python = "py{}{}".format(*sys.version_info[:2])
    caches = [
        f"facts-0.1.0-f{FACTS_FORMAT}-{python}.marshal",
        f"findings-0.1.0-r{FORMAT}-{python}.marshal",
        f"graph-0.1.0-r{FORMAT}.marshal",
        "listing-0.1.0.marshal",
    ]
    assert sorted(p.name for p in (shop / ".fitness_cache").iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        *caches,
    ]
    assert sorted(p.name for p in (shop / "mine").iterdir()) == caches
