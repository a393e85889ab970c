"""`fitness history` on the story's eight commits: exact points, introduced and fixed
commits, ages; the cache; what is never written; usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from history.story import commit, write

from support import Result

Story = tuple[Path, list[str]]
ERROR = (
    "pyproject.toml:6: tool.fitness.rules.layers.layers[1]: no module 'app.domain' under the "
    "source roots (did you mean 'app.api'?)\n"
    "pyproject.toml:10: tool.fitness.rules.pure.from[0]: no module 'app.domain' under the "
    "source roots (did you mean 'app.api'?)"
)
TREES_CHANGE = "the points' tree ids are git's; this test only reads them back"
PACKAGES = ("app", "app.api", "app.db", "app.domain")  # depth 1: the modules themselves
DOMAIN_API, DB_DOMAIN = ("app.domain", "app.api"), ("app.db", "app.domain")


def _metrics(*edges: tuple[str, str]) -> dict[str, float]:
    """Each package's numbers, worked out here from the package imports of a point: no
    class anywhere, so A is 0 and D is |I - 1|."""
    found: dict[str, float] = {}
    for package in PACKAGES:
        ca = sum(1 for _, imported in edges if imported == package)
        ce = sum(1 for importer, _ in edges if importer == package)
        instability = ce / (ca + ce) if ca + ce else 0.0
        found |= {
            f"{package}:ca": ca,
            f"{package}:ce": ce,
            f"{package}:instability": instability,
            f"{package}:abstractness": 0.0,
            f"{package}:distance": abs(instability - 1),
        }
    return found


def _point(
    sha: str,
    date: str,
    status: str,
    counts: tuple[int, int] | None,
    baseline: int | None,
    error: str | None = None,
    imports: int | None = None,
    edges: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    layers, pure = counts or (0, 0)
    total = layers + pure
    return {
        "commit": sha,
        "date": f"{date}T12:00:00Z",
        "status": status,
        "error": error,
        "total": total,
        "by_rule": {"layers": layers, "pure": pure},
        "by_severity": {"error": total, "warning": 0, "note": 0},
        "modules": 4 if counts is not None else 0,
        "imports": (total if imports is None else imports) if counts is not None else 0,
        "cycles": 0,
        "baseline": baseline,
        "metrics": _metrics(*edges) if counts is not None else {},
    }


def _without_trees(document: dict[str, Any]) -> dict[str, Any]:
    for point in document["points"]:
        assert len(point.pop("tree")) == 40, TREES_CHANGE
    return document


def test_the_json_history_of_the_story(story: Story, run: Callable[..., Result]) -> None:
    root, c = story
    ran = run("history", "--format", "json", cwd=root)
    assert (ran.code, ran.err) == (0, "fitness: history: 8 points, 8 checked, 0 from the cache\n")
    assert _without_trees(json.loads(ran.out)) == {
        "schema": "fitness-history",
        "version": 1,
        "fitness": "0.1.0",
        "rules": ["layers", "pure"],
        "points": [
            _point(c[0], "2026-01-05", "config-error", None, None, ERROR),
            _point(c[1], "2026-01-12", "config-error", None, None, ERROR),
            _point(c[2], "2026-01-19", "ok", (1, 0), None, edges=(DOMAIN_API,)),
            _point(c[3], "2026-01-26", "ok", (1, 1), None, edges=(DOMAIN_API,)),
            _point(c[4], "2026-02-02", "ok", (0, 1), None),
            _point(c[5], "2026-02-09", "ok", (1, 1), 2, edges=(DB_DOMAIN,)),
            _point(c[6], "2026-02-16", "ok", (1, 1), 2, edges=(DB_DOMAIN,)),
            _point(c[7], "2026-02-23", "ok", (1, 0), 2, imports=2, edges=(DB_DOMAIN,)),
        ],
        "findings": [
            {
                "key": "ce2ad118f6c7ad0b9736",
                "rule": "layers",
                "severity": "error",
                "message": "app.domain must not import app.api (a higher layer)",
                "path": "app/domain.py",
                "line": 1,
                "introduced": c[2],
                "introduced_date": "2026-01-19T12:00:00Z",
                "before_history": True,  # the first point checked: it was there already
                "fixed": c[4],
                "fixed_date": "2026-02-02T12:00:00Z",
                "age_days": None,
                "grew_by": [],
            },
            {
                "key": "6428225ab92b34002050",
                "rule": "pure",
                "severity": "error",
                "message": "app.domain must not import sqlite3",
                "path": "app/domain.py",
                "line": 1,  # where it was last seen (c7); c4 had it on line 2
                "introduced": c[3],
                "introduced_date": "2026-01-26T12:00:00Z",
                "before_history": False,
                "fixed": c[7],
                "fixed_date": "2026-02-23T12:00:00Z",
                "age_days": None,
                "grew_by": [],
            },
            {
                "key": "8f8949c10cc7910228b3",
                "rule": "layers",
                "severity": "error",
                "message": "app.db must not import app.domain (a higher layer)",
                "path": "app/db.py",
                "line": 1,
                "introduced": c[5],
                "introduced_date": "2026-02-09T12:00:00Z",
                "before_history": False,
                "fixed": None,
                "fixed_date": None,
                "age_days": 14,
                "grew_by": [],
            },
        ],
        "summary": {"added": 2, "fixed": 2, "open": 1, "oldest": "8f8949c10cc7910228b3"},
    }


def test_the_csv_history_of_the_story(story: Story, run: Callable[..., Result]) -> None:
    root, c = story
    ran = run("history", "--format", "csv", cwd=root)
    assert ran.code == 0
    assert ran.out.splitlines() == [
        "date,commit,status,total,layers,pure,error,warning,note,modules,imports,cycles,baseline",
        f"2026-01-05,{c[0][:7]},config-error,,,,,,,,,,",
        f"2026-01-12,{c[1][:7]},config-error,,,,,,,,,,",
        f"2026-01-19,{c[2][:7]},ok,1,1,0,1,0,0,4,1,0,",
        f"2026-01-26,{c[3][:7]},ok,2,1,1,2,0,0,4,2,0,",
        f"2026-02-02,{c[4][:7]},ok,1,0,1,1,0,0,4,1,0,",
        f"2026-02-09,{c[5][:7]},ok,2,1,1,2,0,0,4,2,0,2",
        f"2026-02-16,{c[6][:7]},ok,2,1,1,2,0,0,4,2,0,2",
        f"2026-02-23,{c[7][:7]},ok,1,1,0,1,0,0,4,2,0,2",
    ]


def test_each_commit_judged_by_its_own_configuration(
    story: Story, run: Callable[..., Result]
) -> None:
    """c1 has none; c2's rules name app.model, whose finding is another one than app.domain's."""
    root, c = story
    ran = run("history", "--format", "json", "--config-at-commit", cwd=root)
    document = json.loads(ran.out)
    assert [(p["status"], p["error"], p["total"]) for p in document["points"]] == [
        ("no-configuration", None, 0),
        ("ok", None, 1),
        ("ok", None, 1),
        ("ok", None, 2),
        ("ok", None, 1),
        ("ok", None, 2),
        ("ok", None, 2),
        ("ok", None, 1),
    ]
    assert [
        (f["message"], f["introduced"], f["before_history"], f["fixed"], f["age_days"])
        for f in document["findings"]
    ] == [
        ("app.model must not import app.api (a higher layer)", c[1], True, c[2], None),
        ("app.domain must not import app.api (a higher layer)", c[2], False, c[4], None),
        ("app.domain must not import sqlite3", c[3], False, c[7], None),
        ("app.db must not import app.domain (a higher layer)", c[5], False, None, 14),
    ]
    assert document["summary"] == {
        "added": 3,
        "fixed": 3,
        "open": 1,
        "oldest": "8f8949c10cc7910228b3",
    }


def test_the_text_table_says_how_the_debt_moved(story: Story, run: Callable[..., Result]) -> None:
    root, c = story
    ran = run("history", "--since", "4.weeks", cwd=root)
    s = [sha[:7] for sha in c]
    assert ran.code == 0
    assert ran.out == (
        "date        commit   status  total  layers  pure  error  warning  note  modules  "
        "imports  cycles  baseline\n"
        f"2026-01-26  {s[3]}  ok          2       1     1      2        0     0        4  "
        "      2       0         -\n"
        f"2026-02-02  {s[4]}  ok          1       0     1      1        0     0        4  "
        "      1       0         -\n"
        f"2026-02-09  {s[5]}  ok          2       1     1      2        0     0        4  "
        "      2       0         2\n"
        f"2026-02-16  {s[6]}  ok          2       1     1      2        0     0        4  "
        "      2       0         2\n"
        f"2026-02-23  {s[7]}  ok          1       1     0      1        0     0        4  "
        "      2       0         2\n"
        "\n"
        "Since 2026-01-26: 1 finding added, 2 fixed; 1 open, the oldest 2 weeks old "
        f"(added in {s[5]}).\n"
        "\n"
        "Open findings by age:\n"
        f"  2 weeks  {s[5]}  layers  app/db.py:1  app.db must not import app.domain "
        "(a higher layer)\n"
    )


def test_a_second_run_checks_nothing_again_and_a_new_commit_only_itself(
    story: Story, run: Callable[..., Result]
) -> None:
    root, _ = story
    first = run("history", "--format", "json", cwd=root)
    again = run("history", "--format", "json", cwd=root)
    assert again.err == "fitness: history: 8 points, 0 checked, 8 from the cache\n"
    assert again.out == first.out
    write(root, {"app/api.py": "import app.db\n"})
    commit(root, 8, "c9: the API imports the database, the same day as c8")
    later = run("history", "--format", "csv", "--step", "day", "--since", "2026-02-23", cwd=root)
    assert later.err == "fitness: history: 1 points, 1 checked, 0 from the cache\n"
    assert later.out.splitlines()[1].endswith(",ok,1,1,0,1,0,0,4,3,0,2")


def test_the_work_tree_the_index_and_git_are_only_read(
    story: Story, run: Callable[..., Result]
) -> None:
    root, c = story
    index = (root / ".git" / "index").stat().st_mtime_ns
    refs = sorted(p.name for p in (root / ".git" / "refs" / "heads").iterdir())
    ran = run("history", "--config-at-commit", cwd=root)
    assert ran.code == 0
    assert (root / ".git" / "index").stat().st_mtime_ns == index
    assert sorted(p.name for p in (root / ".git" / "refs" / "heads").iterdir()) == refs
    assert not (root / "app" / "model.py").exists()  # nothing of c1 checked out
    status = _git(root, "status", "--porcelain", "--ignored")
    assert status == "!! .fitness_cache/\n"
    assert _git(root, "rev-parse", "HEAD").strip() == c[7]


def test_every_nth_commit_back_from_the_newest(story: Story, run: Callable[..., Result]) -> None:
    root, c = story
    ran = run("history", "--format", "csv", "--every", "3", cwd=root)
    assert [row.split(",")[1] for row in ran.out.splitlines()[1:]] == [c[1][:7], c[4][:7], c[7][:7]]


def test_by_month_and_from_a_revision(story: Story, run: Callable[..., Result]) -> None:
    root, c = story
    month = run("history", "--format", "csv", "--step", "month", cwd=root)
    assert [row.split(",")[:2] for row in month.out.splitlines()[1:]] == [
        ["2026-01-26", c[3][:7]],
        ["2026-02-23", c[7][:7]],
    ]
    since = run("history", "--format", "csv", "--since", c[5], "--until", c[6], cwd=root)
    assert [row.split(",")[1] for row in since.out.splitlines()[1:]] == [c[5][:7], c[6][:7]]


def test_max_points_leaves_out_the_oldest_and_says_so(
    story: Story, run: Callable[..., Result]
) -> None:
    root, c = story
    ran = run("history", "--format", "csv", "--max-points", "2", cwd=root)
    assert ran.err == (
        "fitness: warning: --max-points 2: left out the 6 oldest commits sampled\n"
        "fitness: history: 2 points, 2 checked, 0 from the cache\n"
    )
    assert [row.split(",")[1] for row in ran.out.splitlines()[1:]] == [c[6][:7], c[7][:7]]


def test_usage_errors(story: Story, run: Callable[..., Result]) -> None:
    root, c = story
    both = run("history", "--every", "2", "--step", "week", cwd=root)
    assert (both.code, both.err) == (
        2,
        "fitness: --every and --step both choose the commits: give one of them\n",
    )
    nonsense = run("history", "--since", "lately", cwd=root)
    assert (nonsense.code, nonsense.err) == (
        2,
        "fitness: --since lately: not a date (YYYY-MM-DD), a span (90.days, 12.weeks, "
        "6.months, 1.year) nor a revision of the repository\n",
    )
    future = run("history", "--since", c[7], "--until", c[6], cwd=root)
    assert (future.code, future.err) == (
        2,
        f"fitness: --since {c[7]}: not on the first-parent history of {c[6]}\n",
    )
    no_date = run("history", "--since", "2026-02-30", cwd=root)
    assert (no_date.code, no_date.err) == (2, "fitness: --since 2026-02-30: no such date\n")
    until = run("history", "--until", "nowhere", cwd=root)
    assert (until.code, until.err) == (
        2,
        f"fitness: --until nowhere: no such revision in the git repository at {root}\n",
    )


def _git(root: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout
