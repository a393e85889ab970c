"""Nothing a repository holds is printed as a command (issue 21, item 3).

An ADR title decodes YAML escapes, so a pull request can give it a line break
and a workflow command, an OSC-8 hyperlink and a CSI colour; a file name can
hold them too. The text, github and markdown reports show them inert: no line
begins `::` (but fitness's own annotations), none holds `##[`, no ESC byte.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.reporters import REPORTERS, RenderOptions
from fitness.reporters.catalogue import markdown_text
from fitness.reporters.github import render_github
from reporters.hand_built import finding, report
from support import Result, config

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

# YAML double quotes: \n a line feed, \e an ESC, \r a carriage return.
TITLE = (
    r'"Pure\n::error file=src/x.py::pwned\r\n::stop-commands::tok\n##[error]old'
    r' \e]8;;https://evil.example\e\\click\e]8;;\e\\ \e[31mred\e[0m"'
)
SHOWN_TITLE = (
    r"Pure\x0a::error file=src/x.py::pwned\x0d\x0a::stop-commands::tok\x0a#\x23[error]old"
    r" \x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\ \x1b[31mred\x1b[0m"
)
FILES = {
    "pyproject.toml": config(
        """
        [tool.fitness.adr]
        dir = "docs/adr"

        [tool.fitness.rules.domain-is-pure]
        kind = "forbidden"
        from = ["app.domain"]
        to = ["app.infra"]
        adr = "ADR-0001"
        """
    ),
    "docs/adr/0001-pure.md": f"---\nstatus: accepted\ntitle: {TITLE}\n---\n\nNo heading.\n",
    "src/app/__init__.py": "",
    "src/app/infra/__init__.py": "",
    "src/app/infra/db.py": "",
    "src/app/domain/__init__.py": "",
    "src/app/domain/model.py": "import app.infra.db\n",
}


def _assert_inert(output: str, commands: str = "") -> None:
    """No ESC, no `##[`, and no line read as a workflow command but those in `commands`."""
    assert "\x1b" not in output and "\r" not in output
    assert "##[" not in output
    for line in output.splitlines():
        if line.lstrip().startswith("::"):
            assert line.startswith(commands) and commands, line


@pytest.mark.parametrize("format_", ["text", "github", "markdown"])
def test_an_adr_title_is_shown_inert(
    format_: str, tmp_path: Path, project: Project, run: Run
) -> None:
    root = project(FILES)

    result = run("check", "--format", format_, cwd=root)

    assert result.code == 1
    # fitness's own annotation is the one line that may begin `::`, and in github output only.
    _assert_inert(
        result.out, "::error file=src/app/domain/model.py,line=1," * (format_ == "github")
    )
    if format_ == "text":
        assert result.out.startswith(
            "src/app/domain/model.py:1:1: domain-is-pure: app.domain must not import app.infra "
            f"(ADR-0001: {SHOWN_TITLE})\n"
        )
    elif format_ == "github":
        title = SHOWN_TITLE.replace(":", "%3A").replace(",", "%2C")
        assert f",title=domain-is-pure (ADR-0001%3A {title})::" in result.out
        assert len(result.out.splitlines()) == 2  # the annotation and the summary
    else:
        assert r"Pure\\x0a::error file=src/x.py::pwned\\x0d\\x0a::stop-commands::tok" in result.out


def test_the_adr_command_shows_titles_inert(tmp_path: Path, project: Project, run: Run) -> None:
    root = project(FILES)

    text = run("adr", cwd=root)
    markdown = run("adr", "--format", "markdown", cwd=root)

    _assert_inert(text.out)
    _assert_inert(markdown.out)
    assert f"ADR-0001  accepted  {SHOWN_TITLE}  broken        domain-is-pure (1)" in text.out
    assert markdown.out.splitlines()[2] == (
        f"| [ADR-0001](docs/adr/0001-pure.md) | accepted | {markdown_text(SHOWN_TITLE)} "
        "| broken | `domain-is-pure` (1) |"
    )


@pytest.mark.parametrize("format_", ["text", "github", "markdown"])
def test_a_file_and_module_name_are_shown_inert(format_: str) -> None:
    """A file name and a module name holding a line break, commands and an ESC."""
    path = "src/a/m\n::error::x\x1b[2J##[warning]y.py"
    one = finding("a must not import c", path=path, name="a.m\n::warning::w\x1b]8;;u\x07")

    output = REPORTERS[format_](report(one), RenderOptions())

    _assert_inert(output, "::error file=services/app/src/a/m\\x0a%3A%3Aerror%3A%3Ax\\x1b[2J#")
    shown = "src/a/m\\x0a::error::x\\x1b[2J#\\x23[warning]y.py"
    expected = {"github": shown.replace(":", "%3A"), "markdown": markdown_text(shown)}
    assert expected.get(format_, shown) in output
    if format_ == "text":
        assert "  a.m\\x0a::warning::w\\x1b]8;;u\\x07 -> b.y (l.3)" in output


def test_github_plain_lines_past_the_annotation_budget_are_inert() -> None:
    """Past 10 annotations the findings are plain lines: none of them can be a command."""
    findings = [
        finding(f"::stop-commands::t ##[import] c{n}", path=f"::warning::m{n:02}.py")
        for n in range(12)
    ]

    output = render_github(report(*findings, root_in_repo=""), RenderOptions())

    plain = [line for line in output.splitlines() if not line.startswith("::error file=")]
    assert plain == [
        "\\x3a:warning::m10.py:3:1: error: pure: ::stop-commands::t #\\x23[import] c10",
        "\\x3a:warning::m11.py:3:1: error: pure: ::stop-commands::t #\\x23[import] c11",
        "fitness: 12 findings; 2 not annotated (GitHub shows 10 annotations of each severity "
        "per step): they are the plain lines above, and the step summary (the markdown format) "
        "lists every finding by rule.",
    ]
    _assert_inert(output, "::error file=%3A%3Awarning%3A%3Am0")


def test_a_configuration_error_on_stderr_is_inert(
    tmp_path: Path, project: Project, run: Run
) -> None:
    """A configuration value quoted in an error message cannot start a command in the log."""
    bad = config(
        """
        [tool.fitness.rules.domain-is-pure]
        kind = "forbidden"
        from = ["app.domain"]
        to = ["app.nowhere\\n::error::x\\u001b[31m##[y"]
        """
    )
    root = project({**FILES, "pyproject.toml": bad})

    result = run("check", cwd=root)

    assert result.code == 2
    _assert_inert(result.err)
    assert result.err.count("\n") == 1
    assert "'app.nowhere\\x0a::error::x\\x1b[31m#\\x23[y' is not a dotted module name" in result.err


def test_fitness_rules_shows_configuration_values_inert(project: Project, run: Run) -> None:
    cited = 'adr = "ADR-0001\\n::error::x\\u001b[2J"'
    root = project(
        {**FILES, "pyproject.toml": FILES["pyproject.toml"].replace('adr = "ADR-0001"', cited)}
    )

    result = run("rules", cwd=root)

    _assert_inert(result.out)
    assert "ADR-0001\\x0a::error::x\\x1b[2J" in result.out
