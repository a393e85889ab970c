"""ruff's `# noqa: S301` silences the pack entries that declare that code, on its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

PACK = '[tool.fitness]\nsource_roots = ["src"]\nextends = ["fitness:security"]\n'
SOURCE = """\
import pickle
import subprocess

a = pickle.loads(blob)  # noqa: S301
b = pickle.loads(blob)  # noqa
c = pickle.loads(blob)  # noqa: E501
d = pickle.loads(blob)  # noqa: E501, S301
# noqa: S301
e = pickle.loads(blob)
subprocess.run(command, shell=True)  # noqa: S301
subprocess.run(command, shell=True)  # noqa: S602
"""


def _findings(result: Result) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith("src/")]


def test_a_noqa_naming_the_entrys_ruff_code_silences_that_entry_on_that_line(
    project: Project, run: Run
) -> None:
    root = project({"pyproject.toml": PACK, "src/shop/__init__.py": SOURCE})

    result = run("check", "--no-cache", cwd=root)

    assert result.code == 1
    assert _findings(result) == [
        "src/shop/__init__.py:5:5: security-pickle: pickle.loads is banned",
        "src/shop/__init__.py:6:5: security-pickle: pickle.loads is banned",
        "src/shop/__init__.py:9:5: security-pickle: pickle.loads is banned",
        "src/shop/__init__.py:10:1: security-shell: subprocess.run with shell=True is banned",
    ]


def test_a_rule_of_its_own_declares_ruff_codes_and_they_are_checked(
    project: Project, run: Run
) -> None:
    rule = '[tool.fitness.rules.no-eval]\nkind = "banned-api"\napis = [{{ name = "eval", ruff = {} }}]\n'
    base = '[tool.fitness]\nsource_roots = ["src"]\n'
    root = project(
        {
            "pyproject.toml": base + rule.format('["S307"]'),
            "src/shop/__init__.py": "x = eval(t)  # noqa: S307\ny = eval(t)\n",
        }
    )

    checked = run("check", "--no-cache", cwd=root)
    (root / "pyproject.toml").write_text(base + rule.format('"eval"'), encoding="utf-8")
    refused = run("check", cwd=root)

    assert _findings(checked) == ["src/shop/__init__.py:2:5: no-eval: eval is banned"]
    assert (refused.code, refused.err.splitlines()) == (
        2,
        [
            "pyproject.toml:5: tool.fitness.rules.no-eval.apis[0].ruff: 'eval' is no ruff rule "
            'code (one such as "S301")'
        ],
    )
