"""What hovering over an import shows: the rules that examine it, and the findings whose
chains pass through it, each chain hop by hop."""

from __future__ import annotations

import re

from fitness.checks.base import applies_to
from fitness.checks.coverage import counts, matches, subjects
from fitness.config.schema import Rule
from fitness.graph.resolve import resolve
from fitness.lsp.session import Checked
from fitness.model import Finding, ImportEdge, Location, RawImport, Report
from fitness.parsing.extract import extract

MAX_CHAINS = 3


def hover(checked: Checked, path: str, text: str, line: int) -> str | None:
    """Markdown for the import statements of `text` (the file `path`, project-relative)
    that span `line` (1-based); None when no import of a checked file does."""
    source = next((f for f in checked.configured.discovery.files if f.path == path), None)
    if source is None:
        return None
    imports = extract(text.encode("utf-8")).imports
    written = [raw for raw in imports if raw.line <= line <= raw.end_line]
    modules = checked.configured.discovery.modules
    parts = [
        _pair(checked, _edge(raw, path, source.module, target, external))
        for raw in written
        for target, external in resolve(raw, source.module, source.is_package, modules)
    ]
    return "\n\n---\n\n".join(parts) if parts else None


def _edge(raw: RawImport, path: str, importer: str, imported: str, external: bool) -> ImportEdge:
    where = Location(path, raw.line, raw.column, raw.end_line, raw.end_column)
    flags = (raw.local, raw.type_checking, raw.dynamic)
    return ImportEdge(importer, imported, where, *flags, external, raw.module)


def _pair(checked: Checked, edge: ImportEdge) -> str:
    report = checked.run.report
    through = [f for f in report.findings if _passes(f, edge)]
    where = "outside the project" if edge.external else "in the project"
    lines = [f"**fitness**: `{edge.importer}` imports `{edge.imported}` ({where})", ""]
    broken = {f.rule_id for f in through}
    rules = [
        rule
        for rule in checked.configured.config.rules
        if rule.id in broken or _examines(rule, edge)
    ]
    if rules:
        states = (f"`{rule.id}` ({'broken' if rule.id in broken else 'kept'})" for rule in rules)
        lines.append("Examined by " + ", ".join(states))
    else:
        lines.append("No rule examines this import.")
    for finding in through:
        lines.extend(("", *_finding(report, finding)))
    return "\n".join(lines)


def _passes(finding: Finding, edge: ImportEdge) -> bool:
    """Whether a chain of `finding` has the hop `edge` (a third-party target by the module
    it names, as chains show it)."""
    return any(
        hop.importer == edge.importer and hop.imported in (edge.imported, edge.module)
        for chain in finding.chains
        for hop in chain
    )


def _examines(rule: Rule, edge: ImportEdge) -> bool:
    """Whether `rule` is a rule about imports that examines this one, as its coverage counts
    (`fitness.checks.coverage`): a subject imports it, or is imported by it for a rule
    about the imports made of its modules (`protected`), and the rule counts it."""
    reach = subjects(rule.params)
    if not reach.only_imports or not applies_to(rule, edge.importer):
        return False
    return matches(reach, edge.imported if reach.incoming else edge.importer) and counts(rule)(edge)


def plain(text: str) -> str:
    """`text` shown as written in Markdown: an ADR's title or a rule's message, which a
    pull request writes, makes no link, image, HTML or emphasis in the editor."""
    return _MARKDOWN.sub(r"\\\g<0>", text)


_MARKDOWN = re.compile(r"[\\`*_\[\]<>!#|~]")


def _finding(report: Report, finding: Finding) -> list[str]:
    links = report.adrs_of(finding)
    labels = "; ".join(link.label for link in links) if links else finding.adr
    shown = plain(finding.message) + (f" ({plain(labels)})" if labels else "")
    title = f"**{finding.rule_id}**: {shown}"
    lines = [title]
    for chain in finding.chains[:MAX_CHAINS]:
        names = [chain[0].importer, *(hop.imported for hop in chain)]
        lines.append("- " + " → ".join(f"`{name}`" for name in names))
    hidden = len(finding.chains) - MAX_CHAINS
    if hidden > 0:
        lines.append(f"- … and {hidden} more")
    return lines
