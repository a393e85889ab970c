"""Nothing a repository holds is an internal error: each input is a finding or an exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, git, write_tree

Run = Callable[..., Result]
LONG = "d" * 300  # one path component over the 255 bytes a file name may have
CONFIG = """\
[tool.fitness]
source_roots = ["."]
{extra}
[tool.fitness.rules.pure]
kind = "forbidden"
from = ["app"]
to = ["sqlite3"]
{rule}"""


def _project(tmp_path: Path, extra: str = "", rule: str = "") -> Path:
    root = write_tree(tmp_path / "p", {"app/__init__.py": "import sqlite3\n"})
    (root / "pyproject.toml").write_text(CONFIG.format(extra=extra, rule=rule))
    return root


def test_a_file_name_that_is_not_utf8_in_the_base_tree(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path)
    (root / "app" / "caf\udce9.py").write_text("import sqlite3\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "one")

    result = run("check", "--since", "HEAD", cwd=root)

    assert (result.code, result.err) == (0, "")  # the finding about the name was there before
    assert result.out.splitlines()[-3:] == [
        "Not counted: 2 already at HEAD.",
        "Not analysed (1 file): app/caf\\xe9.py (unreadable).",  # though its finding is old
        "Rules: 1 kept, 0 broken. No findings in 1 file (0.00s).",
    ]


@pytest.mark.parametrize("format_", ["json", "sarif", "markdown"])
def test_an_adr_whose_file_name_is_not_utf8(tmp_path: Path, run: Run, format_: str) -> None:
    root = _project(tmp_path, '[tool.fitness.adr]\ndir = "docs/adr"\n', 'adr = "ADR-0001"\n')
    (root / "docs" / "adr").mkdir(parents=True)
    (root / "docs" / "adr" / "0001-caf\udce9.md").write_text("# 1. Pure\n\nStatus: accepted\n")

    result = run("check", "--format", format_, cwd=root)

    assert (result.code, result.err) == (1, "")
    problem = "its file name is not UTF-8 (shown with \\x escapes): rename it"
    if format_ == "json":
        [finding] = [f for f in json.loads(result.out)["findings"] if f["rule"] != "pure"]
        assert (finding["path"], finding["message"]) == ("docs/adr/0001-caf\\xe9.md", problem)
    elif format_ == "sarif":
        results = json.loads(result.out)["runs"][0]["results"]
        [text] = [r["message"]["text"] for r in results if r["ruleId"] == "adr-unreadable"]
        assert text == "its file name is not UTF-8 (shown with \\\\x escapes): rename it."
    else:
        assert "docs/adr/0001-caf\\xe9.md" in result.out


@pytest.mark.parametrize("count", ["Infinity", "1e400"])
def test_a_baseline_count_too_large_for_a_number(tmp_path: Path, run: Run, count: str) -> None:
    root = _project(tmp_path)
    assert run("baseline", cwd=root).code == 0
    baseline = root / ".fitness-baseline.json"
    baseline.write_text(baseline.read_text().replace('"count": 1', f'"count": {count}'))

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        f"fitness: {baseline}: entry 1 needs a fingerprint, a rule and a count, and its "
        "imports must be a list of 'importer -> imported'\n",
    )


def test_a_baseline_nested_thousands_deep(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path)
    baseline = root / ".fitness-baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000)

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        f"fitness: {baseline}: not a fitness baseline (values nested too deeply)\n",
    )


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a=" * 5000 + "1" + "}" * 5000])
def test_a_pyproject_nested_thousands_deep(tmp_path: Path, run: Run, value: str) -> None:
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text(f"[tool.fitness]\nx = {value}\n")

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        "pyproject.toml: invalid TOML: values nested too deeply to read\n",
    )


def test_a_path_component_too_long_in_adr_dir(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path, rule='adr = "ADR-0001"\n')
    (root / ".adr-dir").write_text(f"{LONG}\n")

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines()[1] == (
        "pyproject.toml:8:1: adr-missing: rule pure cites ADR-0001, but the project has no ADR "
        f"directory ({LONG} (.adr-dir)): set [tool.fitness.adr] dir"
    )


def test_a_path_component_too_long_in_source_roots(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path)
    text = (root / "pyproject.toml").read_text().replace('["."]', f'["{LONG}"]')
    (root / "pyproject.toml").write_text(text)

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        f"pyproject.toml:2: tool.fitness.source_roots[0]: source root '{LONG}' is not a "
        "directory\n",
    )


def test_a_path_component_too_long_in_extends(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path, f'extends = ["{LONG}.toml"]')

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        f"pyproject.toml:3: tool.fitness.extends[0]: no rule pack file '{LONG}.toml' (a path "
        "in extends is relative to the directory of pyproject.toml)\n",
    )


def test_a_python_file_whose_name_is_not_utf8_is_unreadable(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path)
    (root / "app" / "caf\udce9.py").write_text("import sqlite3\n")

    result = run("check", "--no-cache", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines()[:2] == [
        "app/__init__.py:1:1: pure: app must not import sqlite3",
        "app/caf\\xe9.py:1:1: unreadable: its name is not UTF-8 (shown with \\x escapes), so no "
        "module is named for it",
    ]


def test_a_path_component_too_long_in_cache_dir(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path, f'cache_dir = "{LONG}"')

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        f"pyproject.toml:3: tool.fitness.cache_dir: cache_dir '{LONG}' cannot be used: File "
        "name too long\n",
    )


@pytest.mark.parametrize(
    "args",
    [("check", "--baseline", LONG), ("check", "--output", f"json:{LONG}")],
)
def test_a_path_too_long_on_the_command_line(
    tmp_path: Path, run: Run, args: tuple[str, ...]
) -> None:
    root = _project(tmp_path)

    result = run(*args, cwd=root)

    assert (result.code, result.err) == (2, f"fitness: {LONG}: File name too long\n")


def test_an_ignored_file_whose_name_is_not_utf8_is_not_reported(tmp_path: Path, run: Run) -> None:
    root = _project(tmp_path, 'exclude = ["app/old/"]')
    (root / "app" / "old").mkdir()
    (root / "app" / "old" / "caf\udce9.py").write_text("import sqlite3\n")
    (root / "app" / ".gitignore").write_text("*.bak.py\n")
    (root / "app" / "caf\udce9.bak.py").write_text("import sqlite3\n")

    result = run("check", cwd=root)

    assert (result.code, result.out.splitlines()[0], result.out.splitlines()[1]) == (
        1,
        "app/__init__.py:1:1: pure: app must not import sqlite3",
        "",
    )
