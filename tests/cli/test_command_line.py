"""`fitness check` PATHs, --select / --ignore, --output paths, colour and help."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from shop import FILES
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

SUMMARY = "Rules: 0 kept, 2 broken. Found {n} finding{s} ({n} error{s}) in 13 files (0.00s).\n"


def _lines(result: Result) -> list[str]:
    return [
        line
        for line in result.out.splitlines()
        if ": " in line and not line.startswith((" ", "Rules: "))
    ]


def test_paths_narrow_the_findings_reported_not_the_analysis(project: Project, run: Run) -> None:
    root = project(FILES)

    one_file = run("check", "src/shop/jobs/nightly.py", cwd=root)
    one_dir = run("check", "domain", cwd=root / "src" / "shop")

    assert one_file.code == 1
    assert one_file.out == (
        "src/shop/jobs/nightly.py:2:5: layered: shop.jobs must not import shop.services "
        "(independent siblings) (ADR-0002: Layered architecture)\n"
        "  shop.jobs.nightly -> shop.services.checkout (l.2, local)\n"
        "\n"
        "layered  layers  broken  1 finding\n"
        "3 more findings in other files; run without PATH to see them\n"
        "Rules: 1 kept, 1 broken. Found 1 finding (1 error) in 13 files (0.00s).\n"
    )
    assert one_dir.code == 1
    assert _lines(one_dir) == [
        "domain/events.py:3:1: domain-is-pure: shop.domain must not import shop.infrastructure (ADR-0004: The domain is pure)",
        "domain/events.py:3:1: domain-is-pure: shop.domain must not import sqlalchemy (ADR-0004: The domain is pure)",
        "domain/pricing.py:1:1: layered: shop.domain must not import shop.api (a higher layer) (ADR-0002: Layered architecture)",
    ]


def test_a_path_without_findings_passes_although_the_chain_runs_through_it(
    project: Project, run: Run
) -> None:
    # shop.infrastructure.bus is a hop of the sqlalchemy finding, located in events.py.
    result = run("check", "src/shop/infrastructure", cwd=project(FILES))

    assert (result.code, result.out.splitlines()[-1]) == (
        0,
        "Rules: 2 kept, 0 broken. No findings in 13 files (0.00s).",
    )


def test_a_path_outside_the_project_is_a_usage_error(
    project: Project, run: Run, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    root = project(FILES)

    result = run("check", str(elsewhere), cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err == f"fitness: {elsewhere} is outside the project at {root.resolve()}\n"


def test_a_missing_path_is_a_usage_error(project: Project, run: Run) -> None:
    result = run("check", "src/shop/nowhere.py", cwd=project(FILES))

    assert (result.code, result.out) == (2, "")
    assert "Path 'src/shop/nowhere.py' does not exist." in result.err


def test_select_and_ignore_choose_rules_by_id(project: Project, run: Run) -> None:
    root = project(FILES)

    selected = run("check", "--select", "domain-is-pure", cwd=root)
    ignored = run("check", "--ignore", "domain-is-pure", cwd=root)
    both = run("check", "--select", "layered", "--select", "domain-is-pure", cwd=root)

    assert {line.split(": ")[1] for line in _lines(selected)} == {"domain-is-pure"}
    assert selected.out.splitlines()[-2:] == [
        "domain-is-pure  forbidden  broken  2 findings",
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 13 files (0.00s).",
    ]
    assert {line.split(": ")[1] for line in _lines(ignored)} == {"layered"}
    assert both.out.splitlines()[-1] == SUMMARY.format(n=4, s="s").rstrip("\n")


def test_an_unknown_rule_id_is_a_usage_error_with_a_suggestion(project: Project, run: Run) -> None:
    root = project(FILES)

    typo = run("check", "--select", "layerd", cwd=root)
    built_in = run("check", "--ignore", "parse-error", cwd=root)
    nothing_left = run("check", "--ignore", "layered", "--ignore", "domain-is-pure", cwd=root)

    assert (typo.code, typo.out) == (2, "")
    assert typo.err == (
        "fitness: --select layerd: no rule 'layerd' in pyproject.toml (did you mean 'layered'?); "
        "the configured rules are: layered, domain-is-pure\n"
    )
    assert (built_in.code, built_in.err) == (
        2,
        "fitness: --ignore parse-error: 'parse-error' is a built-in check, not a rule: it always "
        "runs, since a file it reports went unchecked\n",
    )
    assert (nothing_left.code, nothing_left.err) == (
        2,
        "fitness: --select/--ignore leave no rule to check; the configured rules are: "
        "layered, domain-is-pure\n",
    )


def test_an_output_directory_that_does_not_exist_is_a_usage_error_before_the_analysis(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object) -> None:
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("fitness.app.run.collect_facts", never)
    root = project(FILES)
    (root / "a-file").write_text("", encoding="utf-8")

    missing = run("check", "--output", "json:reports/out.json", cwd=root)
    under_a_file = run("check", "--output", "json:a-file/out.json", cwd=root)
    a_directory = run("check", "--output", "json:src", cwd=root)

    assert (missing.code, missing.out, missing.err) == (
        2,
        "",
        "fitness: --output json:reports/out.json: directory reports does not exist; "
        "create it first\n",
    )
    assert (under_a_file.code, under_a_file.err) == (
        2,
        "fitness: --output json:a-file/out.json: directory a-file does not exist; create it first\n",
    )
    assert (a_directory.code, a_directory.err) == (
        2,
        "fitness: --output json:src: src is a directory; name a file in it\n",
    )


def test_an_unwritable_output_directory_is_a_usage_error(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(FILES)
    (root / "locked").mkdir()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Root may write anywhere, so the refusal is simulated where fitness probes.
    monkeypatch.setattr("tempfile.TemporaryFile", refuse)

    result = run("check", "--output", "json:locked/out.json", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        "fitness: --output json:locked/out.json: cannot write in locked: Permission denied\n",
    )


def test_a_failed_write_after_the_analysis_still_prints_the_report(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(FILES)

    def disk_full(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("fitness.atomic.write_atomic", disk_full)

    result = run("check", "--output", "json:out.json", cwd=root)

    assert result.code == 2
    assert result.out.endswith(SUMMARY.format(n=4, s="s"))
    assert result.err == "fitness: --output json:out.json: cannot write: No space left on device\n"


def test_the_output_file_has_project_relative_paths_from_a_subdirectory(
    project: Project, run: Run
) -> None:
    root = project(FILES)

    result = run("check", "--output", "json:../../out.json", cwd=root / "src" / "shop")

    written = json.loads((root / "out.json").read_text(encoding="utf-8"))
    assert result.code == 1
    assert result.out.startswith("domain/events.py:3:1: ")
    assert written["findings"][0]["path"] == "src/shop/domain/events.py"


@pytest.mark.parametrize(
    ("env", "flag", "coloured"),
    [
        ({}, (), False),
        ({"FORCE_COLOR": "1"}, (), True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, (), True),
        ({"FORCE_COLOR": "0"}, (), False),
        ({"NO_COLOR": "1"}, ("--color", "always"), True),
        ({"FORCE_COLOR": "1"}, ("--color", "never"), False),
    ],
)
def test_force_color_forces_colour_and_the_flag_wins(
    project: Project,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    flag: tuple[str, ...],
    coloured: bool,
) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    result = run("check", *flag, cwd=project(FILES))

    assert ("\x1b[" in result.out) is coloured


def test_help_says_what_each_option_does_and_lists_the_exit_codes(
    project: Project, run: Run
) -> None:
    result = run("check", "--help", cwd=project(FILES))

    assert result.code == 0
    assert result.out.startswith("Usage: fitness check [OPTIONS] [PATH]...\n")
    assert result.out.endswith(
        "  Exit codes:\n"
        "    0  no finding fails the run\n"
        "    1  a finding fails the run (see --fail-on)\n"
        "    2  configuration or usage error\n"
        "    3  internal error (a bug in fitness: please report it)\n"
    )
    options = [line.split()[0] for line in result.out.splitlines() if line.startswith("  -")]
    assert options == [
        "--config",
        "--select",
        "--ignore",
        "--format",
        "--output",
        "--fail-on",
        "--color",
        "--baseline",
        "--no-baseline",
        "--strict-baseline",
        "--ci",
        "--since",
        "--config-from",
        "--cache-dir",
        "-v,",
        "--include-suppressed",
        "--no-cache",
        "-j,",
        "-h,",
    ]


def test_the_summary_time_counts_from_process_start() -> None:
    from fitness.clock import since_start

    # This test process started well before the test ran: importing pytest alone takes longer.
    assert since_start() > 0.05
    assert os.path.exists("/proc/self/stat")
