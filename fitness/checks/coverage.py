"""What a rule reached: the modules it matched, the import statements it examined, the
skipped files it would have matched; and `vacuous-rule`, a rule that examined no import.

A rule's *subjects* are the modules whose imports it examines: by default its own side
(the `internal` module expressions: `from`, `layers`, `modules`, `packages`), or every
module when it names none. Parameters that examine otherwise say so through `Reach`:
`protected` examines the imports *into* its modules; `banned-api` every module's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from fitness.checks.base import CheckContext
from fitness.config.schema import Params, Rule
from fitness.model import Finding, ImportEdge, Location, Severity
from fitness.model.reach import RuleCoverage, Subjects, topmost
from fitness.model.report import Skip

VACUOUS = "vacuous-rule"


@runtime_checkable
class Reach(Protocol):
    """Parameters whose subjects are not their own side's module expressions."""

    def subjects(self) -> Subjects: ...


def subjects(params: Params) -> Subjects:
    """The modules `params`' rule examines: see the module's docstring."""
    if isinstance(params, Reach):
        return params.subjects()
    own = tuple(ref.expr for ref in params.module_refs() if ref.internal)
    return Subjects(own or None)


def reached(context: CheckContext) -> RuleCoverage:
    """The modules the rule of `context` matched and how many import statements it examined.

    Its `include` / `exclude` narrow the modules whose imports it looks at; its
    `type_checking`, `dynamic` and `ignore` which statements count.
    """
    rule = context.rule
    reach = subjects(rule.params)
    modules = sorted(
        module
        for module, (_, facts) in context.files.items()
        if facts.failure is None  # an unparsable file is listed as skipped instead
        and matches(reach, module)
        and (reach.incoming or context.applies_to(module))
    )
    matched = frozenset(modules)
    counting = counts(rule)
    examined = 0
    for edge in context.graph.edges:
        if reach.incoming:
            if not (matches(reach, edge.imported) and context.applies_to(edge.importer)):
                continue
        elif edge.importer not in matched:
            continue
        if counting(edge):
            examined += 1
    return RuleCoverage(rule.id, tuple(modules), examined)


def matches(reach: Subjects, module: str) -> bool:
    """Whether `module` is one of the subjects, or inside one."""
    return reach.modules is None or any(expr.covers(module) for expr in reach.modules)


def vacuous(rule: Rule, coverage: RuleCoverage) -> Finding | None:
    """A warning when the rule examined no import at all: it cannot fail, whatever the code.

    Rules that read more than imports (`Subjects.only_imports` False) are never vacuous.
    """
    if coverage.imports or not subjects(rule.params).only_imports:
        return None
    tops = topmost(coverage.modules)
    if not tops:
        template = "rule {rule} matched no module: check its modules"
        shown = ""
    else:
        verb = "imports" if len(tops) == 1 else "import"  # "shop.domain, which imports"
        template = "rule {rule} matched {modules}, which " + verb + " nothing: check its modules"
        shown = _listed(tops)
    line = rule.where.line()
    args = {"rule": rule.id, "modules": shown} if shown else {"rule": rule.id}
    return Finding(
        rule_id=VACUOUS,
        severity=Severity.WARNING,
        template=template,
        args=tuple(sorted(args.items())),
        location=Location(rule.where.source.path, line, 1, line, 1),
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(VACUOUS, rule.id),
    )


def skipped_for(rule: Rule, skipped: Iterable[tuple[Skip, str | None]]) -> tuple[Skip, ...]:
    """The skipped files (each with the module it would be, None if none) that `rule` would
    have matched: a rule of every module matches them all."""
    reach = subjects(rule.params)
    return tuple(
        skip
        for skip, module in skipped
        if reach.modules is None or (module is not None and _may_hold(reach, module))
    )


def _may_hold(reach: Subjects, module: str) -> bool:
    """Whether `module` (a skipped file or directory) is a subject, or may hold one."""
    if matches(reach, module):
        return True
    prefix = module + "."
    return any(expr.text.startswith(prefix) for expr in reach.modules or ())


def _listed(names: Sequence[str], most: int = 3) -> str:
    if len(names) <= most:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


def counts(rule: Rule) -> _Counts:
    """Which import statements `rule` counts (its `type_checking`, `dynamic`, `ignore`)."""
    options = getattr(rule.params, "options", None)
    counts = getattr(options, "counts", None)
    return counts if callable(counts) else _every


class _Counts(Protocol):
    def __call__(self, edge: ImportEdge, /) -> bool: ...


def _every(edge: ImportEdge) -> bool:
    return True
