"""The code actions offered on a finding: silence it with a suppression comment, or open
the decision it enforces."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from fitness.lsp.diagnostics import Diagnostic
from fitness.lsp.session import Checked

ADR_PLACEHOLDER = "ADR-XXXX"  # not a record's key: with require_for_suppressions it is refused


class Insert(NamedTuple):
    """Text to insert before `line` (1-based, column 1) of the document."""

    line: int
    text: str


class Action(NamedTuple):
    """One code action: a title, and either an edit of the document or an ADR to open
    (its path, absolute)."""

    title: str
    diagnostic: Diagnostic
    insert: Insert | None = None
    open_path: str | None = None


def actions(checked: Checked, lines: list[str], found: Iterable[Diagnostic]) -> list[Action]:
    """The actions for the diagnostics `found` of a document whose text is `lines`."""
    offered: list[Action] = []
    for diagnostic in found:
        if diagnostic.finding is None:
            continue
        line = diagnostic.location.line
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        comment = (
            f"{indent}# fitness: ignore[{diagnostic.code}] {ADR_PLACEHOLDER} why this is accepted\n"
        )
        offered.append(
            Action(
                f"fitness: suppress {diagnostic.code} on this line",
                diagnostic,
                insert=Insert(line, comment),
            )
        )
        finding = checked.run.report.findings[diagnostic.finding]
        for link in checked.run.report.adrs_of(finding):
            if link.adr is not None:
                path = checked.absolute(link.adr.path)
                offered.append(Action(f"fitness: open {link.label}", diagnostic, open_path=path))
    return offered
