"""The CI formats through the command line: --format to stdout, --output to files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from shop import FILES
from support import Result


def test_every_format_to_stdout_and_files(
    project: Callable[[dict[str, str]], Path],
    run: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = project(FILES)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root.parent))
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)

    result = run(
        "check",
        "--format",
        "github",
        "--output",
        f"sarif:{root / 'out.sarif'}",
        "--output",
        f"junit:{root / 'out.xml'}",
        "--output",
        f"markdown:{root / 'summary.md'}",
        cwd=root,
    )

    assert result.code == 1
    first = result.out.splitlines()[0]
    # The layered rule (configured first) leads: each broken rule's first finding comes first.
    assert first.startswith(f"::error file={root.name}/src/shop/domain/pricing.py,line=1,")
    sarif = json.loads((root / "out.sarif").read_text("utf-8"))
    assert len(sarif["runs"][0]["results"]) == 4
    assert (root / "out.xml").read_text("utf-8").startswith('<?xml version="1.0"')
    assert (root / "summary.md").read_text("utf-8").startswith("## fitness: 4 findings")
