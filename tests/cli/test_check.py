"""`fitness check` end to end: exact output and exit codes."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.model import Report
from shop import FILES
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

SHOP_TEXT = """\
src/shop/domain/events.py:3:1: domain-is-pure: shop.domain must not import shop.infrastructure (ADR-0004: The domain is pure)
  shop.domain.events -> shop.infrastructure.bus (l.3)
  = Let services wire the infrastructure.
src/shop/domain/events.py:3:1: domain-is-pure: shop.domain must not import sqlalchemy (ADR-0004: The domain is pure)
  shop.domain.events -> shop.infrastructure.bus (l.3)
  shop.infrastructure.bus -> sqlalchemy.orm (l.1)
  = Let services wire the infrastructure.
src/shop/domain/pricing.py:1:1: layered: shop.domain must not import shop.api (a higher layer) (ADR-0002: Layered architecture)
  shop.domain.pricing -> shop.api.views (l.1)
src/shop/jobs/nightly.py:2:5: layered: shop.jobs must not import shop.services (independent siblings) (ADR-0002: Layered architecture)
  shop.jobs.nightly -> shop.services.checkout (l.2, local)

layered         layers     broken  2 findings
domain-is-pure  forbidden  broken  2 findings
Rules: 0 kept, 2 broken. Found 4 findings (4 errors) in 13 files (0.00s).
"""


def test_text_report_lists_findings_with_chains_and_fails(project: Project, run: Run) -> None:
    root = project(FILES)

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (1, SHOP_TEXT, "")


def test_runs_from_a_subdirectory_with_paths_relative_to_the_current_directory(
    project: Project, run: Run
) -> None:
    root = project(FILES)

    result = run("check", cwd=root / "src" / "shop" / "domain")
    json_paths = [
        f["path"]
        for f in json.loads(run("check", "--format", "json", cwd=root / "src").out)["findings"]
    ]

    assert (result.code, result.out) == (
        1,
        SHOP_TEXT.replace("src/shop/domain/", "").replace("src/shop/jobs/", "../jobs/"),
    )
    assert json_paths == [
        "src/shop/domain/events.py",
        "src/shop/domain/events.py",
        "src/shop/domain/pricing.py",
        "src/shop/jobs/nightly.py",
    ]


def test_clean_project_exits_zero(project: Project, run: Run) -> None:
    files = {k: v for k, v in FILES.items() if "pricing" not in k and "nightly" not in k}
    files["src/shop/domain/events.py"] = "import json\n"
    root = project(files)

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        0,
        "Rules: 2 kept, 0 broken. No findings in 11 files (0.00s).\n",
    )


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 0), ("warning", 1), ("note", 1), ("never", 0)]
)
def test_fail_on_chooses_which_severities_fail(
    project: Project, run: Run, fail_on: str, code: int
) -> None:
    files = dict(FILES)
    files["pyproject.toml"] = (
        FILES["pyproject.toml"]
        .replace('adr = "ADR-0002"', 'adr = "ADR-0002"\nseverity = "warning"')
        .replace('adr = "ADR-0004"', 'adr = "ADR-0004"\nseverity = "warning"')
    )

    result = run("check", "--fail-on", fail_on, cwd=project(files))

    assert result.code == code
    assert result.out.splitlines()[-1] == (
        "Rules: 0 kept, 2 broken. Found 4 findings (4 warnings) in 13 files (0.00s)."
    )
    assert result.out.splitlines()[0].endswith("(ADR-0004: The domain is pure) [warning]")


def test_json_report(project: Project, run: Run) -> None:
    result = run("check", "--format", "json", cwd=project(FILES))

    report = json.loads(result.out)
    assert result.code == 1
    assert report["schema"] == "fitness-report"
    assert report["version"] == 2
    assert report["summary"] == {
        "failed": True,
        "findings": 4,
        "errors": 4,
        "warnings": 0,
        "notes": 0,
        "files": 13,
        "modules": 13,
        "elapsed_seconds": 0.0,
        "rules_kept": 0,
        "rules_baselined": 0,
        "rules_broken": 2,
        "suppressed": 0,
        "baselined": 0,
        "since": None,
        "existing": 0,
        "stale_baseline_entries": [],
        "outside_paths": 0,
        "unanalysed": [],
    }
    assert [(r["id"], r["kind"], r["findings"], r["status"]) for r in report["rules"]] == [
        ("layered", "layers", 2, "broken"),
        ("domain-is-pure", "forbidden", 2, "broken"),
    ]
    sqlalchemy = report["findings"][1]
    fingerprint = sqlalchemy.pop("fingerprint")
    assert len(fingerprint) == 20
    events = {
        "path": "src/shop/domain/events.py",
        "line": 3,
        "column": 1,
        "end_line": 3,
        "end_column": 41,
    }
    bus = {
        "path": "src/shop/infrastructure/bus.py",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 35,
    }
    plain = {"local": False, "type_checking": False, "dynamic": False}
    chain = [
        {
            "importer": "shop.domain.events",
            "imported": "shop.infrastructure.bus",
            **events,
            "sites": [{**events, **plain}],
        },
        {
            "importer": "shop.infrastructure.bus",
            "imported": "sqlalchemy.orm",
            **bus,
            "sites": [{**bus, **plain}],
        },
    ]
    assert sqlalchemy == {
        "rule": "domain-is-pure",
        "severity": "error",
        "message": "shop.domain must not import sqlalchemy",
        "path": "src/shop/domain/events.py",
        "line": 3,
        "column": 1,
        "end_line": 3,
        "end_column": 41,
        "adr": "ADR-0004",
        "decision": {
            "key": "ADR-0004",
            "title": "The domain is pure",
            "status": "accepted",
            "path": "docs/adr/0004-pure-domain.md",
        },
        "adrs": ["ADR-0004"],
        "guidance": "Let services wire the infrastructure.",
        "modules": ["shop.domain", "sqlalchemy"],
        "chain": chain,
        "chains": [chain],
    }


def test_fingerprints_survive_unrelated_edits(project: Project, run: Run) -> None:
    root = project(FILES)
    before = json.loads(run("check", "--format", "json", cwd=root).out)
    events = root / "src/shop/domain/events.py"
    events.write_text('"""Events."""\n\n\n' + events.read_text(encoding="utf-8"), encoding="utf-8")

    after = json.loads(run("check", "--format", "json", cwd=root).out)

    assert [f["line"] for f in after["findings"]][:2] == [6, 6]
    assert [f["fingerprint"] for f in after["findings"]] == [
        f["fingerprint"] for f in before["findings"]
    ]
    assert len({f["fingerprint"] for f in after["findings"]}) == 4


def test_output_writes_extra_reports(project: Project, run: Run, tmp_path: Path) -> None:
    root = project(FILES)

    (root / "reports").mkdir()
    result = run("check", "--output", "json:reports/fitness.json", cwd=root)

    assert result.code == 1
    assert result.out == SHOP_TEXT
    written = json.loads((root / "reports/fitness.json").read_text(encoding="utf-8"))
    assert written["summary"]["findings"] == 4
    assert [p.name for p in (root / "reports").iterdir()] == ["fitness.json"]


def test_bad_output_spec_is_a_usage_error(project: Project, run: Run) -> None:
    result = run("check", "--output", "xml:out.xml", cwd=project(FILES))

    assert (result.code, result.out) == (2, "")
    assert (
        result.err
        == "fitness: --output: unknown format 'xml' (choose from github, json, junit, markdown, sarif, text)\n"
    )


def test_colour_only_when_asked_or_on_a_terminal(project: Project, run: Run) -> None:
    root = project(FILES)

    plain = run("check", cwd=root)
    coloured = run("check", "--color", "always", cwd=root)

    assert "\x1b[" not in plain.out
    assert coloured.out.splitlines()[0] == (
        "\x1b[1msrc/shop/domain/events.py:3:1:\x1b[0m \x1b[31;1mdomain-is-pure\x1b[0m: "
        "shop.domain must not import shop.infrastructure (ADR-0004: The domain is pure)"
    )


def test_no_configuration_is_exit_2(tmp_path: Path, run: Run) -> None:
    result = run("check", cwd=tmp_path)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"no configuration found in {tmp_path.resolve()} or its parents: add a [tool.fitness] "
        "table to pyproject.toml, or create fitness.toml\n"
    )


def test_fitness_toml_is_found_and_wins_over_pyproject(project: Project, run: Run) -> None:
    files = dict(FILES)
    files["fitness.toml"] = (
        '[rules.only-this]\nkind = "independence"\nmodules = ["shop.api", "shop.jobs"]\n'
    )

    result = run("check", cwd=project(files))

    assert (result.code, result.out) == (
        0,
        "Rules: 1 kept, 0 broken. No findings in 13 files (0.00s).\n",
    )


def test_rules_lists_the_configured_rules(project: Project, run: Run) -> None:
    result = run("rules", cwd=project(FILES))

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "RULE            KIND       SEVERITY  ADR       DESCRIPTION\n"
        "layered         layers     error     ADR-0002  shop.api > shop.services | shop.jobs > shop.domain\n"
        "domain-is-pure  forbidden  error     ADR-0004  shop.domain must not import sqlalchemy, "
        "shop.infrastructure\n"
    )


def test_rules_shows_include_exclude_and_the_rules_switched_off(project: Project, run: Run) -> None:
    narrowed = FILES["pyproject.toml"] + (
        "\n[tool.fitness.rules.quiet-jobs]\n"
        'kind = "forbidden"\n'
        'from = ["shop"]\n'
        'to = ["sqlalchemy"]\n'
        'include = ["shop.jobs", "shop.services.**"]\n'
        'exclude = ["shop.services.checkout"]\n'
        'severity = "warning"\n'
        "\n[tool.fitness.rules.later]\n"
        'kind = "independence"\n'
        'modules = ["shop.api", "shop.jobs"]\n'
        "enabled = false\n"
    )
    result = run("rules", cwd=project({**FILES, "pyproject.toml": narrowed}))

    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == "RULE            KIND          SEVERITY  ADR       DESCRIPTION"
    assert lines[3:] == [
        "quiet-jobs      forbidden     warning   -         shop must not import sqlalchemy",
        "                                                  include: shop.jobs, shop.services.**",
        "                                                  exclude: shop.services.checkout",
        "later           independence  disabled  -         enabled = false (pyproject.toml:26)",
    ]


def test_rules_lists_a_pack_rule_switched_off_by_an_override(project: Project, run: Run) -> None:
    packed = FILES["pyproject.toml"].replace(
        "[tool.fitness]\n", '[tool.fitness]\nextends = ["fitness:security"]\n', 1
    ) + ("\n[tool.fitness.rules.security-eval]\nenabled = false\n")
    result = run("rules", cwd=project({**FILES, "pyproject.toml": packed}))

    assert (result.code, result.err) == (0, "")
    assert [line for line in result.out.splitlines() if "security-eval" in line] == [
        "security-eval        banned-api  disabled  -         enabled = false (pyproject.toml:17)"
    ]


def test_internal_errors_exit_3_with_a_hint(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("fitness.reuse.build_graph", broken)

    quiet = run("check", cwd=project(FILES))
    loud = run("--debug", "check", cwd=project(FILES))

    assert (quiet.code, quiet.out) == (3, "")
    assert quiet.err == (
        "fitness 0.1.0: internal error: RuntimeError: boom\n"
        "This is a bug in fitness: please report it with the traceback that --debug shows.\n"
    )
    assert loud.code == 3
    assert loud.err.startswith("Traceback (most recent call last):\n")
    assert loud.err.endswith(
        "RuntimeError: boom\nfitness 0.1.0: internal error: RuntimeError: boom\n"
        "This is a bug in fitness: please report it with the traceback above.\n"
    )


def test_keyboard_interrupt_exits_130(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("fitness.reuse.build_graph", interrupted)

    result = run("check", cwd=project(FILES))

    assert (result.code, result.out, result.err) == (130, "", "\nfitness: interrupted\n")


def test_console_script_and_module_entry_points(project: Project) -> None:
    root = project(FILES)

    for command in (
        [sys.executable, "-m", "fitness", "check"],
        [str(Path(sys.executable).parent / "fitness"), "check"],
    ):
        done = subprocess.run(
            command, cwd=root, capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": ""}
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout.splitlines()[0] == SHOP_TEXT.splitlines()[0]


@pytest.mark.parametrize(("flags", "workers"), [((), 3), (("-j", "2"), 2), (("-j", "1"), 1)])
def test_jobs_default_to_the_cpus_this_process_may_use(
    project: Project,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    flags: tuple[str, ...],
    workers: int,
) -> None:
    caplog.set_level(logging.DEBUG, logger="fitness")
    monkeypatch.setattr("fitness.parsing.collect._IN_PROCESS_BYTES", 0)
    monkeypatch.setattr("fitness.cli.os.sched_getaffinity", lambda pid: {0, 2, 5}, raising=False)
    monkeypatch.setattr("fitness.cli.os.cpu_count", lambda: 8)

    result = run("check", "--no-cache", *flags, cwd=project(FILES))

    assert result.code == 1
    assert f"parsing 13 files in {workers} worker processes" in caplog.messages


def test_a_new_chain_between_a_known_pair_keeps_its_fingerprint(project: Project, run: Run) -> None:
    root = project(FILES)
    before = json.loads(run("check", "--format", "json", cwd=root).out)["findings"]
    (root / "src/shop/domain/tax.py").write_text("import sqlalchemy\n", encoding="utf-8")

    after = json.loads(run("check", "--format", "json", cwd=root).out)["findings"]

    sqlalchemy = [f for f in after if f["modules"] == ["shop.domain", "sqlalchemy"]]
    assert [len(f["chains"]) for f in sqlalchemy] == [2]
    assert sqlalchemy[0]["path"] == "src/shop/domain/tax.py"  # a direct import comes first
    assert {(f["rule"], *f["modules"], f["fingerprint"]) for f in after} == {
        (f["rule"], *f["modules"], f["fingerprint"]) for f in before
    }


def test_fingerprints_are_the_rule_and_the_pair_never_the_wording() -> None:
    from fitness.model import fingerprint

    report = check_project_report()
    found = {f.modules: f.fingerprint for f in report.findings}

    assert found[("shop.domain", "sqlalchemy")] == fingerprint(
        ["domain-is-pure", "shop.domain", "sqlalchemy"]
    )
    assert found[("shop.domain", "shop.api")] == fingerprint(["layered", "shop.domain", "shop.api"])


def check_project_report() -> Report:
    import tempfile

    from support import check_project, write_tree

    with tempfile.TemporaryDirectory() as directory:
        return check_project(write_tree(Path(directory), FILES))
