"""`fitness baseline` as a ratchet: it shrinks on its own and grows only with --allow-growth.

Each test drives the real CLI on a project in `tmp_path` and asserts the exact
output, exit code and baseline file: without --allow-growth new findings are
listed and nothing is written (exit 2); the first baseline records everything,
except in CI (`--ci`, `CI=true`), where a missing baseline is never created.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.app.ratchet import in_ci
from support import Result, config, git

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

RULES = """
[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["shop.infra"]

[tool.fitness.rules.no-pickle]
kind = "banned-api"
apis = [{ name = "pickle.loads" }]
"""
FILES = {
    "pyproject.toml": config(RULES),
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "from shop.infra import db\n",
    "src/shop/domain/load.py": "import pickle\n\npickle.loads(b'')\n",
    "src/shop/infra/__init__.py": "",
    "src/shop/infra/db.py": "X = 1\n",
    "src/shop/infra/cache.py": "X = 1\n",
}
ORDER = (
    '{"fingerprint": "850b0b157d47dfc07cd1", "rule": "domain-is-pure", "count": 1, '
    '"path": "src/shop/domain/order.py", "summary": "shop.domain -> shop.infra", "imports": [\n'
    '      "shop.domain.order -> shop.infra.db"\n'
    "    ]}"
)
PICKLE = (
    '{"fingerprint": "13ae82bd827d6c9d46ec", "rule": "no-pickle", "count": 1, '
    '"path": "src/shop/domain/load.py", "summary": "shop.domain.load pickle.loads  1"}'
)
PICKLE_2 = (
    '{"fingerprint": "7e73b0fcaf7275dffd22", "rule": "no-pickle", "count": 1, '
    '"path": "src/shop/domain/load.py", "summary": "shop.domain.load pickle.loads  2"}'
)
TWICE = "import pickle\n\npickle.loads(b'')\npickle.loads(b'')\n"
# One more banned call, and a new import between the baselined pair of packages.
GROWN_MONEY = "from shop.infra import cache\n"
GROWN = {"src/shop/domain/load.py": TWICE, "src/shop/domain/money.py": GROWN_MONEY}
REFUSED = (
    "fitness: .fitness-baseline.json does not hold 2 findings, and `fitness baseline` records "
    "new findings only with --allow-growth; nothing was written:\n"
    "  src/shop/domain/load.py:4:1: no-pickle: pickle.loads is banned\n"
    "  src/shop/domain/money.py:1:1: domain-is-pure: shop.domain must not import shop.infra "
    "(new import shop.domain.money -> shop.infra.cache completes the chain)\n"
    "Fix them, or record them deliberately with `fitness baseline --allow-growth` "
    "(`--prune` drops the fixed entries and records none)\n"
)
NEVER_CREATED = (
    "fitness: .fitness-baseline.json: no such file: in CI `fitness baseline` updates a "
    "baseline, never creates one; write it with `fitness baseline` outside CI and commit it\n"
)
NAMED = (
    "fitness: pyproject.toml:2: tool.fitness.baseline: no such file 'ci/known.json'; in CI a "
    "missing baseline is an error, never created: write it with `fitness baseline` outside CI "
    "and commit it\n"
)


def text(*entries: str) -> str:
    body = ",\n    ".join(entries)
    return f'{{\n  "schema": "fitness-baseline",\n  "version": 2,\n  "entries": [\n    {body}\n  ]\n}}\n'


def write(root: Path, files: dict[str, str]) -> None:
    for relative, content in files.items():
        (root / relative).write_text(content, encoding="utf-8")


@pytest.fixture
def baselined(project: Project, run: Run) -> Path:
    """The project with its first baseline: two entries."""
    root = project(FILES)
    first = run("baseline", cwd=root)
    assert (first.code, first.out, first.err) == (
        0,
        "Wrote .fitness-baseline.json: 2 entries for 2 findings.\n",
        "",
    )
    assert (root / ".fitness-baseline.json").read_text(encoding="utf-8") == text(ORDER, PICKLE)
    return root


def test_without_allow_growth_new_findings_are_listed_and_nothing_is_written(
    baselined: Path, run: Run
) -> None:
    write(baselined, GROWN)

    result = run("baseline", cwd=baselined)

    assert (result.code, result.out, result.err) == (2, "", REFUSED)
    assert (baselined / ".fitness-baseline.json").read_text(encoding="utf-8") == text(ORDER, PICKLE)


def test_a_new_import_between_a_baselined_pair_alone_is_growth(baselined: Path, run: Run) -> None:
    write(baselined, {"src/shop/domain/money.py": GROWN_MONEY})

    result = run("baseline", cwd=baselined)

    assert (result.code, result.err) == (
        2,
        "fitness: .fitness-baseline.json does not hold 1 finding, and `fitness baseline` records "
        "new findings only with --allow-growth; nothing was written:\n"
        "  src/shop/domain/money.py:1:1: domain-is-pure: shop.domain must not import shop.infra "
        "(new import shop.domain.money -> shop.infra.cache completes the chain)\n"
        "Fix them, or record them deliberately with `fitness baseline --allow-growth` "
        "(`--prune` drops the fixed entries and records none)\n",
    )


def test_with_allow_growth_new_findings_are_recorded(baselined: Path, run: Run) -> None:
    write(baselined, GROWN)

    result = run("baseline", "--allow-growth", cwd=baselined)

    assert (result.code, result.out, result.err) == (
        0,
        "Wrote .fitness-baseline.json: 3 entries for 3 findings. "
        "Recorded 2 new findings (--allow-growth).\n",
        "",
    )
    with_money = ORDER.replace("/order.py", "/money.py").replace(
        '"shop.domain.order -> shop.infra.db"',
        '"shop.domain.money -> shop.infra.cache",\n      "shop.domain.order -> shop.infra.db"',
    )
    assert (baselined / ".fitness-baseline.json").read_text(encoding="utf-8") == text(
        with_money, PICKLE, PICKLE_2
    )
    check = run("check", cwd=baselined)
    assert check.code == 0


def test_without_allow_growth_fixed_entries_are_dropped(baselined: Path, run: Run) -> None:
    write(baselined, {"src/shop/domain/load.py": "X = 1\n"})

    result = run("baseline", cwd=baselined)

    assert (result.code, result.out, result.err) == (
        0,
        "Wrote .fitness-baseline.json: 1 entry for 1 finding. Dropped 1 fixed entry.\n",
        "",
    )
    assert (baselined / ".fitness-baseline.json").read_text(encoding="utf-8") == text(ORDER)


def test_prune_drops_fixed_entries_and_leaves_new_findings_out(baselined: Path, run: Run) -> None:
    write(
        baselined,
        {"src/shop/domain/load.py": "X = 1\n", "src/shop/domain/money.py": GROWN_MONEY},
    )

    result = run("baseline", "--prune", cwd=baselined)

    assert (result.code, result.out, result.err) == (
        0,
        "Wrote .fitness-baseline.json: 1 entry for 1 finding. Dropped 1 fixed entry. "
        "Left out 1 new finding (--prune).\n",
        "",
    )
    assert (baselined / ".fitness-baseline.json").read_text(encoding="utf-8") == text(ORDER)


def test_prune_with_allow_growth_is_a_usage_error(baselined: Path, run: Run) -> None:
    result = run("baseline", "--prune", "--allow-growth", cwd=baselined)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        "fitness: --prune records no new finding: it cannot be given with --allow-growth\n",
    )


@pytest.mark.parametrize(("flag", "value"), [((), "true"), (("--ci",), None), ((), "1")])
def test_in_ci_a_missing_baseline_is_never_created(
    project: Project,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    flag: tuple[str, ...],
    value: str | None,
) -> None:
    if value is not None:
        monkeypatch.setenv("CI", value)
    root = project(FILES)

    result = run("baseline", *flag, cwd=root)

    assert (result.code, result.out, result.err) == (2, "", NEVER_CREATED)
    assert not (root / ".fitness-baseline.json").exists()


def test_in_ci_a_missing_baseline_the_configuration_names_is_an_error(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project({**FILES, "pyproject.toml": config(RULES, 'baseline = "ci/known.json"')})
    (root / "ci").mkdir()
    monkeypatch.setenv("CI", "true")

    baseline = run("baseline", cwd=root)
    check = run("check", cwd=root)

    assert (baseline.code, baseline.out, baseline.err) == (2, "", NAMED)
    assert (check.code, check.out, check.err) == (2, "", NAMED)
    assert not (root / "ci" / "known.json").exists()


def test_outside_ci_the_named_baseline_is_created_and_read(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project({**FILES, "pyproject.toml": config(RULES, 'baseline = "ci/known.json"')})
    (root / "ci").mkdir()
    monkeypatch.setenv("CI", "false")

    created = run("baseline", cwd=root)
    check = run("check", "--ci", cwd=root)

    assert (created.code, created.out) == (0, "Wrote ci/known.json: 2 entries for 2 findings.\n")
    assert (root / "ci" / "known.json").read_text(encoding="utf-8") == text(ORDER, PICKLE)
    assert not (root / ".fitness-baseline.json").exists()
    assert (check.code, check.out) == (
        0,
        "Not counted: 2 in the baseline.\n"
        "Rules: 0 kept, 2 baselined, 0 broken. No findings in 7 files (0.00s).\n",
    )


def test_in_ci_an_existing_baseline_still_shrinks(
    baselined: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(baselined, {"src/shop/domain/load.py": "X = 1\n"})
    monkeypatch.setenv("CI", "true")

    result = run("baseline", cwd=baselined)

    assert (result.code, result.out) == (
        0,
        "Wrote .fitness-baseline.json: 1 entry for 1 finding. Dropped 1 fixed entry.\n",
    )


def test_an_empty_baseline_name_is_a_configuration_error(project: Project, run: Run) -> None:
    root = project({**FILES, "pyproject.toml": config(RULES, 'baseline = " "')})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (
        2,
        "pyproject.toml:2: tool.fitness.baseline: must name a file, relative to the project root\n",
    )


@pytest.mark.parametrize(
    ("environ", "flag", "expected"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"CI": "true"}, False, True),
        ({"CI": "1"}, False, True),
        ({"CI": "false"}, False, False),
        ({"CI": "0"}, False, False),
        ({"CI": ""}, False, False),
        ({"CI": "False"}, True, True),
    ],
)
def test_in_ci_reads_the_flag_and_the_ci_variable(
    environ: dict[str, str], flag: bool, expected: bool
) -> None:
    assert in_ci(flag, environ) is expected


def test_baseline_diff_lists_what_a_change_added_to_the_baseline(
    baselined: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(baselined.parent))
    git(baselined, "init", "-q")
    git(baselined, "add", "-A")
    git(baselined, "commit", "-qm", "base")
    write(baselined, GROWN)
    assert run("baseline", "--allow-growth", cwd=baselined).code == 0

    result = run("baseline-diff", "HEAD", cwd=baselined)

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "### Changes to the baseline\n"
        "\n"
        "`.fitness-baseline.json` against the base commit `HEAD`: 2 entries changed "
        "(1 added, 1 grown); 2 findings before, 3 findings now.\n"
        "\n"
        "**This change grows the baseline:** the findings of the entries added or grown would "
        "be known, not reported. Review them as a decision.\n"
        "\n"
        "| change | rule | about | findings | imports |\n"
        "|---|---|---|---|---|\n"
        "| grown | domain-is-pure | shop.domain -\\> shop.infra | 1 → 1 "
        "| added shop.domain.money -\\> shop.infra.cache |\n"
        "| added | no-pickle | shop.domain.load pickle.loads  2 | 0 → 1 |  |\n"
    )
    unknown = run("baseline-diff", "no-such-rev", cwd=baselined)
    assert (unknown.code, unknown.out, unknown.err) == (
        2,
        "",
        f"fitness: baseline-diff no-such-rev: no such revision in the repository at {baselined}\n",
    )


def test_in_ci_no_baseline_reads_none_so_a_missing_named_one_is_no_error(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project({**FILES, "pyproject.toml": config(RULES, 'baseline = "ci/known.json"')})
    monkeypatch.setenv("CI", "true")

    result = run("check", "--no-baseline", cwd=root)

    assert (result.code, result.err) == (1, "")
