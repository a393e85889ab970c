"""Which Pythons a project supports, read from pyproject.toml, and a rule's `python`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.config.python_versions import ASSUMED, minors_of, supported, unmet
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]


@pytest.mark.parametrize(
    ("specifier", "first", "last"),
    [
        (">=3.8", 8, 39),
        (">=3.8,<4", 8, 39),
        (">=3.8, <3.13", 8, 12),
        (">=3.8 <3.11", 8, 10),  # Poetry separates clauses with spaces too
        ("^3.8", 8, 39),
        ("~3.8", 8, 8),
        ("~=3.8", 8, 39),
        ("~=3.8.1", 8, 8),
        (">=3.8.1", 8, 39),  # 3.8.1 and later releases of 3.8 are supported
        (">3.8", 8, 39),
        ("<=3.10", 0, 10),
        ("==3.10.*", 10, 10),
        ("*", 0, 39),
    ],
)
def test_a_project_supports_each_minor_version_some_release_of_which_meets_it(
    specifier: str, first: int, last: int
) -> None:
    minors = minors_of(specifier, every_release=False)

    assert minors == frozenset(range(first, last + 1))


def test_exclusions_and_alternatives() -> None:
    assert minors_of("!=3.9.*,>=3.8,<3.12", every_release=False) == {8, 10, 11}
    assert minors_of("3.9 || ^3.11", every_release=False) == frozenset({9, *range(11, 40)})


def test_a_rule_holds_for_a_minor_version_when_every_release_meets_it() -> None:
    assert minors_of(">=3.8.1", every_release=True) == frozenset(range(9, 40))
    assert unmet(">=3.9", supported(">=3.8.1", "project.requires-python")) == ["3.8"]
    assert unmet(">=3.9", supported("^3.9", "tool.poetry.dependencies.python")) == []


@pytest.mark.parametrize("specifier", ["py3", ">=three", ">3.8.*", "~=3", ""])
def test_what_is_no_specifier_is_none_and_the_project_is_assumed_to_need_3_9(
    specifier: str,
) -> None:
    assert minors_of(specifier, every_release=False) is None
    project = supported(specifier, "project.requires-python")
    assert (project.minors, project.declared) == (ASSUMED, "")
    assert project.problem == (
        f"project.requires-python = '{specifier}' is no version specifier fitness can read: "
        "it assumes Python 3.9 or later"
    )


SOURCE = (
    "from typing import List, Sequence\n\n\ndef f(a: Sequence[int]) -> List[int]:\n    return []\n"
)
PACK = '[tool.fitness]\nsource_roots = ["src"]\nextends = ["fitness:modern-python"]\n'
WARNINGS = [
    "src/shop/__init__.py:1:20: modern-typing-builtins: typing.List is banned [warning]",
    "src/shop/__init__.py:1:26: modern-typing-collections: typing.Sequence is banned [warning]",
]


def _findings(result: Result) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith("src/")]


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        pytest.param('[project]\nrequires-python = ">=3.8"\n', [], id="pep-621-3.8"),
        pytest.param('[project]\nrequires-python = ">=3.9"\n', WARNINGS, id="pep-621-3.9"),
        pytest.param('[tool.poetry.dependencies]\npython = "^3.8"\n', [], id="poetry-3.8"),
        pytest.param(
            '[project]\nrequires-python = ">=3.9"\n[tool.poetry.dependencies]\npython = "^3.8"\n',
            WARNINGS,
            id="pep-621-first",
        ),
        pytest.param("", WARNINGS, id="undeclared-assumes-3.9"),
    ],
)
def test_modern_python_bans_a_name_only_when_every_supported_python_has_the_replacement(
    project: Project, run: Run, declared: str, expected: list[str]
) -> None:
    root = project({"pyproject.toml": declared + PACK, "src/shop/__init__.py": SOURCE})

    result = run("check", "--no-cache", cwd=root)

    assert (result.code, _findings(result), result.err) == (0, expected, "")


def test_a_rule_of_its_own_says_which_pythons_it_needs_and_explain_shows_it(
    project: Project, run: Run
) -> None:
    rule = (
        '[tool.fitness.rules.no-optional]\nkind = "banned-api"\npython = ">=3.10"\n'
        'apis = ["typing.Optional"]\n'
    )
    root = project(
        {
            "pyproject.toml": '[project]\nrequires-python = ">=3.8,<3.13"\n'
            '[tool.fitness]\nsource_roots = ["src"]\n' + rule,
            "src/shop/__init__.py": "from typing import Optional\n",
        }
    )

    checked = run("check", "--no-cache", cwd=root)
    explained = run("explain", "no-optional", cwd=root)

    assert (checked.code, _findings(checked)) == (0, [])
    assert (explained.code, explained.err) == (0, "")
    assert explained.out == (
        "no-optional: a banned-api rule (error), defined in pyproject.toml\n"
        "  bans typing.Optional\n"
        "python: >=3.10: not run, since the project supports 3.8 to 3.12 "
        "(project.requires-python = '>=3.8,<3.13' in pyproject.toml), "
        "and 3.8, 3.9 do not meet it\n"
        "Run `fitness explain banned-api` for what the kind checks and its keys.\n"
    )


def test_a_rule_runs_when_every_supported_python_meets_it(project: Project, run: Run) -> None:
    root = project(
        {
            "pyproject.toml": '[tool.poetry.dependencies]\npython = "~3.11"\n' + PACK,
            "src/shop/__init__.py": "from typing import Optional\n",
        }
    )

    checked = run("check", "--no-cache", cwd=root)
    explained = run("explain", "modern-optional-union", cwd=root)

    assert _findings(checked) == [
        "src/shop/__init__.py:1:20: modern-optional-union: typing.Optional is banned [warning]"
    ]
    assert explained.out.splitlines()[2] == (
        "python: >=3.10: run, since every Python the project supports (3.11 "
        "(tool.poetry.dependencies.python = '~3.11' in pyproject.toml)) meets it"
    )


def test_an_unreadable_requires_python_is_a_warning_and_3_9_is_assumed(
    project: Project, run: Run
) -> None:
    root = project(
        {
            "pyproject.toml": '[project]\nrequires-python = "py3"\n' + PACK,
            "src/shop/__init__.py": SOURCE,
        }
    )

    result = run("check", "--no-cache", cwd=root)

    assert result.code == 0
    assert _findings(result) == WARNINGS
    assert (
        "project.requires-python = 'py3' is no version specifier fitness can read: "
        "it assumes Python 3.9 or later"
    ) in result.out.splitlines()


def test_a_python_key_fitness_cannot_read_is_a_configuration_error(
    project: Project, run: Run
) -> None:
    root = project(
        {
            "pyproject.toml": '[tool.fitness]\nsource_roots = ["src"]\n'
            '[tool.fitness.rules.no-eval]\nkind = "banned-api"\npython = "3.9+"\n'
            'apis = ["eval"]\n',
            "src/shop/__init__.py": "",
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        "pyproject.toml:5: tool.fitness.rules.no-eval.python: '3.9+' is no version specifier "
        'fitness can read: write one such as ">=3.9" (>=, >, <=, <, ==, !=, ~=, ^ and ~, '
        "clauses joined by commas)"
    ]


def test_selecting_a_rule_that_does_not_run_says_why(project: Project, run: Run) -> None:
    root = project(
        {
            "pyproject.toml": '[project]\nrequires-python = ">=3.8"\n' + PACK,
            "src/shop/__init__.py": SOURCE,
        }
    )

    result = run("check", "--select", "modern-typing-builtins", cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        "fitness: --select modern-typing-builtins: rule 'modern-typing-builtins' does not run for this "
        "project, whose Pythons (3.8 and later (project.requires-python = '>=3.8' in "
        "pyproject.toml)) do not all meet its python key; `fitness explain "
        "modern-typing-builtins` says which"
    ]
