"""`rule-target-removed`: REV's rules name a module that the change deletes.

With `--config-from REV` a name that matched a module at REV and matches none now,
because the change deleted it, is a finding on the rule, never a configuration
error that would stop every other rule from being checked.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from fitness.config.schema import Config, Rule
from fitness.config.table import ModuleRef
from fitness.model import BUILT_IN_KINDS, Finding, Location
from fitness.model.expressions import within

KIND = "rule-target-removed"
_SEVERITY = next(kind.severity for kind in BUILT_IN_KINDS if kind.id == KIND)


def removed_targets(
    config: Config, modules: Collection[str], removed: Collection[str], revision: str
) -> tuple[frozenset[str], list[Finding]]:
    """The names to leave out of the module check, and a finding for each (rule, name).

    `modules` are the modules now; `removed`, those the change deleted since `revision`.
    """
    if not removed:
        return frozenset(), []
    names: set[str] = set()
    findings: dict[tuple[str, str], Finding] = {}
    for rule in config.rules:
        for ref in _refs(rule):
            expr = ref.expr
            if any(expr.matches(name) for name in modules) or not _names_one(ref, removed):
                continue
            names.add(expr.text)
            findings.setdefault((rule.id, expr.text), _finding(rule, ref, revision))
    return frozenset(names), list(findings.values())


def _names_one(ref: ModuleRef, removed: Collection[str]) -> bool:
    """Whether `ref` names a removed module, or a package all of whose modules it removed."""
    text = ref.expr.text
    return any(ref.expr.matches(name) or within(name, text) for name in removed)


def _refs(rule: Rule) -> Iterator[ModuleRef]:
    yield from rule.include
    yield from rule.exclude
    yield from rule.params.module_refs()


def _finding(rule: Rule, ref: ModuleRef, revision: str) -> Finding:
    line = ref.where.line()
    name = ref.expr.text
    return Finding(
        rule_id=KIND,
        severity=_SEVERITY,
        template="this change removes {module}, which rule {rule} at {revision} names; "
        "land the configuration change first",
        args=(("module", name), ("revision", revision), ("rule", rule.id)),
        location=Location(ref.where.source.path, line, 1, line, 1),
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(KIND, rule.id, name),
    )
