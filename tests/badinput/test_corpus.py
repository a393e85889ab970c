"""`fitness check` on every bad input: one precise finding each, and the rest still checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from badinput.corpus import Case, build, cases, report, unreadable_case
from support import Result

Run = Callable[..., Result]

CASES = cases()
AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def _project(tmp_path: Path, chosen: list[Case]) -> Path:
    (tmp_path / "outside").mkdir()
    return build(tmp_path / "project", tmp_path / "outside", chosen)


def _findings(out: str) -> str:
    """The report without the rules and totals that follow its findings."""
    findings, blank, _ = out.partition("\n\n")
    return findings + "\n" if blank else ""


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_case_gives_exactly_its_findings(tmp_path: Path, run: Run, case: Case) -> None:
    root = _project(tmp_path, [case])

    result = run("check", cwd=root)

    errors = any(
        f": {rule}: " in line
        for line in case.expected
        for rule in ("parse-error", "no-vault", "unreadable")
    )
    assert (result.code, _findings(result.out), result.err) == (int(errors), report([case]), "")


def test_a_broken_file_does_not_hide_a_violation_next_to_it(tmp_path: Path, run: Run) -> None:
    chosen = [CASES[0], CASES[1]]
    assert [case.name for case in chosen] == ["a violation in a good file", "syntax error"]

    result = run("check", cwd=_project(tmp_path, chosen))

    assert (result.code, result.out) == (
        1,
        "src/app/broken.py:2:7: parse-error: syntax error: unexpected ':'\n"
        "src/app/good.py:3:1: no-vault: app.good must not import vault\n"
        "\n"
        "no-vault     forbidden  broken  1 finding\n"
        "parse-error  built-in   1 finding\n"
        "Not analysed (1 file): src/app/broken.py (unparsable).\n"
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 5 files (0.00s).\n",
    )


def _everything() -> list[Case]:
    return CASES if AS_ROOT else [*CASES, unreadable_case()]


def _summary(chosen: list[Case]) -> str:
    blocks = [block for case in chosen for block in case.expected]
    warnings = sum(block.endswith("[warning]") for block in blocks)
    counts = f"{len(blocks) - warnings} errors, {warnings} warning"
    files = sum(
        1 for path in _project_files(chosen) if path.endswith(".py") and "folder.py" not in path
    )
    per_rule = Counter(block.split(": ", 2)[1] for block in blocks)
    rows = [("no-vault", "forbidden", "broken" if per_rule["no-vault"] else "kept  ")]
    rows += [(rule_id, "built-in", "") for rule_id in sorted(per_rule) if rule_id != "no-vault"]
    width = max(len(rule_id) for rule_id, _, _ in rows)
    lines = [
        "  ".join(
            cell
            for cell in (
                rule_id.ljust(width),
                kind.ljust(9),
                status,
                f"{per_rule[rule_id]} finding{'s' if per_rule[rule_id] != 1 else ''}",
            )
            if cell
        )
        for rule_id, kind, status in rows
    ]
    broken = 1 if per_rule["no-vault"] else 0
    totals = (
        f"Rules: {1 - broken} kept, {broken} broken. "
        f"Found {len(blocks)} findings ({counts}) in {files} files (0.00s).\n"
    )
    notes = "".join(note + "\n" for case in chosen for note in case.notes)
    return "\n" + "\n".join(lines) + "\n" + notes + _unanalysed(blocks) + totals


def _unanalysed(blocks: list[str]) -> str:
    """The summary's line of the files that could not be analysed, from their findings."""
    found = []
    for block in blocks:
        where, rule, message = block.split(": ", 2)
        path = where.split(":")[0]
        if rule == "parse-error":
            found.append(
                (path, "unreadable" if message.startswith("cannot read: ") else "unparsable")
            )
        elif rule in ("unreadable", "analysis-error"):
            found.append((path, "unreadable" if rule == "unreadable" else "failed"))
    if not found:
        return ""
    listed = ", ".join(f"{path} ({why})" for path, why in sorted(set(found)))
    count = len(set(found))
    return f"Not analysed ({count} file{'s' if count != 1 else ''}): {listed}.\n"


def _project_files(chosen: list[Case]) -> list[str]:
    # The module files fitness lists: the cases' own, the linked file, vault and app/__init__.
    listed = {path for case in chosen for path in case.files if path != "lib/twice.py"}
    return [*listed, "src/app/linked.py", "src/vault.py", "src/app/__init__.py", "src/app/plain.py"]


@pytest.mark.slow
def test_the_whole_corpus_in_process(tmp_path: Path, run: Run) -> None:
    chosen = _everything()
    root = _project(tmp_path, chosen)

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (1, report(chosen) + _summary(chosen), "")


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_whole_corpus_in_a_strict_interpreter(tmp_path: Path, jobs: str) -> None:
    """`-X dev -W error`: no ResourceWarning for a file left open, no DeprecationWarning."""
    chosen = _everything()
    root = _project(tmp_path, chosen)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    env.pop("FITNESS_DEBUG", None)

    done = subprocess.run(
        [
            sys.executable,
            *("-X", "dev", "-W", "error", "-m", "fitness"),
            "check",
            "--no-cache",
            "-j",
            jobs,
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )

    out = re.sub(r" \(\d+\.\d\ds\)\.", " (0.00s).", done.stdout)
    assert (done.returncode, out, done.stderr) == (1, report(chosen) + _summary(chosen), "")
