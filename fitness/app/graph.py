"""`fitness graph`: the project's packages and the imports between them, broken rules marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fitness.app.options import CheckOptions
from fitness.app.rule_drawing import RuleDrawing, rule_drawing
from fitness.app.run import Run, run_check
from fitness.config.schema import Rule
from fitness.errors import UsageError
from fitness.model import Between, Finding
from fitness.views.package_view import PackageView, package_view

if TYPE_CHECKING:
    from fitness.reporters.diagrams.github_limits import Views

__all__ = ["Pictures", "Views", "broken_rule_pictures", "graph_views", "rule_views"]

Pictures = tuple[tuple[str, PackageView], ...]  # (rule id, its view), in the rules' order


def graph_views(
    options: CheckOptions, roots: Sequence[str], rule_id: str | None = None
) -> tuple[Run, Views]:
    """The run, and the package views of the project under `roots` (none: its top-level
    packages) by depth: the check runs once, and each view is drawn from what it found.

    `rule_id` draws that rule's own picture instead (`fitness.app.rule_drawing`):
    the modules it names as nodes, its layers as ranks, and only its own findings.

    The rules run as `fitness check` runs them (from the cache when nothing
    changed); a violation drawn is a finding the report holds, reported or
    baselined: the baseline keeps debt from failing a run, not from being seen.
    Suppressed findings are accepted exceptions, and are not drawn.
    """
    ran = run_check(options._replace(fail_on="never"), lambda: 0.0)
    unknown = [root for root in roots if root not in ran.modules]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)}: no such module under the source roots "
            f"(fitness graph takes module names, such as {min(ran.modules, default='app')})"
        )
    if rule_id is None:
        return ran, _views(ran, roots)
    drawing = _drawing(ran, _rule(ran.config.rules, rule_id))
    view = rule_view(ran, rule_id, drawing)
    return ran, lambda depth, collapsed: view


def rule_views(ran: Run, rule_ids: Sequence[str]) -> list[tuple[str, PackageView]]:
    """The pictures of the rules `rule_ids` names that have one, in that order."""
    pictures = []
    for rule in ran.config.rules:
        if rule.id in rule_ids:
            drawing = rule_drawing(rule, ran.modules, _findings(ran, rule.id))
            if drawing is not None:
                pictures.append((rule.id, rule_view(ran, rule.id, drawing)))
    order = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    return sorted(pictures, key=lambda picture: order[picture[0]])


def broken_rule_pictures(ran: Run) -> Pictures:
    """The view of each rule with findings reported that has a picture, within GitHub's
    limits on a Mermaid diagram."""
    from fitness.reporters.diagrams import DIAGRAMS
    from fitness.reporters.diagrams.github_limits import within_github

    broken = [rule.id for rule in ran.report.rules if ran.report.findings_for(rule.id)]
    if not broken or ran.between is None:
        return ()

    def limited(view: PackageView) -> PackageView:
        return within_github(lambda depth, collapsed: view, 0, DIAGRAMS["mermaid"])

    return tuple((rule_id, limited(view)) for rule_id, view in rule_views(ran, broken))


def rule_view(ran: Run, rule_id: str, drawing: RuleDrawing) -> PackageView:
    """The view `drawing` makes of `rule_id`, from what the run found."""
    modules, between = ran.modules, _between(ran)
    findings = _findings(ran)
    view = package_view(modules, between, findings, drawing.roots, drawing.depth, rules={rule_id})
    view = view._replace(ranks=drawing.ranks, clusters=drawing.clusters, rule=rule_id)
    broken = {name for edge in view.edges if edge.violations for name in edge[:2]}
    if drawing.focus and broken:
        view = view._replace(
            nodes=tuple(node for node in view.nodes if node.name in broken),
            edges=tuple(e for e in view.edges if e.source in broken and e.target in broken),
            clusters=(),
        )
    return view


def _views(ran: Run, roots: Sequence[str]) -> Views:
    modules, between, findings = ran.modules, _between(ran), _findings(ran)

    def at(depth: int, collapsed: frozenset[str] = frozenset()) -> PackageView:
        return package_view(modules, between, findings, roots, depth, collapsed)

    return at


def _findings(ran: Run, rule_id: str | None = None) -> tuple[Finding, ...]:
    """What is drawn: the findings reported, then those the baseline holds (the JSON
    report's order); those of `rule_id` only, when given."""
    report = ran.report
    every = (*report.findings, *report.baselined)
    return every if rule_id is None else tuple(f for f in every if f.rule_id == rule_id)


def _between(ran: Run) -> Between:
    if ran.between is None:  # stored findings from before views were stored with them
        raise UsageError("the cache holds no import counts: run once with --no-cache")
    return ran.between()


def _rule(rules: Sequence[Rule], rule_id: str) -> Rule:
    from fitness.suggest import did_you_mean

    rule = next((rule for rule in rules if rule.id == rule_id), None)
    if rule is None:
        hint = did_you_mean(rule_id, [rule.id for rule in rules])
        raise UsageError(f"--rule {rule_id}: no such rule in the configuration{hint}")
    return rule


def _drawing(ran: Run, rule: Rule) -> RuleDrawing:
    drawing = rule_drawing(rule, ran.modules, _findings(ran, rule.id))
    if drawing is None:
        raise UsageError(
            f"--rule {rule.id}: a {rule.kind} rule is about names used, not imports between "
            "modules, so it has no picture; `fitness check` lists its findings"
        )
    return drawing
