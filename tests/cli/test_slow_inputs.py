"""Inputs that once took a run a minute or more end with their findings (issue 21, item 5).

The reviewer's project (`app.domain` may not import `app.infra` or `sqlite3`,
citing ADR-0001) with one hostile input each, run through the real CLI. Each
took 47 s to over 90 s on the code before the issue; the bound is generous
(wall-clock seconds, the parse workers included), and each case asserts the
exact findings. The scans themselves are counted in tests/parsing/test_linear_scans.py
and tests/adr/test_long_lines.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, config, write_tree

Run = Callable[..., Result]
RULES = config(
    """
    [tool.fitness.adr]
    dir = "docs/adr"

    [tool.fitness.rules.domain-is-pure]
    kind = "forbidden"
    from = ["app.domain"]
    to = ["app.infra", "sqlite3"]
    adr = "ADR-0001"
    """,
    'source_roots = ["src"]',
)
ADR = "---\nstatus: accepted\n---\n# Pure domain\n"
PURE = "domain-is-pure: app.domain must not import sqlite3 (ADR-0001: Pure domain)"
CASES = {
    # 2,000 lines of a string of 201 `(`: every run re-tokenised the file from its start.
    "string-brackets": (
        ('x = "' + "(" * 201 + '"\n') * 2000 + "import sqlite3\n",
        ADR,
        [f"src/app/domain/model.py:2001:1: {PURE}", "  app.domain.model -> sqlite3 (l.2001)"],
    ),
    # A 40 KB comment line citing an ADR: the `.md` mention pattern backtracked.
    "adr-comment-line": (
        "# ADR-0001 see " + "a" * 40_000 + "\nimport sqlite3\n",
        ADR,
        [f"src/app/domain/model.py:2:1: {PURE}", "  app.domain.model -> sqlite3 (l.2)"],
    ),
    # An ADR heading line of 120,000 trailing blanks before a last character.
    "adr-trailing-blanks": (
        "import sqlite3\n",
        "# Pure domain\n\n## Status" + " " * 120_000 + "-\n\nAccepted\n",
        [
            "docs/adr/0001-pure.md:1:1: adr-unreadable: no status: add a '## Status' section, "
            "a '* Status: accepted' line or 'status:' front matter",
            f"src/app/domain/model.py:1:1: {PURE}",
            "  app.domain.model -> sqlite3 (l.1)",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_slow_input_ends_with_its_findings(tmp_path: Path, run: Run, case: str) -> None:
    module, adr, expected = CASES[case]
    root = write_tree(
        tmp_path,
        {
            "pyproject.toml": RULES,
            "docs/adr/0001-pure.md": "",
            "src/app/__init__.py": "",
            "src/app/domain/__init__.py": "",
            "src/app/domain/model.py": "",
            "src/app/infra/__init__.py": "",
        },
    )
    (root / "docs/adr/0001-pure.md").write_text(adr, encoding="utf-8")  # not dedented
    (root / "src/app/domain/model.py").write_text(module, encoding="utf-8")
    start = time.monotonic()

    result = run("check", "--no-cache", cwd=root)

    assert time.monotonic() - start < 30  # was 47 s to over 90 s; linear: about a second
    assert (result.code, result.out.split("\n\n")[0].splitlines()) == (1, expected)
