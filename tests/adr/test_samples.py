"""One ADR directory per format: the exact records read, the problems, and the findings.

Each sample under `samples/` holds a realistic directory in its format and an
`expected.json` with the records it holds, in file order. The reader must read
exactly those, say how it found the directory, leave README, index and
template files alone, and report each record it cannot use as a problem.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fitness.adr.directory import RecordProblem, read_decisions
from support import Result, write_tree

Run = Callable[..., Result]

SAMPLES = Path(__file__).parent / "samples"

NO_STATUS = (
    "no status: add a '## Status' section, a '* Status: accepted' line or 'status:' front matter"
)

# How each sample's directory is found, and the records it cannot use, as the reader words them.
HOW = {
    "adr_tools": ".adr-dir",
    "madr2": "the default",
    "madr4": "the default",
    "log4brains": ".log4brains.yml",
}
PROBLEMS = {
    "adr_tools": [],
    "madr2": [
        RecordProblem("docs/adr/0007-name-tables-after-the-business-process.md", 1, NO_STATUS),
    ],
    "madr4": [
        RecordProblem(
            "docs/decisions/0008-cache-search-results-at-the-edge.md",
            1,
            "the front matter opened on line 1 is never closed with '---'",
        ),
    ],
    "log4brains": [],
}


def expected(sample: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / sample / "expected.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("sample", sorted(HOW))
def test_the_reader_reads_exactly_the_expected_records(sample: str) -> None:
    want = expected(sample)

    decisions = read_decisions(SAMPLES / sample, None)

    assert (decisions.dir, decisions.how) == (want["dir"], HOW[sample])
    assert [
        {
            "file": adr.path.removeprefix(f"{decisions.dir}/"),
            "key": adr.key,
            "number": adr.number,
            "title": adr.title,
            "status": adr.status.value,
            "successor": adr.successor,
            "status_line": adr.status_line,
            "date": adr.date,
        }
        for adr in decisions.records
    ] == want["records"]
    assert [adr.path for adr in decisions.records] == [
        f"{want['dir']}/{record['file']}" for record in want["records"]
    ]


@pytest.mark.parametrize("sample", sorted(HOW))
def test_the_reader_reports_exactly_the_records_it_cannot_use(sample: str) -> None:
    want = expected(sample)

    decisions = read_decisions(SAMPLES / sample, None)

    assert list(decisions.problems) == PROBLEMS[sample]
    unreadable = {f"{want['dir']}/{entry['file']}" for entry in want["unreadable"]}
    read = {adr.path for adr in decisions.records}
    assert unreadable <= {problem.path for problem in decisions.problems}
    assert not unreadable & read


@pytest.mark.parametrize("sample", sorted(HOW))
def test_readme_index_and_templates_are_not_records(sample: str) -> None:
    want = expected(sample)
    others = [f"{want['dir']}/{name}" for name in want["not_records"]]

    decisions = read_decisions(SAMPLES / sample, None)

    assert all((SAMPLES / sample / path).is_file() for path in others)
    seen = {adr.path for adr in decisions.records} | {p.path for p in decisions.problems}
    assert seen == {
        f"{want['dir']}/{entry['file']}" for entry in [*want["records"], *want["unreadable"]]
    }
    assert not seen & set(others)


# End to end: a project with the sample's ADRs and rules citing them in every form.

APP = {
    "src/app/__init__.py": "",
    "src/app/domain.py": "import json\n",
}


def rule(rule_id: str, adr: str, to: str = "os") -> str:
    return (
        f"[tool.fitness.rules.{rule_id}]\n"
        'kind = "forbidden"\n'
        'from = ["app.domain"]\n'
        f'to = ["{to}"]\n'
        f"adr = {json.dumps(adr)}\n"
    )


def sample_project(root: Path, sample: str, rules: list[tuple[str, str]]) -> Path:
    shutil.copytree(
        SAMPLES / sample, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.json")
    )
    # The first rule is broken (app.domain imports json), so its finding shows its ADR.
    tables = [
        rule(rule_id, adr, "json" if i == 0 else "os") for i, (rule_id, adr) in enumerate(rules)
    ]
    text = '[tool.fitness]\nsource_roots = ["src"]\n\n' + "\n".join(tables)
    write_tree(root, {**APP, "pyproject.toml": text})
    return root


def findings(result: Result) -> list[str]:
    """The finding lines of a text report (the per-rule table and totals left out)."""
    return result.out.split("\n\n")[0].splitlines() if "\n\n" in result.out else []


def test_adr_tools_citations(tmp_path: Path, run: Run) -> None:
    root = sample_project(
        tmp_path,
        "adr_tools",
        [
            ("accepted", "ADR-0005"),
            ("superseded", "ADR 3"),
            ("rejected", "doc/architecture/0004-share-the-orders-database.md"),
            ("missing", "adr-42"),
            (
                "deprecated",
                "[7. Expose a SOAP endpoint](doc/architecture/0007-expose-a-soap-endpoint-for-store-tills.md)",
            ),
            ("proposed", "ADR10"),
        ],
    )

    result = run("check", cwd=root)

    assert result.code == 1
    assert findings(result) == [
        'pyproject.toml:14:1: adr-superseded: rule superseded cites ADR-0003 "Call the card gateway synchronously", superseded by ADR-0005 "Capture card payments through an outbox": cite ADR-0005 if it still holds [warning]',
        'pyproject.toml:20:1: adr-not-accepted: rule rejected cites ADR-0004 "Share the orders database", which is rejected, not accepted [warning]',
        "pyproject.toml:26:1: adr-missing: rule missing cites adr-42, which is no ADR in doc/architecture",
        'pyproject.toml:32:1: adr-not-accepted: rule deprecated cites ADR-0007 "Expose a SOAP endpoint for store tills", which is deprecated, not accepted [warning]',
        'pyproject.toml:38:1: adr-not-accepted: rule proposed cites ADR-0010 "Split refunds into their own service", which is proposed, not accepted [warning]',
        "src/app/domain.py:1:1: accepted: app.domain must not import json (ADR-0005: Capture card payments through an outbox)",
    ]


def test_madr2_citations(tmp_path: Path, run: Run) -> None:
    root = sample_project(
        tmp_path,
        "madr2",
        [
            ("accepted", "adr-5"),
            (
                "superseded",
                "[ADR-0001](docs/adr/0001-orchestrate-jobs-with-cron-on-the-etl-host.md)",
            ),
            ("rejected", "ADR-0003"),
            ("missing", "docs/adr/0042-run-spark.md"),
            ("proposed", "ADR 4"),
            ("no-status", "ADR-0007"),
        ],
    )

    result = run("check", cwd=root)

    assert result.code == 1
    assert findings(result) == [
        f"docs/adr/0007-name-tables-after-the-business-process.md:1:1: adr-unreadable: {NO_STATUS}",
        'pyproject.toml:14:1: adr-superseded: rule superseded cites ADR-0001 "Orchestrate jobs with cron on the ETL host", superseded by ADR-0005 "Orchestrate jobs with Dagster": cite ADR-0005 if it still holds [warning]',
        'pyproject.toml:20:1: adr-not-accepted: rule rejected cites ADR-0003 "Load the warehouse through change data capture", which is rejected, not accepted [warning]',
        "pyproject.toml:26:1: adr-missing: rule missing cites docs/adr/0042-run-spark.md, which is no ADR in docs/adr",
        'pyproject.toml:32:1: adr-not-accepted: rule proposed cites ADR-0004 "Validate incoming batches against a schema", which is proposed, not accepted [warning]',
        "src/app/domain.py:1:1: accepted: app.domain must not import json (ADR-0005: Orchestrate jobs with Dagster)",
    ]


def test_madr4_citations(tmp_path: Path, run: Run) -> None:
    root = sample_project(
        tmp_path,
        "madr4",
        [
            ("accepted", "ADR-0004"),
            ("superseded", "ADR 6"),
            ("rejected", "docs/decisions/0002-keep-sessions-in-browser-local-storage.md"),
            ("broken", "adr-8"),
            ("deprecated", "ADR-5"),
        ],
    )

    result = run("check", cwd=root)

    assert result.code == 1
    assert findings(result) == [
        "docs/decisions/0008-cache-search-results-at-the-edge.md:1:1: adr-unreadable: the front matter opened on line 1 is never closed with '---'",
        'pyproject.toml:14:1: adr-superseded: rule superseded cites ADR-0006 "Poll for booking updates", superseded by ADR-0007 "Push booking updates with server-sent events": cite ADR-0007 if it still holds [warning]',
        'pyproject.toml:20:1: adr-not-accepted: rule rejected cites ADR-0002 "Keep sessions in browser local storage", which is rejected, not accepted [warning]',
        "pyproject.toml:26:1: adr-missing: rule broken cites adr-8, which is no ADR in docs/decisions",
        'pyproject.toml:32:1: adr-not-accepted: rule deprecated cites ADR-0005 "Support Internet Explorer 11", which is deprecated, not accepted [warning]',
        "src/app/domain.py:1:1: accepted: app.domain must not import json (ADR-0004: Style components with utility classes)",
    ]


def test_log4brains_citations(tmp_path: Path, run: Run) -> None:
    root = sample_project(
        tmp_path,
        "log4brains",
        [
            ("accepted", "20230412-read-settings-from-pyproject-toml"),
            ("superseded", "20230301-read-settings-from-a-dotfile"),
            (
                "rejected",
                "[Ship a single static binary](docs/adr/20230320-ship-a-single-static-binary.md)",
            ),
            ("missing", "20230101-write-it-in-rust"),
            ("draft", "docs/adr/20230508-load-formatters-as-plugins.md"),
        ],
    )

    result = run("check", cwd=root)

    assert result.code == 1
    assert findings(result) == [
        'pyproject.toml:14:1: adr-superseded: rule superseded cites 20230301-read-settings-from-a-dotfile "Read settings from a dotfile", superseded by 20230412-read-settings-from-pyproject-toml "Read settings from pyproject.toml": cite 20230412-read-settings-from-pyproject-toml if it still holds [warning]',
        'pyproject.toml:20:1: adr-not-accepted: rule rejected cites 20230320-ship-a-single-static-binary "Ship a single static binary", which is rejected, not accepted [warning]',
        "pyproject.toml:26:1: adr-missing: rule missing cites 20230101-write-it-in-rust, which is no ADR in docs/adr",
        'pyproject.toml:32:1: adr-not-accepted: rule draft cites 20230508-load-formatters-as-plugins "Load formatters as plugins", which is proposed, not accepted [warning]',
        "src/app/domain.py:1:1: accepted: app.domain must not import json (20230412-read-settings-from-pyproject-toml: Read settings from pyproject.toml)",
    ]
