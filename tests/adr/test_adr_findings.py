"""The ADR findings end to end: rules' citations, records that cannot be read, settings.

Each finding is asserted as the text report prints it, at the line of the key
that made it: a rule's `adr` key (in the file that set it), its table for
`adr-required`, the record itself for `adr-unreadable`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]


def record(title: str, status: str) -> str:
    return f"# {title}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"


DECISIONS = {
    "docs/adr/0001-keep-the-domain-pure.md": record("1. Keep the domain pure", "Accepted"),
    "docs/adr/0002-use-an-orm.md": record("2. Use an ORM", "Proposed"),
    "docs/adr/0003-share-the-database.md": record("3. Share the database", "Rejected"),
    "docs/adr/0004-log-to-files.md": record("4. Log to files", "Accepted\n\nDeprecated"),
    "docs/adr/0005-call-the-gateway.md": record(
        "5. Call the gateway", "Accepted\n\nSuperceded by [6. Use an outbox](0006-use-an-outbox.md)"
    ),
    "docs/adr/0006-use-an-outbox.md": record(
        "6. Use an outbox", "Accepted\n\nSupercedes [5. Call the gateway](0005-call-the-gateway.md)"
    ),
}
APP = {
    "src/app/__init__.py": "",
    "src/app/domain.py": "import json\n",
}


def forbidden(rule_id: str, adr: str | None = None, to: str = "os") -> str:
    cite = f'adr = "{adr}"\n' if adr is not None else ""
    return f'[tool.fitness.rules.{rule_id}]\nkind = "forbidden"\nfrom = ["app.domain"]\nto = ["{to}"]\n{cite}'


def pyproject(*rules: str, extra: str = "") -> str:
    return '[tool.fitness]\nsource_roots = ["src"]\n' + extra + "\n" + "\n".join(rules)


def lines(result: Result) -> list[str]:
    """The finding lines of a text report."""
    return result.out.split("\n\n")[0].splitlines() if "\n\n" in result.out else []


def test_a_rule_citing_no_record(project: Project, run: Run) -> None:
    root = project(
        {**APP, **DECISIONS, "pyproject.toml": pyproject(forbidden("no-os", "ADR-0042"))}
    )

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "pyproject.toml:8:1: adr-missing: rule no-os cites ADR-0042, which is no ADR in docs/adr\n"
        "\n"
        "adr-missing  built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 error) in 2 files (0.00s).\n"
    )


def test_a_rule_citing_a_record_in_a_project_without_adrs(project: Project, run: Run) -> None:
    root = project({**APP, "pyproject.toml": pyproject(forbidden("no-os", "ADR-0004"))})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "pyproject.toml:8:1: adr-missing: rule no-os cites ADR-0004, but the project has no "
            "ADR directory (looked for .adr-dir, .log4brains.yml, doc/adr, docs/adr, "
            "docs/decisions, docs/architecture/decisions): set [tool.fitness.adr] dir"
        ],
    )


def test_a_rule_citing_a_record_in_a_directory_adr_dir_names_that_does_not_exist(
    project: Project, run: Run
) -> None:
    root = project(
        {**APP, ".adr-dir": "doc/arch\n", "pyproject.toml": pyproject(forbidden("no-os", "ADR-4"))}
    )

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "pyproject.toml:8:1: adr-missing: rule no-os cites ADR-4, but the project has no "
            "ADR directory (doc/arch (.adr-dir)): set [tool.fitness.adr] dir"
        ],
    )


def test_rules_citing_decisions_not_accepted_say_which(project: Project, run: Run) -> None:
    rules = (
        forbidden("proposed", "ADR-0002"),
        forbidden("rejected", "ADR 3"),
        forbidden("deprecated", "docs/adr/0004-log-to-files.md"),
        forbidden("accepted", "adr-1"),
    )
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(*rules)})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        'pyproject.toml:8:1: adr-not-accepted: rule proposed cites ADR-0002 "Use an ORM", which is proposed, not accepted [warning]\n'
        'pyproject.toml:14:1: adr-not-accepted: rule rejected cites ADR-0003 "Share the database", which is rejected, not accepted [warning]\n'
        'pyproject.toml:20:1: adr-not-accepted: rule deprecated cites ADR-0004 "Log to files", which is deprecated, not accepted [warning]\n'
        "\n"
        "adr-not-accepted  built-in  3 findings\n"
        "Rules: 4 kept, 0 broken. Found 3 findings (3 warnings) in 2 files (0.00s).\n"
    )


def test_a_rule_citing_a_superseded_decision_is_pointed_to_its_successor(
    project: Project, run: Run
) -> None:
    link = "[5. Call the gateway](docs/adr/0005-call-the-gateway.md)"
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(forbidden("gateway", link))})

    result = run("check", "--fail-on", "warning", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            'pyproject.toml:8:1: adr-superseded: rule gateway cites ADR-0005 "Call the gateway", '
            'superseded by ADR-0006 "Use an outbox": cite ADR-0006 if it still holds [warning]'
        ],
    )


def test_a_successor_that_is_no_record_is_named_as_written(project: Project, run: Run) -> None:
    decisions = {"docs/adr/0001-x.md": record("1. X", "Superseded by ADR-0009")}
    root = project({**APP, **decisions, "pyproject.toml": pyproject(forbidden("x", "ADR-1"))})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "docs/adr/0001-x.md:5:1: adr-missing: ADR-0001 is superseded by ADR-0009, which is "
            "no ADR in docs/adr",
            'pyproject.toml:8:1: adr-superseded: rule x cites ADR-0001 "X", superseded by ADR-0009 [warning]',
        ],
    )


def test_a_superseded_by_link_to_a_missing_file_is_adr_missing_at_the_status_line(
    project: Project, run: Run
) -> None:
    decisions = {
        "docs/adr/0001-x.md": record("1. X", "Accepted\n\nSuperseded by [2. Y](0002-y.md)"),
        "docs/adr/0003-z.md": record("3. Z", "Superseded by [4. W](0004-w.md)"),
        "docs/adr/0004-w.md": record("4. W", "Accepted"),
    }
    root = project({**APP, **decisions, "pyproject.toml": pyproject(forbidden("x", "ADR-4"))})

    result = run("check", cwd=root)

    assert (result.code, result.out) == (
        1,
        "docs/adr/0001-x.md:7:1: adr-missing: ADR-0001 is superseded by 0002-y.md, which is "
        "no ADR in docs/adr\n"
        "\n"
        "adr-missing  built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 error) in 2 files (0.00s).\n",
    )


def test_require_for_rules(project: Project, run: Run) -> None:
    extra = "\n[tool.fitness.adr]\nrequire_for_rules = true\n"
    rules = (forbidden("cites", "ADR-0001"), forbidden("cites-nothing"))
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(*rules, extra=extra)})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "pyproject.toml:13:1: adr-required: rule cites-nothing cites no ADR, and "
            '[tool.fitness.adr] require_for_rules is on: add adr = "ADR-NNNN" naming the '
            "decision it enforces"
        ],
    )


def test_without_require_for_rules_a_rule_need_not_cite(project: Project, run: Run) -> None:
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(forbidden("plain"))})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (0, [])


def test_records_that_cannot_be_read(project: Project, run: Run) -> None:
    decisions = {
        "docs/adr/0001-fine.md": record("1. Fine", "Accepted"),
        "docs/adr/0001-same-number.md": record("1. Same number", "Accepted"),
        "docs/adr/0002-broken.md": "---\nstatus: accepted\ndate: 2024-01-02\n\n# 2. Broken\n",
        "docs/adr/0003-no-status.md": "# 3. No status\n\n## Context\n\nWhy.\n",
        "docs/adr/0004-pending.md": record("4. Pending", "Pending review"),
        "docs/adr/0005-quote.md": '---\nstatus: "accepted\n---\n# 5. Quote\n',
    }
    root = project({**APP, **decisions, "pyproject.toml": pyproject(forbidden("x", "ADR-1"))})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "docs/adr/0001-same-number.md:1:1: adr-unreadable: ADR-0001 is also the number of "
            "docs/adr/0001-fine.md: a reference to ADR-0001 means that one; renumber this record",
            "docs/adr/0002-broken.md:1:1: adr-unreadable: the front matter opened on line 1 is "
            "never closed with '---'",
            "docs/adr/0003-no-status.md:1:1: adr-unreadable: no status: add a '## Status' "
            "section, a '* Status: accepted' line or 'status:' front matter",
            "docs/adr/0004-pending.md:5:1: adr-unreadable: unknown status 'Pending review': "
            "write one of proposed, accepted, rejected, deprecated or superseded by <ADR>, or "
            "map the word in [tool.fitness.adr] statuses",
            'docs/adr/0005-quote.md:2:1: adr-unreadable: front matter line 2: the " quote is '
            "not closed",
        ],
    )


def test_a_configured_adr_directory_that_does_not_exist(project: Project, run: Run) -> None:
    extra = '\n[tool.fitness.adr]\ndir = "docs/decisions"\n'
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(forbidden("x"), extra=extra)})

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        "pyproject.toml:5: tool.fitness.adr.dir: ADR directory 'docs/decisions' is not a directory\n",
    )


def test_the_configured_directory_is_read(project: Project, run: Run) -> None:
    extra = '\n[tool.fitness.adr]\ndir = "records"\n'
    files = {
        **APP,
        **DECISIONS,  # docs/adr is not read
        "records/0042-the-answer.md": record("42. The answer", "Rejected"),
        "pyproject.toml": pyproject(
            forbidden("x", "ADR-0042"), forbidden("y", "ADR-1"), extra=extra
        ),
    }
    root = project(files)

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            'pyproject.toml:11:1: adr-not-accepted: rule x cites ADR-0042 "The answer", which is rejected, not accepted [warning]',
            "pyproject.toml:17:1: adr-missing: rule y cites ADR-1, which is no ADR in records",
        ],
    )


# Rule packs: the finding is where the `adr` key is written.

TEAM = """\
[rules.pack-cites]
kind = "forbidden"
from = ["app.domain"]
to = ["os"]
adr = "ADR-0042"

[rules.pack-overridden]
kind = "forbidden"
from = ["app.domain"]
to = ["os"]
adr = "ADR-0001"

[rules.pack-silent]
kind = "forbidden"
from = ["app.domain"]
to = ["os"]
"""


def test_a_pack_rules_adr_is_checked_in_the_pack(project: Project, run: Run) -> None:
    text = (
        '[tool.fitness]\nsource_roots = ["src"]\nextends = ["team.toml"]\n\n'
        "[tool.fitness.rules.pack-overridden]\n"
        'adr = "ADR 3"\n'
    )
    root = project({**APP, **DECISIONS, "team.toml": TEAM, "pyproject.toml": text})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            'pyproject.toml:6:1: adr-not-accepted: rule pack-overridden cites ADR-0003 "Share the database", which is rejected, not accepted [warning]',
            "team.toml:5:1: adr-missing: rule pack-cites cites ADR-0042, which is no ADR in docs/adr",
        ],
    )


def test_a_path_in_a_pack_is_relative_to_the_pack(project: Project, run: Run) -> None:
    pack = (
        '[rules.pure]\nkind = "forbidden"\nfrom = ["app.domain"]\nto = ["json"]\n'
        'adr = "../docs/adr/0001-keep-the-domain-pure.md"\n'
    )
    text = '[tool.fitness]\nsource_roots = ["src"]\nextends = ["packs/team.toml"]\n'
    root = project({**APP, **DECISIONS, "packs/team.toml": pack, "pyproject.toml": text})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "src/app/domain.py:1:1: pure: app.domain must not import json (ADR-0001: Keep the domain pure)"
        ],
    )


def test_require_for_rules_points_at_a_pack_rules_table(project: Project, run: Run) -> None:
    text = (
        '[tool.fitness]\nsource_roots = ["src"]\nextends = ["team.toml"]\n\n'
        "[tool.fitness.adr]\nrequire_for_rules = true\n"
    )
    root = project({**APP, **DECISIONS, "team.toml": TEAM, "pyproject.toml": text})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "team.toml:5:1: adr-missing: rule pack-cites cites ADR-0042, which is no ADR in docs/adr",
            "team.toml:13:1: adr-required: rule pack-silent cites no ADR, and [tool.fitness.adr] "
            'require_for_rules is on: add adr = "ADR-NNNN" naming the decision it enforces',
        ],
    )


def test_select_reports_only_the_selected_rules_citation(project: Project, run: Run) -> None:
    rules = (
        forbidden("one", "ADR-0041"),
        forbidden("two", "ADR-0042"),
        forbidden("three", "ADR 2"),
    )
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(*rules)})

    result = run("check", "--select", "two", cwd=root)

    assert (result.code, result.out) == (
        1,
        "pyproject.toml:14:1: adr-missing: rule two cites ADR-0042, which is no ADR in docs/adr\n"
        "\n"
        "adr-missing  built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 error) in 2 files (0.00s).\n",
    )


# The text report names the decision a broken rule enforces.


def test_a_rules_finding_shows_its_decision(project: Project, run: Run) -> None:
    rules = (
        forbidden("pure", "adr-1", to="json"),
        forbidden("cited-as-written", "ADR-0042", to="json"),
        forbidden("uncited", to="json"),
    )
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(*rules)})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            "pyproject.toml:14:1: adr-missing: rule cited-as-written cites ADR-0042, which is no ADR in docs/adr",
            "src/app/domain.py:1:1: cited-as-written: app.domain must not import json (ADR-0042)",
            "src/app/domain.py:1:1: pure: app.domain must not import json (ADR-0001: Keep the domain pure)",
            "src/app/domain.py:1:1: uncited: app.domain must not import json",
        ],
    )


STATUS_WORDS = (
    '\n[tool.fitness.adr.statuses]\nApproved = "accepted"\n"In review" = "proposed"\n'
    'Replaced = "superseded"\n'
)


def test_statuses_map_the_projects_words_to_the_built_in_ones(project: Project, run: Run) -> None:
    decisions = {
        "docs/adr/0001-x.md": record("1. X", "Approved"),
        "docs/adr/0002-y.md": record("2. Y", "In review"),
        "docs/adr/0003-z.md": record("3. Z", "Replaced by ADR-0001"),
        "docs/adr/0004-w.md": record("4. W", "approved."),
    }
    rules = [forbidden(f"r{n}", f"ADR-{n}") for n in range(1, 5)]
    root = project({**APP, **decisions, "pyproject.toml": pyproject(*rules, extra=STATUS_WORDS)})

    result = run("check", cwd=root)
    overview = run("adr", cwd=root)

    assert (result.code, lines(result)) == (
        0,
        [
            'pyproject.toml:19:1: adr-not-accepted: rule r2 cites ADR-0002 "Y", which is '
            "proposed, not accepted [warning]",
            'pyproject.toml:25:1: adr-superseded: rule r3 cites ADR-0003 "Z", superseded by '
            'ADR-0001 "X": cite ADR-0001 if it still holds [warning]',
        ],
    )
    assert overview.out.splitlines()[:5] == [
        "ADR       STATUS                  TITLE  CONFIRMATION  RULES (FINDINGS NOW)",
        "ADR-0001  accepted                X      confirmed     r1 (0)",
        "ADR-0002  proposed                Y      -             r2 (0)",
        "ADR-0003  superseded by ADR-0001  Z      -             r3 (0)",
        "ADR-0004  accepted                W      confirmed     r4 (0)",
    ]


def test_a_status_word_mapped_to_no_status_is_a_configuration_error(
    project: Project, run: Run
) -> None:
    extra = '\n[tool.fitness.adr.statuses]\nApproved = "acepted"\nDone = 3\n'
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(forbidden("x"), extra=extra)})

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (
        2,
        "",
        "pyproject.toml:5: tool.fitness.adr.statuses.Approved: 'acepted' is not one of "
        "'proposed', 'accepted', 'rejected', 'deprecated', 'superseded' (did you mean "
        "'accepted'?)\n"
        "pyproject.toml:6: tool.fitness.adr.statuses.Done: expected a string, got an integer (3)\n",
    )


def several(rule_id: str, *adrs: str) -> str:
    listed = ", ".join(f'"{adr}"' for adr in adrs)
    return forbidden(rule_id, to="json") + f"adr = [{listed}]\n"


def test_a_rule_may_cite_several_decisions_and_each_is_checked(project: Project, run: Run) -> None:
    rule = (
        '[tool.fitness.rules.no-json]\nkind = "forbidden"\nfrom = ["app.domain"]\n'
        'to = ["json"]\nadr = [\n  "ADR-0001",\n  "ADR-0002",\n  "ADR-0042",\n]\n'
    )
    root = project({**APP, **DECISIONS, "pyproject.toml": pyproject(rule)})

    result = run("check", "--fail-on", "never", cwd=root)

    assert result.out == (
        'pyproject.toml:10:1: adr-not-accepted: rule no-json cites ADR-0002 "Use an ORM", which '
        "is proposed, not accepted [warning]\n"
        "pyproject.toml:11:1: adr-missing: rule no-json cites ADR-0042, which is no ADR in "
        "docs/adr\n"
        "src/app/domain.py:1:1: no-json: app.domain must not import json (ADR-0001: Keep the "
        "domain pure; ADR-0002: Use an ORM; ADR-0042)\n"
        "\n"
        "no-json           forbidden  broken  1 finding\n"
        "adr-missing       built-in   1 finding\n"
        "adr-not-accepted  built-in   1 finding\n"
        "Rules: 0 kept, 1 broken. Found 3 findings (2 errors, 1 warning) in 2 files (0.00s).\n"
    )


def test_every_command_shows_every_decision_a_rule_cites(project: Project, run: Run) -> None:
    root = project(
        {**APP, **DECISIONS, "pyproject.toml": pyproject(several("no-json", "ADR-1", "ADR-6"))}
    )

    rules = run("rules", cwd=root)
    overview = run("adr", cwd=root)
    as_json = json.loads(run("check", "--format", "json", cwd=root).out)

    assert rules.out == (
        "RULE     KIND       SEVERITY  ADR           DESCRIPTION\n"
        "no-json  forbidden  error     ADR-1, ADR-6  app.domain must not import json\n"
    )
    assert [line for line in overview.out.splitlines() if "no-json" in line] == [
        "ADR-0001  accepted                Keep the domain pure  broken        no-json (1)",
        "ADR-0006  accepted                Use an outbox         broken        no-json (1)",
    ]
    [rule] = as_json["rules"]
    assert (rule["adr"], rule["adrs"], [d["key"] for d in rule["decisions"]]) == (
        "ADR-1",
        ["ADR-1", "ADR-6"],
        ["ADR-0001", "ADR-0006"],
    )
    assert as_json["findings"][0]["adrs"] == ["ADR-1", "ADR-6"]


def test_an_empty_list_of_decisions_is_a_configuration_error(project: Project, run: Run) -> None:
    blank = project(
        {**APP, **DECISIONS, "pyproject.toml": pyproject(forbidden("x") + 'adr = ["ADR-1", " "]\n')}
    )
    assert run("check", cwd=blank).err == (
        'pyproject.toml:8: tool.fitness.rules.x.adr[1]: must name an ADR, such as "ADR-0004" '
        "(or leave the key out)\n"
    )

    empty = project({"pyproject.toml": pyproject(forbidden("y") + "adr = []\n")})
    assert run("check", cwd=empty).err == (
        'pyproject.toml:8: tool.fitness.rules.y.adr: must name an ADR, such as "ADR-0004" '
        "(or leave the key out)\n"
    )
