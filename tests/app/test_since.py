"""`--since REV` and `--config-from REV` read one git tree of REV: configured once per tree.

`state_at` gives REV's findings (by REV's own configuration, no baseline) and
every import of REV's graph; of REV only the facts of its files' contents are kept (in the facts cache, by content).
"""

from __future__ import annotations

import importlib
import marshal
import tempfile
from pathlib import Path
from typing import Any

import pytest

from fitness import app, reuse
from fitness.app import since as since_module
from fitness.app.configure import Configured
from fitness.app.options import CheckOptions
from fitness.app.run import run_check
from fitness.app.since import state_at
from fitness.app.trees import Revisions
from fitness.errors import UsageError
from fitness.graph import ImportGraph, build_graph
from fitness.model import Past
from fitness.parsing import collect
from fitness.tree import Entry, Tree
from fitness.tree import git as git_module
from fitness.tree.git import GitTree
from fitness.tree.memory import MemoryTree
from support import config, git, write_tree

RULES = config(
    """
    [tool.fitness.rules.layered]
    kind = "layers"
    layers = ["app.api", "app.service", "app.domain"]
    """
)
BEFORE = {
    "pyproject.toml": RULES,
    "src/app/__init__.py": "",
    "src/app/api/__init__.py": "from app.domain import model\n",
    "src/app/domain/__init__.py": "",
    "src/app/domain/model.py": "import json\n",
    "src/app/domain/old.py": "from app.api import views\n",
    "src/app/api/views.py": "X = 1\n",
    "src/app/service/__init__.py": "",
}
# REV's graph: module to module (externals by the name imported), no lines.
PAST_IMPORTS = [
    ("app.api", "app.domain.model"),
    ("app.domain.model", "json"),
    ("app.domain.old", "app.api.views"),
]
NEW = {"src/app/domain/new.py": "from app.service import *\n"}


# The module, not the function `fitness.app` exports under its name.
configure_module = importlib.import_module("fitness.app.configure")


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """BEFORE committed (one violation), then NEW written in the work tree (a second)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = write_tree(tmp_path / "shop", BEFORE)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one violation")
    write_tree(root, NEW)
    return root


def test_since_and_config_from_one_revision_configure_once_per_tree(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured: list[str] = []
    opened: list[str] = []
    real_configure, real_open = configure_module.configure, git_module.open_revision

    def counting_configure(options: CheckOptions, tree: Tree, revisions: Revisions) -> Configured:
        configured.append(type(tree).__name__)
        return real_configure(options, tree, revisions)

    def counting_open(where: Path, revision: str, flag: str) -> GitTree:
        opened.append(f"{revision} {flag}")
        return real_open(where, revision, flag)

    for module in (app, since_module):
        monkeypatch.setattr(module, "configure", counting_configure)
    monkeypatch.setattr(git_module, "open_revision", counting_open)
    monkeypatch.setattr(tempfile, "mkdtemp", _no_temporary_directory)

    report = app.check(
        CheckOptions(repository, since="HEAD", config_from="HEAD", fail_on="never"), lambda: 0.0
    )

    assert configured == ["WorkTree", "GitTree"]
    assert opened == ["HEAD --config-from"]
    assert [(f.rule_id, f.location.path) for f in report.findings] == [
        ("layered", "src/app/domain/new.py")
    ]


def _no_temporary_directory(*args: object, **kwargs: object) -> str:
    raise AssertionError("a revision is read from git's objects, never copied")


def test_state_at_gives_the_findings_and_imports_of_the_revision(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "mkdtemp", _no_temporary_directory)

    past = state_at(CheckOptions(repository, since="HEAD"))

    assert [(f.rule_id, f.location.path, f.location.line) for f in past.findings] == [
        ("layered", "src/app/domain/old.py", 1)
    ]
    assert sorted(past.imports) == PAST_IMPORTS
    assert past.configured is True


def test_state_at_a_revision_without_configuration_is_empty(
    repository: Path,
) -> None:
    git(repository, "rm", "-q", "--cached", "pyproject.toml")
    git(repository, "commit", "-q", "-m", "no configuration")

    assert state_at(CheckOptions(repository, since="HEAD")) == Past((), frozenset(), False)


def test_a_configuration_error_at_the_revision_names_the_file_not_a_copy(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)
    (repository / "pyproject.toml").write_text(RULES.replace("app.service", "app.missing"))
    git(repository, "commit", "-q", "-am", "a layer that does not exist")
    (repository / "pyproject.toml").write_text(RULES)

    with pytest.raises(UsageError) as caught:
        app.check(CheckOptions(repository, since="HEAD"), lambda: 0.0)

    assert str(caught.value) == (
        "--since HEAD: at that revision, pyproject.toml:6: tool.fitness.rules.layered.layers[1]: "
        "no module 'app.missing' under the source roots (did you mean 'app.domain'?)"
    )


def test_a_run_reads_only_its_tree(tmp_path: Path) -> None:
    """Every stage reads through the tree: a project that exists only in memory is checked."""
    root = tmp_path / "only-in-memory"
    files = {path: text.encode() for path, text in {**BEFORE, **NEW}.items()}
    files["docs/adr/0001-layers.md"] = b"# 1. Layers\n\nStatus: accepted\n"
    tree = MemoryTree(str(root), files)
    options = CheckOptions(root, cache=False, fail_on="never")
    revisions = Revisions()

    ran = run_check(
        options,
        lambda: 0.0,
        now=configure_module.configure(options, tree, revisions),
        revisions=revisions,
    )

    assert [(f.rule_id, f.location.path) for f in ran.report.findings] == [
        ("layered", "src/app/domain/new.py"),
        ("layered", "src/app/domain/old.py"),
    ]
    assert [adr.path for adr in ran.decisions.records] == ["docs/adr/0001-layers.md"]
    assert not root.exists()


def test_the_revision_borrows_the_work_tree_graph_and_keeps_only_the_facts_of_its_contents(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repository / "src/app/domain/new.py").unlink()
    (repository / "src/app/api/views.py").write_text("X = 2\n")  # the one changed module
    app.check(CheckOptions(repository, fail_on="never"), lambda: 0.0)  # fills the cache
    cache = repository / ".fitness_cache"
    before = {path.name: path.read_bytes() for path in cache.iterdir()}
    borrowed: list[list[str]] = []

    def recording(*args: Any, **kwargs: Any) -> ImportGraph:
        borrowed.append(sorted(args[3] or ()))
        return build_graph(*args, **kwargs)

    monkeypatch.setattr(reuse, "build_graph", recording)

    past = state_at(CheckOptions(repository, since="HEAD"))

    # Every module but app.api.views, whose content differs from HEAD's.
    assert borrowed == [
        ["app", "app.api", "app.domain", "app.domain.model", "app.domain.old", "app.service"]
    ]
    assert sorted(past.imports) == PAST_IMPORTS
    after = {path.name: path.read_bytes() for path in cache.iterdir()}
    facts = next(name for name in after if name.startswith("facts-"))
    # The work tree's stores are untouched; the facts store keeps the work tree's
    # paths and stamps, and adds the facts of HEAD's views.py by content; HEAD's
    # listing is kept under its tree id, in a store of its own.
    revision_listing = "listing-revision-0.1.0.marshal"
    assert {name: data for name, data in after.items() if name != facts} == {
        **{name: data for name, data in before.items() if name != facts},
        revision_listing: after[revision_listing],
    }
    stored_before, stored_after = marshal.loads(before[facts]), marshal.loads(after[facts])
    assert stored_after[1] == stored_before[1]
    assert len(stored_after[2]) == len(stored_before[2]) + 1
    parsed: list[int] = []
    monkeypatch.setattr(collect, "_parse_misses", lambda misses, *_: parsed.append(len(misses)))
    read: list[str] = []
    reading = GitTree.read_bytes

    def recorded(tree: GitTree, path: str) -> bytes:
        read.append(path)
        return reading(tree, path)

    monkeypatch.setattr(GitTree, "read_bytes", recorded)
    listed: list[str] = []
    listing = GitTree.entries

    def listed_entries(tree: GitTree, directory: str) -> list[Entry]:
        listed.append(directory)
        return listing(tree, directory)

    monkeypatch.setattr(GitTree, "entries", listed_entries)

    assert sorted(state_at(CheckOptions(repository, since="HEAD")).imports) == PAST_IMPORTS
    # The second time, every Python file of HEAD is known by its blob id (none is read),
    # and the listing by HEAD's tree id (no directory is listed).
    assert (parsed, [path for path in read if path.endswith(".py")]) == ([], [])
    assert listed == []


def test_another_revision_is_listed_afresh(repository: Path) -> None:
    assert sorted(state_at(CheckOptions(repository, since="HEAD")).imports) == PAST_IMPORTS
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "a new module")

    # HEAD names another tree now: its listing is not the one stored for the last one.
    assert sorted(state_at(CheckOptions(repository, since="HEAD")).imports) == sorted(
        [*PAST_IMPORTS, ("app.domain.new", "app.service")]
    )


def test_config_from_reads_the_packs_and_the_baseline_of_the_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    pack = RULES.replace("[tool.fitness]\n", "").replace("tool.fitness.rules", "rules")
    files = {**BEFORE, "pyproject.toml": '[tool.fitness]\nextends = ["team.toml"]\n'}
    root = write_tree(tmp_path / "shop", {**files, "team.toml": pack})
    app.write_baseline(CheckOptions(root), prune=False)  # the old violation, baselined
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a pack and a baseline")
    # The change rewrites the pack's rule and drops the baseline: neither counts.
    write_tree(root, {**NEW, "team.toml": pack.replace('"app.api", ', "")})
    (root / ".fitness-baseline.json").unlink()
    opened: list[str] = []
    real_open = git_module.open_revision

    def counting_open(where: Path, revision: str, flag: str) -> GitTree:
        opened.append(f"{revision} {flag}")
        return real_open(where, revision, flag)

    monkeypatch.setattr(git_module, "open_revision", counting_open)

    report = app.check(CheckOptions(root, config_from="HEAD"), lambda: 0.0)

    assert [(f.rule_id, f.location.path) for f in report.findings] == [
        ("layered", "src/app/domain/new.py")
    ]
    assert [(f.rule_id, f.location.path) for f in report.baselined] == [
        ("layered", "src/app/domain/old.py")
    ]
    assert opened == ["HEAD --config-from"]
