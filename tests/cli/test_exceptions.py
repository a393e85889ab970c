"""Governed exceptions end to end: `until=`/`owner=` on a fixed clock (`FITNESS_TODAY`),
`fitness baseline --until --owner`, `[tool.fitness.exceptions]`, and `suppressible = false`
on a rule and on a pack."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, config

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

RULES = """
[tool.fitness.rules.no-json]
kind = "forbidden"
from = ["shop"]
to = ["json"]
"""
SHOP = {"shop/__init__.py": "", "shop/a.py": "import json\n"}
NO_JSON = "shop/a.py:1:1: no-json: shop must not import json\n  shop.a -> json (l.1)\n"
SUPPRESSED = "import json  # fitness: ignore[no-json] until=2027-03-31 owner=@payments legacy\n"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    return lambda day: monkeypatch.setenv("FITNESS_TODAY", day)


def shop(project: Project, extra: str = "", a: str = "import json\n", rules: str = RULES) -> Path:
    return project(
        {
            "pyproject.toml": config(rules, f'source_roots = ["."]\n{extra}'),
            **SHOP,
            "shop/a.py": a,
        }
    )


def test_a_suppression_warns_within_warn_days_and_fails_after_its_date(
    project: Project, run: Run, today: Callable[[str], None]
) -> None:
    root = shop(project, a=SUPPRESSED)

    today("2027-03-01")
    assert run("check", cwd=root).code == 0
    today("2027-03-21")
    within = run("check", cwd=root)
    today("2027-04-01")
    after = run("check", cwd=root)

    assert within.code == 0
    assert within.out.splitlines()[0] == (
        "shop/a.py:1:14: expiring-suppression: the suppression of no-json expires after "
        "2027-03-31, in 10 days (owner @payments): fix what it silences, or renew it [warning]"
    )
    assert after.code == 1
    assert after.out.startswith(
        NO_JSON + "shop/a.py:1:14: expired-suppression: the suppression of no-json expired on "
        "2027-03-31 (owner @payments): what it silenced counts again; fix it, or renew the "
        "exception with a later until=\n"
    )


def test_baseline_stamps_the_entries_it_adds_and_they_expire(
    project: Project, run: Run, today: Callable[[str], None]
) -> None:
    root = shop(project)
    today("2027-03-01")

    written = run("baseline", "--until", "2027-06-30", "--owner", "@platform", cwd=root)

    assert (written.code, written.out) == (
        0,
        "Wrote .fitness-baseline.json: 1 entry for 1 finding.\n",
    )
    entries = json.loads((root / ".fitness-baseline.json").read_text())["entries"]
    assert [(e["until"], e["owner"]) for e in entries] == [("2027-06-30", "@platform")]
    assert run("check", cwd=root).code == 0
    today("2027-07-01")
    after = run("check", cwd=root)
    assert after.code == 1
    assert after.out.startswith(
        ".fitness-baseline.json:5:1: expired-baseline-entry: the baseline entry of no-json for "
        "shop -> json expired on 2027-06-30 (owner @platform): its findings count again; fix "
        "them, or renew the exception with a later until\n" + NO_JSON
    )
    # Rewriting the baseline keeps an entry's own stamps; only new entries take the flags'.
    today("2027-03-02")
    run("baseline", "--owner", "@other", cwd=root)
    again = json.loads((root / ".fitness-baseline.json").read_text())["entries"]
    assert [(e["until"], e["owner"]) for e in again] == [("2027-06-30", "@platform")]


def test_the_json_report_and_fitness_adr_list_exceptions_by_owner_and_expiry(
    project: Project, run: Run, today: Callable[[str], None]
) -> None:
    root = shop(project, a=SUPPRESSED)
    today("2027-03-21")

    listed = json.loads(run("check", "--format", "json", cwd=root).out)["exceptions"]
    adr = run("adr", cwd=root)

    assert listed == [
        {
            "kind": "suppression",
            "rules": ["no-json"],
            "path": "shop/a.py",
            "line": 1,
            "owner": "@payments",
            "until": "2027-03-31",
            "state": "expiring",
        }
    ]
    assert json.loads(run("adr", "--format", "json", cwd=root).out)["exceptions"] == listed
    assert adr.out.endswith(
        "Exceptions by owner and expiry (1):\n"
        "OWNER      UNTIL       STATE     EXCEPTION               WHERE\n"
        "@payments  2027-03-31  expiring  suppression of no-json  shop/a.py:1\n"
    )


def test_exceptions_settings_make_owner_and_until_mandatory(
    project: Project, run: Run, today: Callable[[str], None]
) -> None:
    settings = "[tool.fitness.exceptions]\nmax_days = 90\nrequire_owner = true\n"
    root = shop(project, settings, a="import json  # fitness: ignore[no-json] legacy\n")
    today("2027-03-01")

    checked = run("check", cwd=root)

    assert checked.out.splitlines()[:2] == [
        "shop/a.py:1:14: invalid-suppression: the suppression has no until= date, and "
        "[tool.fitness.exceptions] max_days is 90: add until=YYYY-MM-DD, at most 90 days ahead",
        "shop/a.py:1:14: invalid-suppression: the suppression names no owner, and "
        "[tool.fitness.exceptions] require_owner is on: add owner=@team",
    ]
    (root / "shop/a.py").write_text("import json\n")
    refused = run("baseline", cwd=root)
    too_far = run("baseline", "--owner", "@a", "--until", "2027-12-31", cwd=root)
    assert (refused.code, refused.err) == (
        2,
        "fitness: 1 new entry would lack what [tool.fitness.exceptions] requires: give "
        "--owner (require_owner is on) and --until (max_days is 90)\n",
    )
    assert (too_far.code, too_far.err) == (
        2,
        "fitness: --until 2027-12-31 is 305 days ahead, more than [tool.fitness.exceptions] "
        "max_days (90) allows\n",
    )
    assert not (root / ".fitness-baseline.json").exists()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("--until", "2027-13-01"), "'2027-13-01' is not a date: write YYYY-MM-DD"),
        (("--owner", "two words"), "'two words' is not an owner: write one word, such as @team"),
    ],
)
def test_baseline_refuses_a_stamp_it_cannot_read(
    project: Project, run: Run, args: tuple[str, ...], error: str
) -> None:
    result = run("baseline", *args, cwd=shop(project))

    assert result.code == 2
    assert error in result.err


def test_a_past_until_is_refused(project: Project, run: Run, today: Callable[[str], None]) -> None:
    today("2027-03-01")

    result = run("baseline", "--until", "2027-02-28", cwd=shop(project))

    assert (result.code, result.err) == (
        2,
        "fitness: --until 2027-02-28 is in the past (today is 2027-03-01)\n",
    )


def test_a_fixed_clock_that_is_no_date_is_a_usage_error(
    project: Project, run: Run, today: Callable[[str], None]
) -> None:
    today("tomorrow")

    result = run("check", cwd=shop(project))

    assert (result.code, result.err) == (
        2,
        "fitness: FITNESS_TODAY=tomorrow is not a date: write YYYY-MM-DD\n",
    )


def test_the_exceptions_table_is_validated_with_precise_errors(project: Project, run: Run) -> None:
    extra = '[tool.fitness.exceptions]\nmax_days = 0\nwarn_days = "soon"\nowner = true\n'

    result = run("check", cwd=shop(project, extra))

    assert result.code == 2
    assert result.err.splitlines()[-3:] == [
        "pyproject.toml:4: tool.fitness.exceptions.max_days: must be at least 1, got 0",
        "pyproject.toml:5: tool.fitness.exceptions.warn_days: expected a whole number, got a "
        "string ('soon')",
        "pyproject.toml:6: tool.fitness.exceptions: unknown key 'owner'",
    ]


def test_warn_days_may_not_exceed_max_days(project: Project, run: Run) -> None:
    extra = "[tool.fitness.exceptions]\nmax_days = 10\nwarn_days = 30\n"

    result = run("check", cwd=shop(project, extra))

    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "pyproject.toml:5: tool.fitness.exceptions.warn_days: warn_days (30) is more than "
        "max_days (10): every exception would warn from the day it is written"
    )


SEALED_RULE = RULES + "suppressible = false\n"
SEALED_SUPPRESSION = "shop/a.py:1:14: invalid-suppression: no-json cannot be suppressed " \
    "(suppressible = false): fix the finding instead\n"  # fmt: skip


def test_a_rule_that_cannot_be_silenced_refuses_suppression_and_the_baseline(
    project: Project, run: Run
) -> None:
    root = shop(project, rules=SEALED_RULE, a="import json  # fitness: ignore[no-json] why\n")

    checked = run("check", cwd=root)
    (root / "shop/a.py").write_text("import json\n")
    written = run("baseline", cwd=root)

    assert checked.code == 1
    assert checked.out.startswith(NO_JSON + SEALED_SUPPRESSION)
    assert written.out == (
        "Wrote .fitness-baseline.json: 0 entries for 0 findings.\n"
        "Left out the findings of no-json: it cannot be silenced (suppressible = false).\n"
    )
    assert run("check", cwd=root).out.startswith(NO_JSON)


def test_a_pack_that_cannot_be_silenced_seals_each_of_its_rules(project: Project, run: Run) -> None:
    pack = 'suppressible = false\n\n[rules.no-json]\nkind = "forbidden"\nfrom = ["shop"]\nto = ["json"]\n'
    root = project(
        {
            "pyproject.toml": config("", 'source_roots = ["."]\nextends = ["team.toml"]\n'),
            "team.toml": pack,
            **SHOP,
            "shop/a.py": "import json  # fitness: ignore[no-json] why\n",
        }
    )

    result = run("check", cwd=root)

    assert result.code == 1
    assert result.out.startswith(NO_JSON + SEALED_SUPPRESSION)


def test_an_override_may_seal_a_pack_rule(project: Project, run: Run) -> None:
    pack = '[rules.no-json]\nkind = "forbidden"\nfrom = ["shop"]\nto = ["json"]\n'
    override = "[tool.fitness.rules.no-json]\nsuppressible = false\n"
    root = project(
        {
            "pyproject.toml": config(override, 'source_roots = ["."]\nextends = ["team.toml"]\n'),
            "team.toml": pack,
            **SHOP,
            "shop/a.py": "import json  # fitness: ignore[no-json] why\n",
        }
    )

    assert run("check", cwd=root).out.startswith(NO_JSON + SEALED_SUPPRESSION)


def test_baseline_records_what_an_expired_suppression_no_longer_covers_not_the_expiry(
    project: Project, run: Run, today: Callable[[str], None]
) -> None:
    root = shop(project, a=SUPPRESSED)
    today("2027-04-01")

    written = run("baseline", cwd=root)
    checked = run("check", cwd=root)

    assert written.out == "Wrote .fitness-baseline.json: 1 entry for 1 finding.\n"
    entries = json.loads((root / ".fitness-baseline.json").read_text())["entries"]
    assert [entry["rule"] for entry in entries] == ["no-json"]
    assert checked.code == 1  # the expired suppression is still said, and fails the run
    assert checked.out.startswith(
        "shop/a.py:1:14: expired-suppression: the suppression of no-json expired on 2027-03-31"
    )


def test_explain_says_a_rule_cannot_be_silenced(project: Project, run: Run) -> None:
    result = run("explain", "no-json", cwd=shop(project, rules=SEALED_RULE))

    assert result.out.splitlines()[-2] == (
        "suppressible: no (suppressible = false): no inline suppression nor baseline entry "
        "silences its findings"
    )
