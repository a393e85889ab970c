"""docs/api.md lists exactly what `fitness.api` exports."""

from __future__ import annotations

import re
from pathlib import Path

import fitness.api

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def listed() -> list[str]:
    """The names in the first column of the `## Names` table."""
    section = DOC.read_text(encoding="utf-8").split("## Names", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)


def test_every_listed_name_is_exported_and_nothing_else() -> None:
    assert sorted(listed()) == sorted(fitness.api.__all__)


def test_every_exported_name_exists() -> None:
    missing = [name for name in fitness.api.__all__ if not hasattr(fitness.api, name)]
    assert missing == []
