"""The two `fitness check` flags the Action passes: `--cache-dir` and `--config-from REV`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result, git, write_tree

RULES = """
    [tool.fitness]
    source_roots = ["src"]

    [tool.fitness.rules.layers]
    kind = "layers"
    layers = ["app.api", "app.domain"]

    [tool.fitness.rules.no-sockets]
    kind = "forbidden"
    from = ["app"]
    to = ["socket"]
"""
WITHOUT_LAYERS = """
    [tool.fitness]
    source_roots = ["src"]

    [tool.fitness.rules.no-sockets]
    kind = "forbidden"
    from = ["app"]
    to = ["socket"]
"""
FINDING = (
    "src/app/domain/__init__.py:1:1: layers: app.domain must not import app.api (a higher layer)\n"
)


def test_config_from_judges_the_working_tree_by_the_rules_at_a_revision(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    _repository(tmp_path)
    write_tree(
        tmp_path,
        {"pyproject.toml": WITHOUT_LAYERS, "src/app/domain/__init__.py": "from app import api\n"},
    )

    assert run("check", "--no-cache", cwd=tmp_path).code == 0
    judged = run("check", "--no-cache", "--config-from", "HEAD", cwd=tmp_path)
    assert judged.code == 1
    assert judged.out.startswith(FINDING)


def test_config_from_a_revision_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    _repository(tmp_path)
    result = run("check", "--no-cache", "--config-from", "no-such-rev", cwd=tmp_path)
    assert (result.code, result.err) == (
        2,
        f"fitness: --config-from no-such-rev: no such revision in the repository at {tmp_path}\n",
    )


def test_cache_dir_keeps_the_cache_outside_the_project(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    project = _repository(tmp_path / "project")
    cache = tmp_path / "elsewhere" / "cache"
    assert run("check", "--cache-dir", str(cache), cwd=project).code == 0
    assert [len(list(cache.glob(f"{name}-*.marshal"))) for name in ("facts", "listing")] == [1, 1]
    assert not (project / ".fitness_cache").exists()


def _repository(root: Path) -> Path:
    write_tree(
        root,
        {
            "pyproject.toml": RULES,
            "src/app/__init__.py": "",
            "src/app/api/__init__.py": "from app import domain\n",
            "src/app/domain/__init__.py": "",
        },
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


def test_config_from_a_revision_without_configuration_judges_by_the_change_s_own(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[project]\nname = "app"\n', "src/app/__init__.py": ""})
    _commit_all(tmp_path, "before fitness")
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "app"\n' + WITHOUT_LAYERS,
            "src/app/x.py": "import socket\n",
        },
    )

    result = run("check", "--no-cache", "--config-from", "HEAD", cwd=tmp_path)

    assert (result.code, result.out, result.err) == (
        1,
        "src/app/x.py:1:1: no-sockets: app must not import socket\n"
        "  app.x -> socket (l.1)\n"
        "\n"
        "no-sockets  forbidden  broken  1 finding\n"
        "--config-from HEAD: pyproject.toml has no fitness configuration at HEAD, "
        "so this change is judged by its own pyproject.toml\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 2 files (0.00s).\n",
        "",
    )


def test_config_from_follows_renames_and_reports_a_removed_module_on_its_rule(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    _repository(tmp_path)
    git(tmp_path, "mv", "src/app/api", "src/app/web")
    write_tree(tmp_path, {"src/app/domain/__init__.py": "from app import web\n"})

    result = run("check", "--no-cache", "--config-from", "HEAD", cwd=tmp_path)

    assert (result.code, result.out, result.err) == (
        1,
        "src/app/domain/__init__.py:1:1: layers: app.domain must not import app.web "
        "(a higher layer)\n"
        "\n"
        "layers  layers  broken  1 finding\n"
        "Judged by pyproject.toml at HEAD (--config-from).\n"
        "--config-from HEAD: the configuration names app.api, which this change renames to "
        "app.web; its rules check app.web\n"
        "Rules: 1 kept, 1 broken. Found 1 finding (1 error) in 3 files (0.00s).\n",
        "",
    )

    git(tmp_path, "rm", "-rqf", "src/app/web")
    removed = run("check", "--no-cache", "--config-from", "HEAD", cwd=tmp_path)
    assert (removed.code, removed.out) == (
        1,
        "pyproject.toml:6:1: rule-target-removed: this change removes app.api, which rule "
        "layers at HEAD names; land the configuration change first\n"
        "\n"
        "rule-target-removed  built-in  1 finding\n"
        "Judged by pyproject.toml at HEAD (--config-from).\n"
        "Rules: 2 kept, 0 broken. Found 1 finding (1 error) in 2 files (0.00s).\n",
    )


def _commit_all(root: Path, message: str) -> None:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def test_errors_in_a_revision_s_files_never_name_the_temporary_directory(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    broken = RULES.replace('"app.api", "app.domain"', '"app.api", "app.domian"')
    write_tree(
        tmp_path,
        {"pyproject.toml": broken, "src/app/__init__.py": "", "src/app/api/__init__.py": ""},
    )
    write_tree(tmp_path, {"src/app/domain/__init__.py": ""})
    _commit_all(tmp_path, "a configuration with a typo")
    write_tree(tmp_path, {"pyproject.toml": RULES})

    result = run("check", "--no-cache", "--since", "HEAD", cwd=tmp_path)

    assert (result.code, result.err) == (
        2,
        "fitness: --since HEAD: at that revision, pyproject.toml:6: "
        "tool.fitness.rules.layers.layers[1]: no module 'app.domian' under the source roots "
        "(did you mean 'app.domain'?)\n",
    )
