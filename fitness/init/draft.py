"""The starter configuration `fitness init` writes: a commented draft for a person to edit."""

from __future__ import annotations

from fitness.config.source import KeyPath
from fitness.init.levels import entry
from fitness.init.ordering import EXACT_LIMIT
from fitness.init.project import Project
from fitness.init.proposal import RULE_ID, Proposal
from fitness.init.toml_text import array, comment, header, string
from fitness.model import Finding, Hop


def starter(project: Project, proposal: Proposal, prefix: KeyPath) -> str:
    """The draft's text; `prefix`: `("tool", "fitness")` in pyproject.toml, `()` in fitness.toml."""
    lines = [
        "# A starter configuration written by `fitness init`: a draft to read and edit.",
        "# `fitness explain layers` describes every key; `fitness check` runs the rules.",
    ]
    if prefix:
        lines.append(header(prefix))
    lines.append(f"source_roots = {array(project.source_roots)}  # {project.roots_how}")
    if project.exclude:
        lines.extend(comment("Not product code, left out of the analysis (gitignore-style paths):"))
        if project.vendored:
            shown = ", ".join(f"{v.exclude} ({v.why})" for v in project.vendored)
            lines.extend(comment(f"Among them, vendored third-party code: {shown}."))
        lines.append(f"exclude = {array(project.exclude)}")
    lines.append("")
    lines.extend(_adr(project, prefix))
    lines.extend(_layers(proposal, prefix))
    return "\n".join(lines) + "\n"


def method(proposal: Proposal) -> str:
    """How the order was found, in one sentence."""
    ordering = proposal.ordering
    if ordering.exact:
        return f"no order of these {len(ordering.order)} packages has fewer (an exact search)"
    largest = max(len(group) for group in ordering.groups)
    return (
        f"a heuristic order: {largest} packages import each other in a loop, more than "
        f"an exact search orders ({EXACT_LIMIT}), so an order with fewer may exist"
    )


def _adr(project: Project, prefix: KeyPath) -> list[str]:
    if project.adr_dir is None:
        return [
            *comment(
                f"No ADR directory found ({project.adr_how}). Record each decision as an "
                'ADR and cite it in its rule (adr = "ADR-0001"); then set:'
            ),
            f"# {header(prefix, 'adr')}",
            '# dir = "docs/adr"',
            "",
        ]
    usual = project.adr_how == "the default"
    how = "the first usual place that exists" if usual else f"named in {project.adr_how}"
    lines = [header(prefix, "adr"), f"dir = {string(project.adr_dir)}  # {how}"]
    if project.adrs:
        lines.append('# Its records, to cite in the rules (adr = "KEY"):')
        lines.extend(f"#   {key}: {title}" for key, title in project.adrs)
    return [*lines, ""]


def _layers(proposal: Proposal, prefix: KeyPath) -> list[str]:
    ordering = proposal.ordering
    what = f"The children of {proposal.parent}" if proposal.parent else "The top-level packages"
    broken = len(proposal.findings)
    lines = comment(
        f"{what} as layers, top to bottom: a layer may import the layers below it, never "
        f"those above, directly or through other modules. This order has {broken} "
        f"violation{'' if broken == 1 else 's'}: {method(proposal)}. "
        'One entry "a | b" holds siblings that must not import each other (packages that '
        'do not depend on each other share a layer), "a : b" siblings that may. Cite the '
        'decision this rule enforces with adr = "ADR-0001".'
    )
    lines.append(header(prefix, "rules", RULE_ID))
    lines.append('kind = "layers"')
    lines.append(f"layers = {array([entry(layer) for layer in proposal.layers], width=0)}")
    if proposal.ignores_type_checking:
        removes = proposal.type_checking_removes
        lines.extend(
            comment(
                "Imports under `if TYPE_CHECKING:` never run: counting them would make "
                f"{_violations_count(broken + removes)} in the best order, {removes} more."
            )
        )
        lines.append('type_checking = "ignore"')
    for group in ordering.groups:
        lines.extend(comment(f"These import each other in a loop: {', '.join(group)}."))
    lines.extend(_violations(proposal.findings))
    if proposal.parse_failures:
        lines.extend(
            comment(
                "Files that could not be parsed, whose imports are not counted: "
                + ", ".join(proposal.parse_failures)
            )
        )
    return lines


def _violations_count(count: int) -> str:
    return f"{count} violation{'' if count == 1 else 's'}"


def _violations(findings: tuple[Finding, ...]) -> list[str]:
    if not findings:
        return ["# This order has no violation."]
    lines = comment(
        f"The {len(findings)} violation{'s' if len(findings) != 1 else ''} this order still "
        "has: fix the code, change the order, or ignore an import with "
        'ignore = ["importer -> imported"]:'
    )
    for finding in findings:
        lines.append(f"#   {finding.message}")
        for hop in finding.chain:
            lines.append(f"#     {hop.importer} -> {hop.imported} ({_where(hop)})")
    return lines


def _where(hop: Hop) -> str:
    """`path:line`, with what kind of import it is when it is no plain one: `TYPE_CHECKING`,
    `local` (inside a function), `dynamic` (`importlib.import_module`)."""
    site = hop.sites[0]
    return ", ".join([f"{site.location.path}:{site.location.line}", *site.kinds])
