"""ADRs that name their checks: a Confirmation (MADR 4) or Validation (MADR 3) section.

The sample (tests/adr/confirmation_sample) holds one record of each case: ADR-0001
(MADR 4) is confirmed by `fitness:domain-is-pure`; ADR-0002 (MADR 3) names the rule
`layered` in backticks, which has a finding; ADR-0003 names `fitness:api-is-thin`,
which no rule is; ADR-0004 names a rule switched off; ADR-0005 names none; ADR-0006
is proposed, so what it names is not checked.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from support import Result

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "adr" / "confirmation_sample"
SCHEMA = json.loads((ROOT / "docs" / "adr.schema.json").read_text(encoding="utf-8"))

UNKNOWN = (
    "docs/decisions/0003-the-api-is-thin.md:18:12: adr-confirmation-unknown: "
    'ADR-0003 "The API is thin" is confirmed by fitness:api-is-thin, which is no configured rule'
)
DISABLED = (
    "docs/decisions/0004-jobs-are-isolated.md:17:1: adr-confirmation-disabled: "
    'ADR-0004 "Jobs are isolated" is confirmed by rule jobs-are-isolated, which is switched '
    "off (enabled = false, pyproject.toml:26): nothing checks the decision"
)
LAYERED = "src/shop/domain/__init__.py:1:1: layered: shop.domain must not import shop.api (a higher layer)"

TABLE = """\
ADR       STATUS    TITLE                 CONFIRMATION  RULES (FINDINGS NOW)
ADR-0001  accepted  Keep the domain pure  confirmed     domain-is-pure (0)
ADR-0002  accepted  Layered architecture  broken        layered (1)
ADR-0003  accepted  The API is thin       broken        api-is-thin (no such rule)
ADR-0004  accepted  Jobs are isolated     broken        jobs-are-isolated (disabled)
ADR-0005  accepted  Use Postgres          unconfirmed   -
ADR-0006  proposed  Split the catalogue   -             catalogue-is-separate (no such rule)

1 of 5 accepted decisions are confirmed, 3 broken, 1 unconfirmed.
Broken (a rule that confirms it has findings, is missing or does not run):
  ADR-0002  Layered architecture
  ADR-0003  The API is thin
  ADR-0004  Jobs are isolated
Unconfirmed (no rule cites it, and its Confirmation names none):
  ADR-0005  Use Postgres
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "shop"))


def findings(result: Result) -> list[str]:
    return result.out.split("\n\n", 1)[0].splitlines()


def test_check_reports_named_rules_that_do_not_exist_or_do_not_run(shop: Path, run: Run) -> None:
    result = run("check", cwd=shop)

    assert (result.code, findings(result)) == (1, [UNKNOWN, DISABLED, LAYERED])


def test_a_misspelt_rule_gets_the_closest_id(shop: Path, run: Run) -> None:
    record = shop / "docs/decisions/0005-use-postgres.md"
    record.write_text(
        record.read_text(encoding="utf-8") + "The domain: fitness:domain-is-pur.\n",
        encoding="utf-8",
    )

    result = run("check", cwd=shop)

    assert findings(result)[:2] == [
        UNKNOWN,
        DISABLED,
    ]
    assert findings(result)[2] == (
        "docs/decisions/0005-use-postgres.md:15:13: adr-confirmation-unknown: "
        'ADR-0005 "Use Postgres" is confirmed by fitness:domain-is-pur, which is no '
        "configured rule (did you mean 'domain-is-pure'?)"
    )


def test_a_rule_left_out_by_select_still_exists(shop: Path, run: Run) -> None:
    result = run("check", "--select", "layered", cwd=shop)

    assert findings(result) == [UNKNOWN, DISABLED, LAYERED]


def test_adr_shows_each_accepted_decision_confirmed_broken_or_unconfirmed(
    shop: Path, run: Run
) -> None:
    result = run("adr", cwd=shop)

    assert (result.code, result.out, result.err) == (0, TABLE, "")


def test_a_rule_whose_findings_are_all_baselined_confirms_its_decision(
    shop: Path, run: Run
) -> None:
    assert run("baseline", cwd=shop).code == 0

    lines = run("adr", cwd=shop).out.splitlines()

    assert lines[2] == (
        "ADR-0002  accepted  Layered architecture  confirmed     layered (0, baselined)"
    )
    assert lines[8] == "2 of 5 accepted decisions are confirmed, 2 broken, 1 unconfirmed."


def test_json_follows_its_documented_schema(shop: Path, run: Run) -> None:
    document = json.loads(run("adr", "--format", "json", cwd=shop).out)

    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert (document["schema"], document["version"], document["dir"]) == (
        "fitness-adrs",
        2,
        "docs/decisions",
    )
    assert document["summary"] == {"accepted": 5, "confirmed": 1, "broken": 3, "unconfirmed": 1}
    assert [(adr["key"], adr["confirmation"]) for adr in document["adrs"]] == [
        ("ADR-0001", "confirmed"),
        ("ADR-0002", "broken"),
        ("ADR-0003", "broken"),
        ("ADR-0004", "broken"),
        ("ADR-0005", "unconfirmed"),
        ("ADR-0006", None),
    ]
    assert [adr["rules"] for adr in document["adrs"][:4]] == [
        [rule("domain-is-pure", "kept", 0, True, 30)],
        [rule("layered", "broken", 1, False, 31)],
        [rule("api-is-thin", "missing", None, False, 18)],
        [rule("jobs-are-isolated", "disabled", None, False, 17)],
    ]
    assert document["unenforced"] == ["ADR-0005"]


def test_the_schema_refuses_what_it_does_not_describe(shop: Path, run: Run) -> None:
    document = json.loads(run("adr", "--format", "json", cwd=shop).out)
    document["adrs"][0]["rules"][0]["status"] = "fine"

    with pytest.raises(jsonschema.ValidationError, match="'fine' is not one of"):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def rule(
    id_: str, status: str, found: int | None, cites: bool, named_at: int | None
) -> dict[str, Any]:
    return {"id": id_, "status": status, "findings": found, "cites": cites, "named_at": named_at}


def test_the_schema_is_a_schema_and_the_backstage_example_follows_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    page = (ROOT / "docs" / "backstage.md").read_text(encoding="utf-8")
    example = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])

    adr_schema = {**SCHEMA["$defs"]["adr"], "$defs": SCHEMA["$defs"]}
    jsonschema.validate(example, adr_schema, cls=jsonschema.Draft202012Validator)
    assert (example["key"], example["confirmation"]) == ("ADR-0004", "broken")


def test_a_rule_named_in_backticks_that_is_dormant_does_not_confirm(shop: Path, run: Run) -> None:
    config = shop / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    layers = 'layers = ["shop.api", "shop.domain"]\n'
    config.write_text(text.replace(layers, f'{layers}python = ">=3.12"\n'), encoding="utf-8")

    result = run("check", cwd=shop)
    overview = run("adr", cwd=shop).out.splitlines()

    assert findings(result)[0] == (
        "docs/decisions/0002-layered-architecture.md:31:6: adr-confirmation-disabled: "
        'ADR-0002 "Layered architecture" is confirmed by rule layered, which is dormant '
        '(python = ">=3.12" is not met by every Python the project supports): '
        "nothing checks the decision"
    )
    assert overview[2] == (
        "ADR-0002  accepted  Layered architecture  broken        layered (disabled)"
    )
