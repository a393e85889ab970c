"""Adopting fitness end to end: inline suppressions, the baseline file and `--since REV`.

Each test drives the real CLI on a project built in `tmp_path` (a git repository
where `--since` needs one) and asserts exact output, exit codes and file content.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, config, git

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

LETTERS = "abcdefg"
LAYERED = config(
    f"""
    [tool.fitness.rules.layered]
    kind = "layers"
    layers = [{", ".join(f'"app.{x}"' for x in LETTERS)}]
    """
)
SEVEN_LAYERS = {
    "pyproject.toml": LAYERED,
    "src/app/__init__.py": "",
    **{f"src/app/{x}/__init__.py": "" for x in LETTERS},
    **{f"src/app/{x}/core.py": "X = 1\n" for x in LETTERS},
}
# Five existing violations: app.g, the lowest layer, imports app.a ... app.e.
OLD = {f"src/app/g/use_{x}.py": f"from app.{x} import core\n" for x in "abcde"}
NEW = {"src/app/g/use_f.py": "from app.f import core\n"}
FIXED = "X = 2\n"


def violation(x: str) -> str:
    return (
        f"src/app/g/use_{x}.py:1:1: layered: app.g must not import app.{x} (a higher layer)\n"
        f"  app.g.use_{x} -> app.{x}.core (l.1)\n"
    )


# Fingerprints are the rule and the two packages: the same in every run and version.
FINGERPRINTS = {
    "a": "b1ec650c64cf6196cdd2",
    "b": "8ab37c7bef43d9ae5ad0",
    "c": "4bef1864bdc0409620c8",
    "d": "28d4ddaf4ee625e9ce5a",
    "e": "3ab2da85c0fcbb2071a6",
}


def baseline_entry(x: str) -> str:
    return (
        f'{{"fingerprint": "{FINGERPRINTS[x]}", "rule": "layered", "count": 1, '
        f'"path": "src/app/g/use_{x}.py", "summary": "app.g -> app.{x}", "imports": [\n'
        f'      "app.g.use_{x} -> app.{x}.core"\n'
        "    ]}"
    )


def baseline_text(entries: list[str]) -> str:
    body = ",\n    ".join(entries)
    return (
        '{\n  "schema": "fitness-baseline",\n  "version": 2,\n'
        f'  "entries": [\n    {body}\n  ]\n}}\n'
    )


def stale_lines(*letters: str) -> str:
    count = len(letters)
    head = f"{count} baseline entr{'y is' if count == 1 else 'ies are'} fixed"
    return f"{head}: run `fitness baseline --prune`\n" + "".join(
        f"  layered: app.g -> app.{x} (src/app/g/use_{x}.py)\n" for x in letters
    )


BROKEN_ONE = "layered  layers  broken  1 finding\n"
FOUND_ONE = "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 21 files (0.00s).\n"
NONE_FOUND = "Rules: 1 kept, 0 broken. No findings in 21 files (0.00s).\n"
# A rule whose every finding is in the baseline is neither kept nor broken.
ALL_BASELINED = "Rules: 0 kept, 1 baselined, 0 broken. No findings in 21 files (0.00s).\n"


def commit(root: Path, message: str) -> None:
    git(root, "add", "pyproject.toml", "src")
    git(root, "commit", "-q", "-m", message)


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Callable[[Path], None] | None], Path]:
    """The seven layers with five violations committed, then a commit that adds a sixth.

    `before_second` runs between the two commits (to write the baseline at HEAD~1).
    """
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))

    def build(before_second: Callable[[Path], None] | None = None) -> Path:
        root = project({**SEVEN_LAYERS, **OLD})
        git(root, "init", "-q")
        commit(root, "five violations")
        if before_second is not None:
            before_second(root)
        write(root, NEW)
        commit(root, "a sixth")
        return root

    return build


# --since REV


def test_since_reports_only_the_finding_that_was_not_at_the_revision(
    repo: Callable[..., Path], run: Run
) -> None:
    root = repo()

    result = run("check", "--since", "HEAD~1", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        violation("f") + "\n" + BROKEN_ONE + "Not counted: 5 already at HEAD~1.\n" + FOUND_ONE
    )


def test_since_the_same_revision_reports_nothing(repo: Callable[..., Path], run: Run) -> None:
    root = repo()

    result = run("check", "--since", "HEAD", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Not counted: 6 already at HEAD.\n" + NONE_FOUND,
    )


def test_since_a_revision_without_configuration_counts_every_finding(
    tmp_path: Path, project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    root = project({**SEVEN_LAYERS, **NEW})
    git(root, "init", "-q")
    git(root, "add", "src")
    git(root, "commit", "-q", "-m", "code only")
    commit(root, "configuration")

    result = run("check", "--since", "HEAD~1", cwd=root)

    assert (result.code, result.out, result.err) == (
        1,
        violation("f")
        + "\n"
        + BROKEN_ONE
        + "Not counted: 0 already at HEAD~1.\n"
        + NO_CONFIGURATION_THEN
        + "\n"
        + FOUND_ONE.replace("21 files", "16 files"),
        "",
    )


NO_CONFIGURATION_THEN = (
    "--since HEAD~1: pyproject.toml has no fitness configuration at HEAD~1, "
    "so nothing was checked there and every finding is new"
)


def test_since_a_pyproject_without_fitness_counts_every_finding(
    tmp_path: Path, project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pull request that adds fitness: the base has a pyproject.toml, without fitness."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    root = project({**SEVEN_LAYERS, **NEW, "pyproject.toml": '[project]\nname = "app"\n'})
    git(root, "init", "-q")
    commit(root, "code only")
    (root / "pyproject.toml").write_text('[project]\nname = "app"\n' + LAYERED, "utf-8")
    commit(root, "configuration")

    text = run("check", "--since", "HEAD~1", cwd=root)
    as_json = run("check", "--since", "HEAD~1", "--format", "json", cwd=root)

    assert (text.code, text.out.splitlines()[-2]) == (1, NO_CONFIGURATION_THEN)
    assert text.err == ""
    assert as_json.code == 1
    assert json.loads(as_json.out)["notices"] == [
        {
            "id": "since-without-configuration",
            "severity": "note",
            "message": NO_CONFIGURATION_THEN,
            "path": None,
            "line": None,
            "details": [],
        }
    ]
    # Other formats than text print it on stderr too, for the log.
    assert as_json.err == f"fitness: note: {NO_CONFIGURATION_THEN}\n"


def test_since_analyses_the_revision_with_the_configuration_it_had(
    repo: Callable[..., Path], run: Run
) -> None:
    root = repo()
    # A rule added since HEAD~1: at HEAD~1 it did not exist, so its finding is new.
    strict = '\n[tool.fitness.rules.strict]\nkind = "forbidden"\nfrom = ["app.g"]\nto = ["app.c"]\n'
    (root / "pyproject.toml").write_text(LAYERED + strict, encoding="utf-8")

    result = run("check", "--since", "HEAD~1", cwd=root)

    assert (result.code, result.out) == (
        1,
        "src/app/g/use_c.py:1:1: strict: app.g must not import app.c\n"
        "  app.g.use_c -> app.c.core (l.1)\n"
        + violation("f")
        + "\n"
        + "layered  layers     broken  1 finding\n"
        + "strict   forbidden  broken  1 finding\n"
        + "Not counted: 5 already at HEAD~1.\n"
        + "Rules: 0 kept, 2 broken. Found 2 findings (2 errors) in 21 files (0.00s).\n",
    )


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (
            ("src/app/g/use_f.py",),
            violation("f") + "\n" + BROKEN_ONE + "Not counted: 0 already at HEAD~1.\n" + FOUND_ONE,
        ),
        (
            ("src/app/g/use_a.py",),
            "Not counted: 1 already at HEAD~1.\n"
            + "1 more finding in other files; run without PATH to see them\n"
            + NONE_FOUND,
        ),
        (
            ("--select", "layered"),
            violation("f") + "\n" + BROKEN_ONE + "Not counted: 5 already at HEAD~1.\n" + FOUND_ONE,
        ),
    ],
    ids=["new-path", "old-path", "select"],
)
def test_since_narrows_with_paths_and_rules(
    repo: Callable[..., Path], run: Run, args: tuple[str, ...], out: str
) -> None:
    root = repo()

    result = run("check", "--since", "HEAD~1", *args, cwd=root)

    assert (result.code, result.out) == (1 if "1 error" in out else 0, out)


@pytest.mark.parametrize("revision", ["nope", "HEAD~5"])
def test_since_a_revision_that_does_not_exist_is_a_usage_error(
    repo: Callable[..., Path], run: Run, revision: str
) -> None:
    root = repo()

    result = run("check", "--since", revision, cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"fitness: --since {revision}: no such revision in the repository at {root.resolve()}\n",
    )


def test_since_outside_a_git_repository_is_a_usage_error(
    tmp_path: Path, project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    root = project({**SEVEN_LAYERS, **OLD})

    result = run("check", "--since", "HEAD", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"fitness: --since: {root.resolve()} is not in a git repository\n",
    )


def test_since_without_git_is_a_usage_error(
    repo: Callable[..., Path], run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo()
    nothing = tmp_path / "no-git-here"
    nothing.mkdir()
    monkeypatch.setenv("PATH", str(nothing))

    result = run("check", "--since", "HEAD~1", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        "fitness: --since needs git, which is not installed (or not on PATH)\n",
    )


# The baseline


def write_baseline(run: Run) -> Callable[[Path], None]:
    def write_it(root: Path) -> None:
        result = run("baseline", cwd=root)
        assert (result.code, result.out, result.err) == (
            0,
            "Wrote .fitness-baseline.json: 5 entries for 5 findings.\n",
            "",
        )

    return write_it


def test_the_baseline_shrinks_as_old_findings_are_fixed(
    repo: Callable[..., Path], run: Run
) -> None:
    root = repo(write_baseline(run))
    baseline = root / ".fitness-baseline.json"
    assert baseline.read_text(encoding="utf-8") == baseline_text(
        [baseline_entry(x) for x in "abcde"]
    )

    new_only = run("check", cwd=root)
    assert (new_only.code, new_only.out) == (
        1,
        violation("f") + "\n" + BROKEN_ONE + "Not counted: 5 in the baseline.\n" + FOUND_ONE,
    )

    write(root, {"src/app/g/use_a.py": FIXED, "src/app/g/use_b.py": FIXED})
    two_fixed = run("check", cwd=root)
    assert (two_fixed.code, two_fixed.out) == (
        1,
        violation("f")
        + "\n"
        + BROKEN_ONE
        + "Not counted: 3 in the baseline.\n"
        + stale_lines("a", "b")
        + FOUND_ONE,
    )

    write(root, {"src/app/g/use_f.py": FIXED})
    without_new = "Not counted: 3 in the baseline.\n" + stale_lines("a", "b") + ALL_BASELINED
    assert (run("check", cwd=root).code, run("check", cwd=root).out) == (0, without_new)
    strict = run("check", "--strict-baseline", cwd=root)
    assert (strict.code, strict.out) == (1, without_new)

    write(root, NEW)
    pruned = run("baseline", "--prune", cwd=root)
    assert (pruned.code, pruned.out) == (
        0,
        "Wrote .fitness-baseline.json: 3 entries for 3 findings. Dropped 2 fixed entries. "
        "Left out 1 new finding (--prune).\n",
    )
    assert baseline.read_text(encoding="utf-8") == baseline_text([baseline_entry(x) for x in "cde"])
    after = run("check", "--strict-baseline", cwd=root)
    assert (after.code, after.out) == (
        1,
        violation("f") + "\n" + BROKEN_ONE + "Not counted: 3 in the baseline.\n" + FOUND_ONE,
    )


def test_since_with_a_baseline_lists_no_entry_as_fixed_while_its_finding_remains(
    repo: Callable[..., Path], run: Run
) -> None:
    root = repo(write_baseline(run))

    result = run("check", "--since", "HEAD~1", "--strict-baseline", cwd=root)

    assert (result.code, result.out) == (
        1,
        violation("f") + "\n" + BROKEN_ONE + "Not counted: 5 already at HEAD~1.\n" + FOUND_ONE,
    )


def test_an_explicit_baseline_path_is_read_and_written(
    tmp_path: Path, project: Project, run: Run
) -> None:
    root = project({**SEVEN_LAYERS, **OLD, "ci/.keep": ""})

    written = run("baseline", "--baseline", "ci/known.json", cwd=root)
    result = run("check", "--baseline", "ci/known.json", cwd=root)

    assert written.out == "Wrote ci/known.json: 5 entries for 5 findings.\n"
    assert (root / "ci/known.json").read_text(encoding="utf-8") == baseline_text(
        [baseline_entry(x) for x in "abcde"]
    )
    assert not (root / ".fitness-baseline.json").exists()
    assert (result.code, result.out) == (
        0,
        "Not counted: 5 in the baseline.\n" + ALL_BASELINED.replace("21 files", "20 files"),
    )


# A partial baseline never drops the entries of other rules or paths

TWO_RULES = config(
    """
    [tool.fitness.rules.layered]
    kind = "layers"
    layers = ["app.a", "app.g"]

    [tool.fitness.rules.ban]
    kind = "banned-api"
    apis = ["pickle.loads"]
    """
)
TWO_RULES_FILES = {
    "pyproject.toml": TWO_RULES,
    "src/app/__init__.py": "",
    "src/app/a/__init__.py": "",
    "src/app/a/core.py": "import pickle\n\n\ndef load(data):\n    return pickle.loads(data)\n",
    "src/app/g/__init__.py": "",
    "src/app/g/use.py": "from app.a import core\n",
    "src/app/g/other/__init__.py": "",
    "src/app/g/other/more.py": "import pickle\n\npickle.loads(b'')\n",
}


def entries(root: Path) -> list[tuple[str, str, str, int]]:
    document = json.loads((root / ".fitness-baseline.json").read_text(encoding="utf-8"))
    return [(e["rule"], e["summary"], e["path"], e["count"]) for e in document["entries"]]


FULL = [
    ("ban", "app.a.core pickle.loads load 1", "src/app/a/core.py", 1),
    ("ban", "app.g.other.more pickle.loads  1", "src/app/g/other/more.py", 1),
    ("layered", "app.g -> app.a", "src/app/g/use.py", 1),
]


def test_baseline_with_select_keeps_the_entries_of_the_other_rules(
    project: Project, run: Run
) -> None:
    root = project(TWO_RULES_FILES)
    assert (
        run("baseline", cwd=root).out == "Wrote .fitness-baseline.json: 3 entries for 3 findings.\n"
    )
    full = (root / ".fitness-baseline.json").read_text(encoding="utf-8")
    assert entries(root) == FULL
    # The layer violation is fixed and a new banned call appears; only `layered` is rewritten.
    write(
        root,
        {
            "src/app/g/use.py": FIXED,
            "src/app/g/other/more.py": "import pickle\n\npickle.loads(b'')\npickle.loads(b'')\n",
        },
    )

    result = run("baseline", "--select", "layered", cwd=root)

    assert result.out == (
        "Wrote .fitness-baseline.json: 2 entries for 2 findings. Dropped 1 fixed entry.\n"
    )
    assert entries(root) == FULL[:2]
    # The ban entries are lines 5 and 6, the layered one lines 7 to 9 with its one import.
    lines = full.splitlines()
    assert lines[7:9] == ['      "app.g.use -> app.a.core"', "    ]}"]
    kept = [*lines[:5], lines[5].rstrip(","), *lines[9:]]
    assert (root / ".fitness-baseline.json").read_text(encoding="utf-8") == "\n".join(kept) + "\n"
    assert run("baseline", "--ignore", "layered", "--allow-growth", cwd=root).out == (
        "Wrote .fitness-baseline.json: 3 entries for 3 findings. "
        "Recorded 1 new finding (--allow-growth).\n"
    )
    assert entries(root) == [
        *FULL[:2],
        ("ban", "app.g.other.more pickle.loads  2", "src/app/g/other/more.py", 1),
    ]


def test_baseline_of_a_path_keeps_the_entries_of_the_other_paths(
    project: Project, run: Run
) -> None:
    root = project(TWO_RULES_FILES)
    run("baseline", cwd=root)
    write(root, {"src/app/a/core.py": FIXED, "src/app/g/use.py": FIXED})
    write(
        root, {"src/app/g/other/more.py": "import pickle\n\npickle.loads(b'')\npickle.loads(b'')\n"}
    )

    result = run("baseline", "src/app/g", "--allow-growth", cwd=root)

    assert result.out == (
        "Wrote .fitness-baseline.json: 3 entries for 3 findings. "
        "Dropped 1 fixed entry. Recorded 1 new finding (--allow-growth).\n"
    )
    assert entries(root) == [
        FULL[0],
        FULL[1],
        ("ban", "app.g.other.more pickle.loads  2", "src/app/g/other/more.py", 1),
    ]
    check = run("check", "src/app/g", cwd=root)
    assert (check.code, check.out) == (
        0,
        "Not counted: 2 in the baseline.\n"
        "Rules: 1 kept, 1 baselined, 0 broken. No findings in 7 files (0.00s).\n",
    )


def test_check_with_select_lists_no_entry_of_another_rule_as_fixed(
    project: Project, run: Run
) -> None:
    root = project(TWO_RULES_FILES)
    run("baseline", cwd=root)

    result = run("check", "--select", "layered", "--strict-baseline", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Not counted: 1 in the baseline.\n"
        "Rules: 0 kept, 1 baselined, 0 broken. No findings in 7 files (0.00s).\n",
    )


def test_a_partial_baseline_keeps_the_unused_suppressions_of_the_rules_it_leaves_out(
    project: Project, run: Run
) -> None:
    # The unused suppression of `ban` is about `ban`: a baseline of `layered` only
    # (which does not check `ban`, so cannot tell whether it is used) must keep it.
    root = project(
        {**TWO_RULES_FILES, "src/app/g/use.py": "import json  # fitness: ignore[ban] old\n"}
    )
    run("baseline", cwd=root)
    assert entries(root) == [
        *FULL[:2],
        ("unused-suppression", "src/app/g/use.py ban", "src/app/g/use.py", 1),
    ]

    check = run("check", "--select", "layered", "--strict-baseline", cwd=root)
    run("baseline", "--select", "layered", cwd=root)

    assert (check.code, check.out) == (
        0,
        "Rules: 1 kept, 0 broken. No findings in 7 files (0.00s).\n",
    )
    assert entries(root) == [
        *FULL[:2],
        ("unused-suppression", "src/app/g/use.py ban", "src/app/g/use.py", 1),
    ]


# Fingerprint stability

CHAIN = config(
    """
    [tool.fitness.rules.no-c]
    kind = "forbidden"
    from = ["app.a"]
    to = ["app.c"]
    """
)
CHAIN_FILES = {
    "pyproject.toml": CHAIN,
    "src/app/__init__.py": "",
    "src/app/a/__init__.py": "",
    "src/app/a/m.py": "from app.b import m\n",
    "src/app/b/__init__.py": "",
    "src/app/b/m.py": "from app.c import m\n",
    "src/app/c/__init__.py": "",
    "src/app/c/m.py": "X = 1\n",
}


def found(run: Run, root: Path) -> list[tuple[str, int, str]]:
    """Each finding as (path, line, fingerprint)."""
    report = json.loads(run("check", "--format", "json", "--fail-on", "never", cwd=root).out)
    return [(f["path"], f["line"], f["fingerprint"]) for f in report["findings"]]


def baseline_aside(run: Run, root: Path) -> None:
    """Write the baseline to `known.json`, so that `found` still sees every finding."""
    assert run("baseline", "--baseline", "known.json", cwd=root).code == 0


def still_baselined(run: Run, root: Path, files: int) -> None:
    result = run("check", "--baseline", "known.json", cwd=root)
    assert result.code == 0
    assert result.out.splitlines()[-2:] == [
        "Not counted: 1 in the baseline.",
        f"Rules: 0 kept, 1 baselined, 0 broken. No findings in {files} files (0.00s).",
    ]


@pytest.mark.parametrize(
    "edited",
    [
        "import os\nimport sys\n\n\n# a comment\nX = 1\n\nfrom app.b import m\n",
        "from app.b import (\n    m,\n)\n",
        "from   app.b   import   m\n",
        "from app.b import (m,)\n",
        "import app.b.m\n",
        "def f():\n    from app.b import m\n",
    ],
    ids=["lines-above", "parenthesised", "spaces", "trailing-comma", "plain-import", "local"],
)
def test_edits_of_the_first_hop_keep_the_fingerprint(
    project: Project, run: Run, edited: str
) -> None:
    root = project(CHAIN_FILES)
    [(path, line, before)] = found(run, root)
    baseline_aside(run, root)

    write(root, {"src/app/a/m.py": edited})
    [(_, _, after)] = found(run, root)

    assert (path, line) == ("src/app/a/m.py", 1)
    assert after == before
    still_baselined(run, root, 7)


@pytest.mark.parametrize(
    "edited",
    [
        "import os\n\n\nfrom app.c import m\n",
        "def f():\n    from app.c import m\n",
        "class K:\n    def g(self):\n        from app.c import m\n",
    ],
    ids=["another-line", "another-function", "a-method"],
)
def test_moving_the_middle_hop_within_its_module_keeps_the_fingerprint(
    project: Project, run: Run, edited: str
) -> None:
    root = project(CHAIN_FILES)
    [(_, _, before)] = found(run, root)
    baseline_aside(run, root)

    write(root, {"src/app/b/m.py": edited})

    assert [fingerprint for _, _, fingerprint in found(run, root)] == [before]
    still_baselined(run, root, 7)


def test_a_finding_about_other_modules_has_another_fingerprint(project: Project, run: Run) -> None:
    root = project(
        {
            **CHAIN_FILES,
            "pyproject.toml": CHAIN.replace('to = ["app.c"]', 'to = ["app.b", "app.c"]'),
        }
    )

    [(_, _, to_b), (_, _, to_c)] = found(run, root)

    assert to_b != to_c


BANNED = config(
    """
    [tool.fitness.rules.ban]
    kind = "banned-api"
    apis = ["pickle.loads"]
    """
)


def banned_project(project: Project, body: str) -> Path:
    return project(
        {
            "pyproject.toml": BANNED,
            "src/app/__init__.py": "",
            "src/app/store.py": f"import pickle\n\n\ndef load(data):\n{body}",
        }
    )


TWICE = "    a = pickle.loads(data)\n    b = pickle.loads(data)\n    return a, b\n"


def test_a_third_identical_banned_call_is_exactly_one_new_finding(
    project: Project, run: Run
) -> None:
    root = banned_project(project, TWICE)
    before = found(run, root)
    assert run("baseline", "--baseline", "known.json", cwd=root).out == (
        "Wrote known.json: 2 entries for 2 findings.\n"
    )

    write(
        root,
        {
            "src/app/store.py": "import pickle\n\n\ndef load(data):\n"
            + TWICE.replace("    return a, b\n", "    c = pickle.loads(data)\n    return a, b, c\n")
        },
    )
    after = found(run, root)
    result = run("check", "--baseline", "known.json", cwd=root)

    assert [line for _, line, _ in before] == [5, 6]
    assert after[:2] == before
    assert (result.code, result.out) == (
        1,
        "src/app/store.py:7:9: ban: pickle.loads is banned\n"
        "\n"
        "ban  banned-api  broken  1 finding\n"
        "Not counted: 2 in the baseline.\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 2 files (0.00s).\n",
    )


def test_banned_calls_keep_their_fingerprints_when_lines_are_inserted_above(
    project: Project, run: Run
) -> None:
    root = banned_project(project, TWICE)
    before = found(run, root)
    baseline_aside(run, root)

    write(
        root,
        {
            "src/app/store.py": "import pickle\n\nLIMIT = 3\n\n\ndef load(data):\n"
            "    # read it\n" + TWICE
        },
    )
    after = found(run, root)

    assert [(path, line - 3, fingerprint) for path, line, fingerprint in after] == before
    result = run("check", "--baseline", "known.json", cwd=root)
    assert (result.code, result.out.splitlines()[-2]) == (0, "Not counted: 2 in the baseline.")


def test_a_banned_call_in_another_function_has_another_fingerprint(
    project: Project, run: Run
) -> None:
    root = banned_project(
        project,
        "    return pickle.loads(data)\n\n\ndef save(data):\n    return pickle.loads(data)\n",
    )

    [(_, _, in_load), (_, _, in_save)] = found(run, root)

    assert in_load != in_save


# Inline suppressions

SUPPRESSIBLE = {
    **CHAIN_FILES,
    "pyproject.toml": CHAIN
    + '\n[tool.fitness.rules.ban]\nkind = "banned-api"\napis = ["pickle.loads"]\n',
}


@pytest.mark.parametrize(
    "first_hop",
    [
        "from app.b import m  # fitness: ignore[no-c] legacy\n",
        "# fitness: ignore[no-c] legacy\nfrom app.b import m\n",
        "from app.b import (  # fitness: ignore[no-c] legacy\n    m,\n)\n",
        "from app.b import (\n    m,\n)  # fitness: ignore[no-c] legacy\n",
        "import json  # fitness: ignore[ban, no-c]\n\n\nX = 1\n# fitness: ignore[no-c] ADR-1\nfrom app.b import m\n",
    ],
    ids=["on-the-line", "above", "multi-line-first", "multi-line-last", "with-others"],
)
def test_a_suppression_on_the_first_hop_silences_a_chain_finding(
    project: Project, run: Run, first_hop: str
) -> None:
    root = project({**SUPPRESSIBLE, "src/app/a/m.py": first_hop})

    result = run("check", cwd=root)

    if "json" not in first_hop:
        assert (result.code, result.out) == (
            0,
            "Not counted: 1 suppressed inline.\n"
            "Rules: 2 kept, 0 broken. No findings in 7 files (0.00s).\n",
        )
    else:
        assert (result.code, result.out) == (
            0,
            "src/app/a/m.py:1:14: unused-suppression: the suppression of ban suppresses nothing "
            "here: remove it [warning]\n"
            "src/app/a/m.py:1:14: unused-suppression: the suppression of no-c suppresses nothing "
            "here: remove it [warning]\n"
            "\n"
            "unused-suppression  built-in  2 findings\n"
            "Not counted: 1 suppressed inline.\n"
            "Rules: 2 kept, 0 broken. Found 2 findings (2 warnings) in 7 files (0.00s).\n",
        )


def test_a_suppression_on_a_later_hop_silences_the_routes_through_it(
    project: Project, run: Run
) -> None:
    # A suppression covers the routes through the import it sits on: here the only one.
    root = project(
        {**SUPPRESSIBLE, "src/app/b/m.py": "from app.c import m  # fitness: ignore[no-c]\n"}
    )

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Not counted: 1 suppressed inline.\n"
        "Rules: 2 kept, 0 broken. No findings in 7 files (0.00s).\n",
    )


def test_a_suppressed_route_leaves_the_other_routes_reported(project: Project, run: Run) -> None:
    # A second route between the same packages is not covered by the first one's suppression.
    root = project(
        {
            **SUPPRESSIBLE,
            "src/app/a/m.py": "from app.b import m  # fitness: ignore[no-c] ADR-0001 legacy\n",
            "src/app/a/n.py": "import os\nfrom app.c import m\n",
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.out.split("\n\n")[0]) == (
        1,
        "src/app/a/n.py:2:1: no-c: app.a must not import app.c\n  app.a.n -> app.c.m (l.2)",
    )


def test_a_suppression_that_suppresses_nothing_is_a_warning_at_the_comment(
    project: Project, run: Run
) -> None:
    root = project(
        {
            **SUPPRESSIBLE,
            "src/app/c/m.py": "X = 1\n\n\ndef f():\n    return X  # fitness: ignore[ban] why\n",
        }
    )

    result = run("check", "--fail-on", "warning", cwd=root)

    assert (result.code, result.out) == (
        1,
        "src/app/a/m.py:1:1: no-c: app.a must not import app.c\n"
        "  app.a.m -> app.b.m (l.1)\n"
        "  app.b.m -> app.c.m (l.1)\n"
        "src/app/c/m.py:5:15: unused-suppression: the suppression of ban suppresses nothing "
        "here: remove it [warning]\n"
        "\n"
        "no-c                forbidden  broken  1 finding\n"
        "unused-suppression  built-in   1 finding\n"
        "Rules: 1 kept, 1 broken. Found 2 findings (1 error, 1 warning) in 7 files (0.00s).\n",
    )


def test_a_suppression_of_a_rule_not_selected_is_not_unused(project: Project, run: Run) -> None:
    root = project(
        {**SUPPRESSIBLE, "src/app/a/m.py": "from app.b import m  # fitness: ignore[no-c] legacy\n"}
    )

    result = run("check", "--select", "ban", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Rules: 1 kept, 0 broken. No findings in 7 files (0.00s).\n",
    )


@pytest.mark.parametrize(
    ("comment", "column", "message"),
    [
        (
            "# fitness: ignore[no-c, noc] legacy",
            22,
            "the suppression names 'noc', which is no configured rule nor built-in check "
            "(did you mean 'no-c'?)",
        ),
        (
            "# fitness: ignore legacy",
            22,
            "a suppression must name what it suppresses: '# fitness: ignore[rule-id] why'",
        ),
        (
            "# fitness: ignore[] legacy",
            22,
            "a suppression must name what it suppresses: '# fitness: ignore[rule-id] why'",
        ),
    ],
    ids=["unknown-rule", "no-ids", "empty-ids"],
)
def test_an_invalid_suppression_is_an_error_at_the_comment(
    project: Project, run: Run, comment: str, column: int, message: str
) -> None:
    root = project({**SUPPRESSIBLE, "src/app/a/m.py": f"from app.b import m  {comment}\n"})

    result = run("check", cwd=root)

    suppressed = "noc" in comment
    chain = (
        ""
        if suppressed
        else "src/app/a/m.py:1:1: no-c: app.a must not import app.c\n"
        "  app.a.m -> app.b.m (l.1)\n"
        "  app.b.m -> app.c.m (l.1)\n"
    )
    total = "1 finding (1 error)" if suppressed else "2 findings (2 errors)"
    assert (result.code, result.out) == (
        1,
        chain + f"src/app/a/m.py:1:{column}: invalid-suppression: {message}\n"
        "\n"
        + (
            "invalid-suppression  built-in  1 finding\n"
            if suppressed
            else "no-c                 forbidden  broken  1 finding\n"
            "invalid-suppression  built-in   1 finding\n"
        )
        + ("Not counted: 1 suppressed inline.\n" if suppressed else "")
        + f"Rules: {1 + suppressed} kept, {1 - suppressed} broken. Found {total} in 7 files (0.00s).\n",
    )


ADR_RECORD = "# 1. Legacy imports\n\nDate: 2026-01-05\n\n## Status\n\nAccepted\n"
REQUIRED = {
    **SUPPRESSIBLE,
    "pyproject.toml": config(
        """
        [tool.fitness.rules.no-c]
        kind = "forbidden"
        from = ["app.a"]
        to = ["app.c"]

        [tool.fitness.adr]
        require_for_suppressions = true
        """
    ),
    "docs/adr/0001-x.md": ADR_RECORD,
}


def test_with_require_for_suppressions_a_suppression_without_an_adr_is_an_error(
    project: Project, run: Run
) -> None:
    root = project(
        {**REQUIRED, "src/app/a/m.py": "from app.b import m  # fitness: ignore[no-c] legacy\n"}
    )

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        1,
        "src/app/a/m.py:1:22: adr-required: the suppression cites no ADR, and [tool.fitness.adr] "
        "require_for_suppressions is on: write '# fitness: ignore[rule-id] ADR-NNNN why'\n"
        "\n"
        "adr-required  built-in  1 finding\n"
        "Not counted: 1 suppressed inline.\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 error) in 7 files (0.00s).\n",
    )


@pytest.mark.parametrize("cited", ["ADR-0001", "adr 1", "0001-x", "docs/adr/0001-x.md"])
def test_with_require_for_suppressions_a_suppression_citing_an_accepted_adr_is_fine(
    project: Project, run: Run, cited: str
) -> None:
    root = project(
        {
            **REQUIRED,
            "src/app/a/m.py": f"from app.b import m  # fitness: ignore[no-c] {cited} why\n",
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Not counted: 1 suppressed inline.\n"
        "Rules: 1 kept, 0 broken. No findings in 7 files (0.00s).\n",
    )


# A baseline that is not one


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ('{"schema": "fitness-report", "version": 1}', 'no "schema": "fitness-baseline"'),
        ('["fitness-baseline"]', 'no "schema": "fitness-baseline"'),
    ],
)
def test_a_malformed_baseline_is_a_usage_error(
    project: Project, run: Run, text: str, message: str
) -> None:
    root = project({**SEVEN_LAYERS, **OLD, "bad.json": text})

    result = run("check", "--baseline", "bad.json", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"fitness: bad.json: not a fitness baseline ({message})\n",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"schema": "fitness-baseline", "version": 7, "entries": []}',
            "baseline version 7; this fitness reads versions 1 and 2",
        ),
        (
            '{"schema": "fitness-baseline", "version": 2, "entries": [{"rule": "layered"}]}',
            "entry 1 needs a fingerprint, a rule and a count, and its imports must be a list "
            "of 'importer -> imported'",
        ),
        (
            '{"schema": "fitness-baseline", "version": 1, "entries": 5}',
            "not a fitness baseline (its entries are not a list)",
        ),
    ],
)
def test_a_baseline_of_the_wrong_shape_is_a_usage_error(
    project: Project, run: Run, text: str, message: str
) -> None:
    root = project({**SEVEN_LAYERS, **OLD, ".fitness-baseline.json": text})

    result = run("check", cwd=root)
    written = run("baseline", cwd=root)

    error = f"fitness: {root.resolve()}/.fitness-baseline.json: {message}\n"
    assert (result.code, result.out, result.err) == (2, "", error)
    assert (written.code, written.out, written.err) == (2, "", error)


def test_a_baseline_path_that_does_not_exist_is_a_usage_error(project: Project, run: Run) -> None:
    root = project({**SEVEN_LAYERS, **OLD})

    result = run("check", "--baseline", "missing.json", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        "fitness: --baseline missing.json: no such file (write one with `fitness baseline`)\n",
    )


def test_no_baseline_counts_every_finding_and_says_the_baseline_was_not_read(
    repo: Callable[..., Path], run: Run
) -> None:
    root = repo(write_baseline(run))

    result = run("check", "--no-baseline", cwd=root)

    assert (result.code, result.out) == (
        1,
        "".join(violation(x) for x in "abcdef")
        + "\n"
        + "layered  layers  broken  6 findings\n"
        + "--no-baseline: .fitness-baseline.json is not read, so every finding counts\n"
        + "Rules: 0 kept, 1 broken. Found 6 findings (6 errors) in 21 files (0.00s).\n",
    )
    as_json = json.loads(run("check", "--no-baseline", "--format", "json", cwd=root).out)
    assert (as_json["summary"]["findings"], as_json["summary"]["baselined"]) == (6, 0)
    assert as_json["notices"] == [
        {
            "id": "baseline-not-read",
            "severity": "note",
            "message": "--no-baseline: .fitness-baseline.json is not read, so every finding counts",
            "path": ".fitness-baseline.json",
            "line": None,
            "details": [],
        }
    ]


def test_no_baseline_without_a_baseline_file_says_nothing_of_one(
    project: Project, run: Run
) -> None:
    root = project({**SEVEN_LAYERS, **NEW})

    result = run("check", "--no-baseline", cwd=root)

    assert (result.code, result.out) == (
        1,
        violation("f") + "\n" + BROKEN_ONE + FOUND_ONE.replace("21 files", "16 files"),
    )


@pytest.mark.parametrize(
    ("flag", "named"),
    [
        (("--baseline", "pyproject.toml"), "--baseline"),
        (("--strict-baseline",), "--strict-baseline"),
    ],
    ids=["baseline", "strict-baseline"],
)
def test_no_baseline_with_a_baseline_flag_is_a_usage_error(
    project: Project, run: Run, flag: tuple[str, ...], named: str
) -> None:
    root = project({**SEVEN_LAYERS, **OLD})

    result = run("check", "--no-baseline", *flag, cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"fitness: --no-baseline reads no baseline: it cannot be given with {named}\n",
    )
