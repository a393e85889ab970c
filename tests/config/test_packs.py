"""Rule packs (`extends`): what joins the configuration, overrides, and every mistake's message.

End to end through the CLI. The mechanism is tested with local packs of graph
rules, so it does not depend on what the built-in packs hold; the built-in
packs are loaded by name where the name is what is tested.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.config import packs
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

MODULES = {
    "src/shop/__init__.py": "",
    "src/shop/api.py": "",
    "src/shop/ops.py": "import os\n",  # else ops-apart examines no import: vacuous
    "src/shop/domain.py": "from shop import api\n",
}

# A pack whose one rule the project breaks (shop.domain imports shop.api).
TEAM = """
[rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["shop.api"]
message = "Keep the domain free of the API."
"""

OWN_RULE = """
[tool.fitness.rules.ops-apart]
kind = "independence"
modules = ["shop.ops", "shop.api"]
"""


def pyproject(extends: str, rules: str = OWN_RULE) -> str:
    return f'[tool.fitness]\nsource_roots = ["src"]\nextends = {extends}\n{rules}'


def errors(result: Result) -> list[str]:
    assert (result.code, result.out) == (2, ""), result
    return result.err.splitlines()


def findings(result: Result) -> list[tuple[str, str, str, str | None]]:
    """(rule, severity, path:line, guidance) of each finding of a JSON report."""
    return [
        (f["rule"], f["severity"], f"{f['path']}:{f['line']}", f["guidance"])
        for f in json.loads(result.out)["findings"]
    ]


def rule_ids(run: Run, root: Path, status: str = "on") -> list[str]:
    """The ids `fitness rules` lists (after its header): those that run, or those `disabled`."""
    result = run("rules", cwd=root)
    assert result.code == 0, result
    rows = [line.split() for line in result.out.splitlines()[1:] if not line.startswith(" ")]
    return [row[0] for row in rows if (row[2] == "disabled") == (status == "disabled")]


# What joins the configuration.


def test_a_local_packs_rules_come_first_then_the_configurations_own(
    project: Project, run: Run
) -> None:
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["packs/team.toml"]'), "packs/team.toml": TEAM}
    )

    result = run("check", "--format", "json", cwd=root)

    assert result.code == 1, result
    assert findings(result) == [
        ("domain-is-pure", "error", "src/shop/domain.py:1", "Keep the domain free of the API.")
    ]
    assert rule_ids(run, root) == ["domain-is-pure", "ops-apart"]


def test_a_pack_may_extend_another_relative_to_itself_and_a_shared_pack_is_read_once(
    project: Project, run: Run
) -> None:
    root = project(
        {
            **MODULES,
            "pyproject.toml": pyproject('["packs/a.toml", "packs/b.toml"]'),
            "packs/a.toml": 'extends = ["base/common.toml"]\n',
            "packs/b.toml": 'extends = ["base/common.toml"]\n'
            + OWN_RULE.replace("tool.fitness.rules.ops-apart", "rules.b-apart"),
            "packs/base/common.toml": TEAM,
        }
    )

    assert rule_ids(run, root) == ["domain-is-pure", "b-apart", "ops-apart"]


def test_a_built_in_pack_is_named_fitness_colon_name(project: Project, run: Run) -> None:
    root = project({**MODULES, "pyproject.toml": pyproject('["fitness:security"]', rules="")})

    ids = rule_ids(run, root)

    assert ids[0] == "security-pickle"
    assert all(rule_id.startswith("security-") for rule_id in ids)


def test_a_pack_rule_for_a_newer_python_runs_once_the_project_requires_it(
    project: Project, run: Run
) -> None:
    root = project({**MODULES, "pyproject.toml": pyproject('["fitness:modern-python"]', "")})
    ids = rule_ids(run, root)  # no requires-python: 3.9 or later is assumed
    assert ("modern-typing-builtins" in ids, "modern-optional-union" in ids) == (True, False)

    for requires, expected in ((">=3.8", (False, False)), ("^3.10", (True, True))):
        declared = f'[project]\nname = "shop"\nrequires-python = "{requires}"\n'
        text = declared + pyproject('["fitness:modern-python"]', "")
        (root / "pyproject.toml").write_text(text, encoding="utf-8")
        ids = rule_ids(run, root)
        assert ("modern-typing-builtins" in ids, "modern-optional-union" in ids) == expected


# Overrides.

_VACUOUS = ("vacuous-rule", "warning", "team.toml:1", None)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        pytest.param(
            'severity = "warning"\nmessage = "Route it through shop.ops."\n',
            [("domain-is-pure", "warning", "src/shop/domain.py:1", "Route it through shop.ops.")],
            id="severity-and-message",
        ),
        # Narrowed to no module of its own, the rule checks nothing: vacuous, in the pack.
        pytest.param('exclude = ["shop.domain"]\n', [_VACUOUS], id="exclude"),
        pytest.param('include = ["shop.api"]\n', [_VACUOUS], id="include"),
        pytest.param("enabled = false\n", [], id="switched-off"),
        pytest.param(
            "enabled = true\n",
            [
                (
                    "domain-is-pure",
                    "error",
                    "src/shop/domain.py:1",
                    "Keep the domain free of the API.",
                )
            ],
            id="switched-on-changes-nothing-else",
        ),
    ],
)
def test_a_table_without_kind_overrides_the_pack_rule_of_its_id(
    project: Project, run: Run, override: str, expected: list[tuple[str, str, str, str]]
) -> None:
    rules = OWN_RULE + f"\n[tool.fitness.rules.domain-is-pure]\n{override}"
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": TEAM}
    )

    result = run("check", "--format", "json", cwd=root)

    assert result.code == (1 if any(f[1] == "error" for f in expected) else 0), result
    assert findings(result) == expected


def test_switched_off_the_pack_rule_is_gone_from_the_rules(project: Project, run: Run) -> None:
    rules = OWN_RULE + "\n[tool.fitness.rules.domain-is-pure]\nenabled = false\n"
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": TEAM}
    )

    assert rule_ids(run, root) == ["ops-apart"]
    assert rule_ids(run, root, "disabled") == ["domain-is-pure"]
    assert run("check", "--select", "domain-is-pure", cwd=root).err == (
        "fitness: --select domain-is-pure: no rule 'domain-is-pure' in pyproject.toml; the "
        "configured rules are: ops-apart\n"
    )


def test_a_switched_off_pack_rule_is_not_checked_at_all(project: Project, run: Run) -> None:
    """The user cannot fix a pack's rule; switching it off is the way out of its problems."""
    rules = OWN_RULE + "\n[tool.fitness.rules.domain-is-pure]\nenabled = false\n"
    broken = TEAM.replace('"shop.api"]', '"shop.api"]\nalow_indirect = true')
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": broken}
    )

    assert run("check", cwd=root).code == 0


def test_a_table_with_kind_replaces_the_pack_rule_in_its_place(project: Project, run: Run) -> None:
    rules = OWN_RULE + (
        '\n[tool.fitness.rules.domain-is-pure]\nkind = "forbidden"\n'
        'from = ["shop.domain"]\nto = ["shop.ops"]\n'
    )
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": TEAM}
    )

    result = run("check", "--format", "json", cwd=root)

    assert (result.code, findings(result)) == (0, [])
    assert rule_ids(run, root) == ["domain-is-pure", "ops-apart"]


def test_an_unused_ignore_of_a_pack_rule_is_reported_in_the_pack(
    project: Project, run: Run
) -> None:
    team = TEAM + 'ignore = ["shop.ops -> shop.api"]\n'
    override = '\n[tool.fitness.rules.domain-is-pure]\nignore = ["shop.api -> shop.ops"]\n'
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["packs/team.toml"]'), "packs/team.toml": team}
    )

    in_pack = findings(run("check", "--format", "json", cwd=root))
    project({"pyproject.toml": pyproject('["packs/team.toml"]', OWN_RULE + override)})
    in_override = findings(run("check", "--format", "json", cwd=root))

    guidance = "Keep the domain free of the API."
    assert in_pack == [
        ("domain-is-pure", "error", "packs/team.toml:6", guidance),
        ("domain-is-pure", "error", "src/shop/domain.py:1", guidance),
    ]
    assert in_override == [
        ("domain-is-pure", "error", "pyproject.toml:10", guidance),
        ("domain-is-pure", "error", "src/shop/domain.py:1", guidance),
    ]


# Mistakes: each with its exact message, in the file and on the line it is on.


def test_an_unknown_built_in_pack(project: Project, run: Run) -> None:
    root = project({**MODULES, "pyproject.toml": pyproject('["fitness:securty", "fitness:x"]')})

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:3: tool.fitness.extends[0]: no built-in rule pack 'securty' "
        "(did you mean 'fitness:security'?); built-in packs: modern-python, security",
        "pyproject.toml:3: tool.fitness.extends[1]: no built-in rule pack 'x'; built-in packs: "
        "modern-python, security",
    ]


def test_a_missing_local_pack(project: Project, run: Run) -> None:
    root = project(
        {
            **MODULES,
            "pyproject.toml": pyproject('["packs/tem.toml", "security", "gone.toml"]'),
            "packs/team.toml": TEAM,
        }
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:3: tool.fitness.extends[0]: no rule pack file 'packs/tem.toml' (a path in "
        "extends is relative to the directory of pyproject.toml; did you mean 'packs/team.toml'?)",
        "pyproject.toml:3: tool.fitness.extends[1]: no rule pack file 'security' (a path in "
        "extends is relative to the directory of pyproject.toml; did you mean 'fitness:security'?)",
        "pyproject.toml:3: tool.fitness.extends[2]: no rule pack file 'gone.toml' (a path in "
        "extends is relative to the directory of pyproject.toml)",
    ]


def test_a_missing_pack_named_from_another_directory_shows_where_it_was_looked_for(
    project: Project, run: Run
) -> None:
    root = project(
        {
            **MODULES,
            "pyproject.toml": pyproject('["ci/team.toml"]'),
            "ci/team.toml": 'extends = ["base.toml"]\n',
        }
    )

    assert errors(run("check", cwd=root)) == [
        "ci/team.toml:1: extends[0]: no rule pack file 'base.toml' (looked for ci/base.toml; a "
        "path in extends is relative to the directory of ci/team.toml)",
    ]


def test_a_pack_with_unknown_keys_is_reported_in_the_pack(project: Project, run: Run) -> None:
    team = 'source_roots = ["src"]\n' + TEAM + "alow_indirect = true\n"
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["packs/team.toml"]'), "packs/team.toml": team}
    )

    assert errors(run("check", cwd=root)) == [
        "packs/team.toml:1: unknown key 'source_roots'",
        "packs/team.toml:8: rules.domain-is-pure: unknown key 'alow_indirect' "
        "(did you mean 'allow_indirect'?)",
    ]


def test_problems_of_several_files_are_listed_together_by_file_then_line(
    project: Project, run: Run
) -> None:
    team = TEAM.replace('from = ["shop.domain"]', 'from = ["shop.domian"]').replace(
        "[rules.domain-is-pure]", '[rules.domain-is-pure]\nseverity = "fatal"'
    )
    config = pyproject('["packs/team.toml", "fitness:securty"]', OWN_RULE + "type_checking = 1\n")
    root = project({**MODULES, "pyproject.toml": config, "packs/team.toml": team})

    assert errors(run("check", cwd=root)) == [
        "packs/team.toml:2: rules.domain-is-pure.severity: 'fatal' is not one of 'error', "
        "'warning', 'note'",
        "packs/team.toml:4: rules.domain-is-pure.from[0]: no module 'shop.domian' under the "
        "source roots (did you mean 'shop.domain'?)",
        "pyproject.toml:3: tool.fitness.extends[1]: no built-in rule pack 'securty' (did you "
        "mean 'fitness:security'?); built-in packs: modern-python, security",
        "pyproject.toml:8: tool.fitness.rules.ops-apart.type_checking: expected a string, got "
        "an integer (1)",
    ]


def test_a_pack_that_is_not_toml(project: Project, run: Run) -> None:
    root = project(
        {
            **MODULES,
            "pyproject.toml": pyproject('["team.toml"]', OWN_RULE + "severity = 3\n"),
            "team.toml": "[rules.x]\nkind = = 1\n",
        }
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:8: tool.fitness.rules.ops-apart.severity: expected a string, got an "
        "integer (3)",
        "team.toml:2:8: invalid TOML: Invalid value",
    ]


def test_a_pack_without_rules(project: Project, run: Run) -> None:
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]'), "team.toml": "[rules]\n"}
    )

    assert errors(run("check", cwd=root)) == [
        "team.toml:1: no rules in this rule pack: add [rules.<id>] tables"
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"a.toml": 'extends = ["b.toml"]\n' + TEAM, "b.toml": 'extends = ["a.toml"]\n'},
            ["b.toml:1: extends[0]: circular extends: a.toml -> b.toml -> a.toml"],
            id="two-packs",
        ),
        pytest.param(
            {"a.toml": 'extends = ["a.toml"]\n' + TEAM},
            ["a.toml:1: extends[0]: circular extends: a.toml -> a.toml"],
            id="itself",
        ),
        pytest.param(
            {"a.toml": 'extends = ["pyproject.toml"]\n' + TEAM},
            ["a.toml:1: extends[0]: circular extends: pyproject.toml -> a.toml -> pyproject.toml"],
            id="the-configuration",
        ),
    ],
)
def test_a_circular_extends_names_the_cycle(
    project: Project, run: Run, files: dict[str, str], expected: list[str]
) -> None:
    root = project({**MODULES, "pyproject.toml": pyproject('["a.toml"]'), **files})

    assert errors(run("check", cwd=root)) == expected


def test_a_rule_id_two_packs_define(project: Project, run: Run) -> None:
    root = project(
        {
            **MODULES,
            "pyproject.toml": pyproject('["a.toml", "b.toml"]'),
            "a.toml": TEAM,
            "b.toml": "# the same id, another rule\n" + TEAM.replace('"shop.api"]', '"shop.ops"]'),
        }
    )

    assert errors(run("check", cwd=root)) == [
        "b.toml:3: rules.domain-is-pure: rule 'domain-is-pure' is also defined in a.toml:1: a "
        "rule id may come from one extended pack only"
    ]


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        pytest.param(
            "[tool.fitness.rules.domain-is-pure]\nenabled = 'no'\n",
            [
                "pyproject.toml:10: tool.fitness.rules.domain-is-pure.enabled: expected true or "
                "false, got a string ('no')"
            ],
            id="enabled-not-a-boolean",
        ),
        pytest.param(
            "[tool.fitness.rules.domain-is-pur]\nenabled = false\n",
            [
                "pyproject.toml:9: tool.fitness.rules.domain-is-pur: no extended rule pack "
                "defines a rule 'domain-is-pur' (did you mean 'domain-is-pure'?): a table "
                "without a kind overrides a pack rule; give it a kind to make it a rule of its own"
            ],
            id="switching-off-an-unknown-id",
        ),
        pytest.param(
            "[tool.fitness.rules.domain-is-pure]\nto = ['shop.ops']\n",
            [
                "pyproject.toml:10: tool.fitness.rules.domain-is-pure.to: an override of a pack "
                "rule (team.toml:1) may set only adr, allow_in, dynamic, enabled, exclude, "
                "ignore, include, message, python, severity, suppressible, type_checking; give the "
                "table a kind to replace the rule instead"
            ],
            id="a-key-an-override-cannot-set",
        ),
        pytest.param(
            "[tool.fitness.rules.domain-is-pure]\nseverty = 'note'\n",
            [
                "pyproject.toml:10: tool.fitness.rules.domain-is-pure: unknown key 'severty' "
                "(did you mean 'severity'?)"
            ],
            id="a-typo",
        ),
        pytest.param(
            "[tool.fitness.rules.domain-is-pure]\nallow_in = ['shop.ops']\nseverity = 'loud'\n",
            [
                "pyproject.toml:10: tool.fitness.rules.domain-is-pure: unknown key 'allow_in' "
                "(did you mean 'allow_indirect'?)",
                "pyproject.toml:11: tool.fitness.rules.domain-is-pure.severity: 'loud' is not "
                "one of 'error', 'warning', 'note'",
            ],
            id="keys-the-kind-judges-are-reported-in-the-override",
        ),
        pytest.param(
            "[tool.fitness.rules.domain-is-pure]\nexclude = ['shop.nothing']\n",
            [
                "pyproject.toml:10: tool.fitness.rules.domain-is-pure.exclude[0]: no module "
                "'shop.nothing' under the source roots (did you mean 'shop.domain'?)"
            ],
            id="modules-of-an-override-are-checked-in-the-override",
        ),
        pytest.param(
            "[tool.fitness.rules.mine]\nseverity = 'note'\n",
            [
                "pyproject.toml:9: tool.fitness.rules.mine: no extended rule pack defines a rule "
                "'mine': a table without a kind overrides a pack rule; give it a kind to make it "
                "a rule of its own"
            ],
            id="no-kind-and-no-pack-rule",
        ),
    ],
)
def test_override_mistakes(project: Project, run: Run, override: str, expected: list[str]) -> None:
    rules = OWN_RULE + "\n" + override
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": TEAM}
    )

    assert errors(run("check", cwd=root)) == expected


def test_switching_off_without_extends_names_no_pack(project: Project, run: Run) -> None:
    config = (
        '[tool.fitness]\nsource_roots = ["src"]\n'
        + OWN_RULE
        + ("\n[tool.fitness.rules.security-eval]\nenabled = false\n")
    )
    root = project({**MODULES, "pyproject.toml": config})

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:8: tool.fitness.rules.security-eval: no extended rule pack defines a rule "
        "'security-eval' (extends names no rule pack): a table without a kind overrides a pack "
        "rule; give it a kind to make it a rule of its own"
    ]


def test_every_rule_switched_off_checks_nothing(project: Project, run: Run) -> None:
    rules = "[tool.fitness.rules.domain-is-pure]\nenabled = false\n"
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": TEAM}
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:1: tool.fitness: every rule is switched off (enabled = false), so nothing "
        "would be checked"
    ]


def test_examples_are_read_in_packs_only(project: Project, run: Run) -> None:
    rules = OWN_RULE + "examples.valid = ['x = 1']\n"
    team = TEAM + "examples.valid = ['x = 1']\nexamples.invalid = [3]\nexamples.other = []\n"
    root = project(
        {**MODULES, "pyproject.toml": pyproject('["team.toml"]', rules), "team.toml": team}
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:8: tool.fitness.rules.ops-apart.examples: examples are read in rule "
        "packs only (files named in extends)",
        "team.toml:7: rules.domain-is-pure.examples.invalid[0]: expected a string, got an "
        "integer (3)",
        "team.toml:8: rules.domain-is-pure.examples: unknown key 'other'",
    ]


def test_a_problem_in_a_built_in_pack_names_the_pack_file(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "broken.toml").write_text(
        '[rules.broken-shell]\nkind = "banned-api"\napis = ["os.", "os.system"]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(packs, "_packs_directory", lambda: shipped)
    root = project({**MODULES, "pyproject.toml": pyproject('["fitness:broken"]')})

    assert errors(run("check", cwd=root)) == [
        "rules/broken.toml:3: rules.broken-shell.apis[0]: 'os.' has an empty segment"
    ]


def test_the_readme_shows_the_errors_as_fitness_prints_them(project: Project, run: Run) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Rule packs", 1)[1]
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    shown = next(body for language, body in blocks if not language)
    root = project(
        {
            **MODULES,
            "pyproject.toml": """
                [tool.fitness]
                source_roots = ["src"]
                extends = ["fitness:securty", "ci/team.toml", "fitness:security", "ci/a.toml", "ci/b.toml"]

                [tool.fitness.rules.security-pickel]
                enabled = false

                [tool.fitness.rules.security-pickle]
                apis = ["pickle"]
            """,
            "ci/teams.toml": "",
            "ci/a.toml": '[rules.no-eval]\nkind = "banned-api"\napis = ["eval"]\n',
            "ci/b.toml": 'extends = ["c.toml"]\n\n[rules.no-eval]\nkind = "banned-api"\napis = ["eval"]\n',
            "ci/c.toml": 'extends = ["b.toml"]\n',
        }
    )

    assert errors(run("check", cwd=root)) == shown.splitlines()
