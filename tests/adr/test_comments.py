"""ADR references in code comments: kept per file, cached, checked at the comment's place."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.model import Comment
from fitness.parsing.comments import kept_comments
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

DECISIONS = {
    "docs/adr/0004-keep-the-domain-pure.md": "# 4. Keep the domain pure\n\n## Status\n\nAccepted\n",
    "docs/adr/0005-use-an-orm.md": "# 5. Use an ORM\n\n## Status\n\nRejected\n",
    "docs/adr/README.md": "# Decisions\n",
}
DOMAIN = '''\
"""The domain. See ADR-0099 for why it is pure."""

import os  # see ADR-0099
x = "# ADR-0099"
y = f"{x} # ADR-0099"


def total():
    """Sums; ADR-0099 says how.

    # ADR-0099 in a docstring
    """
    return 1  # adr-4, and ADR 5
'''
PYPROJECT = """\
[tool.fitness]
source_roots = ["src"]

[tool.fitness.rules.no-json]
kind = "forbidden"
from = ["app.domain"]
to = ["json"]
"""
APP = {
    "src/app/__init__.py": "",
    "src/app/domain.py": DOMAIN,
    "src/app/other.py": "import sys\n",
    "pyproject.toml": PYPROJECT,
}
MISSING = (
    "src/app/domain.py:3:18: adr-missing: this comment cites ADR-0099, which is no ADR in docs/adr"
)
REJECTED = 'src/app/domain.py:13:28: adr-not-accepted: this comment cites ADR-0005 "Use an ORM", which is rejected, not accepted [warning]'


def lines(result: Result) -> list[str]:
    return result.out.split("\n\n")[0].splitlines() if "\n\n" in result.out else []


def parsing(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the runs so far parsed, as `fitness.parsing` logs it; then forget it."""
    said = [r.getMessage() for r in caplog.records if r.name == "fitness.parsing"]
    caplog.clear()
    return said


def test_a_comment_citing_no_record_at_its_line_and_columns(project: Project, run: Run) -> None:
    root = project({**APP, **DECISIONS})

    result = run("check", "--format", "json", cwd=root)

    assert result.code == 1
    assert [
        (f["rule"], f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"])
        for f in json.loads(result.out)["findings"]
    ] == [
        (
            "adr-missing",
            "src/app/domain.py",
            3,
            18,
            3,
            26,
            "this comment cites ADR-0099, which is no ADR in docs/adr",
        ),
        (
            "adr-not-accepted",
            "src/app/domain.py",
            13,
            28,
            13,
            33,
            'this comment cites ADR-0005 "Use an ORM", which is rejected, not accepted',
        ),
    ]


def test_a_warm_run_reports_the_comment_from_the_cache(
    project: Project, run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    root = project({**APP, **DECISIONS})
    caplog.set_level(logging.DEBUG, logger="fitness")

    cold = run("--debug", "check", cwd=root)
    parsed_cold = parsing(caplog)
    warm = run("--debug", "check", cwd=root)
    parsed_warm = parsing(caplog)
    (root / "src/app/other.py").write_text("import sys\nimport re\n", encoding="utf-8")
    changed = run("--debug", "check", cwd=root)

    assert [parsed_cold, parsed_warm, parsing(caplog)] == [
        ["cache: 0 of 3 files known, 3 to parse"],
        [],  # no file changed: the findings and the comments are reused, no facts read
        ["cache: 0 of 1 files known, 1 to parse", "cache: 3 of 3 files known, 0 to parse"],
    ]
    assert [(r.code, lines(r)) for r in (cold, warm, changed)] == [(1, [MISSING, REJECTED])] * 3


def test_comments_are_not_checked_without_an_adr_directory(project: Project, run: Run) -> None:
    root = project(APP)

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (0, [])


def test_a_markdown_file_that_is_not_a_record_is_not_a_citation(project: Project, run: Run) -> None:
    domain = "# Read README.md and docs/guide.md first.\nimport os\n"
    root = project({**APP, **DECISIONS, "src/app/domain.py": domain})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (0, [])


def test_the_adr_directorys_readme_is_not_a_citation(project: Project, run: Run) -> None:
    domain = "# The decisions are listed in docs/adr/README.md\nimport os\n"
    root = project({**APP, **DECISIONS, "src/app/domain.py": domain})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (0, [])


def test_paths_to_records_in_comments(project: Project, run: Run) -> None:
    domain = (
        "# ../../docs/adr/0004-keep-the-domain-pure.md holds\n"
        "# docs/adr/0005-use-an-orm.md\n"
        "# ../../docs/adr/0042-nothing.md\n"
        "import os\n"
    )
    root = project({**APP, **DECISIONS, "src/app/domain.py": domain})

    result = run("check", cwd=root)

    assert (result.code, lines(result)) == (
        1,
        [
            'src/app/domain.py:2:3: adr-not-accepted: this comment cites ADR-0005 "Use an ORM", which is rejected, not accepted [warning]',
            "src/app/domain.py:3:3: adr-missing: this comment cites ../../docs/adr/0042-nothing.md, which is no ADR in docs/adr",
        ],
    )


# The comments a file keeps (facts, the same whatever the configuration).


def test_kept_comments_are_those_that_may_cite_or_direct() -> None:
    assert kept_comments(DOMAIN) == (
        Comment(3, 12, "# see ADR-0099", False),
        Comment(13, 15, "# adr-4, and ADR 5", False),
    )
    text = "# plain\n    # fitness: ignore[x]\nx = 1  # docs/x.md\n# the adr\n# address\n"
    assert kept_comments(text) == (
        Comment(2, 5, "# fitness: ignore[x]", True),
        Comment(3, 8, "# docs/x.md", False),
        Comment(4, 1, "# the adr", True),
    )


def test_a_hash_in_a_string_is_not_a_comment() -> None:
    assert kept_comments("x = \"# ADR-0099\"\ny = 'a \\' # ADR-0099'\n") == ()
    assert kept_comments('z = """\n# ADR-0099\n"""\n') == ()


def test_columns_count_code_points_and_lines_any_line_end() -> None:
    assert kept_comments("é = 1  # ADR-0099\n") == (Comment(1, 8, "# ADR-0099", False),)
    assert kept_comments("x = 1\r# ADR-0099\r\n# ADR-1\n") == (
        Comment(2, 1, "# ADR-0099", True),
        Comment(3, 1, "# ADR-1", True),
    )


def test_a_file_naming_no_adr_keeps_nothing() -> None:
    assert kept_comments("import os  # a comment\n") == ()


def test_a_comment_is_kept_however_its_letters_are_cased_or_folded() -> None:
    # The regular expression matches case-insensitively (the long s is an s); the quick
    # test before it must not leave out what it would match.
    assert kept_comments(
        "x = 1  # FITNESS: ignore[r]\ny = 2  # fitne\u017f\u017f: ignore[r]\n"
    ) == (
        Comment(1, 8, "# FITNESS: ignore[r]", False),
        Comment(2, 8, "# fitne\u017f\u017f: ignore[r]", False),
    )
