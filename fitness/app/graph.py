"""`fitness graph`: the project's packages and the imports between them, broken rules marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fitness.app.options import CheckOptions
from fitness.app.rule_drawing import DRAWN_KINDS, RuleDrawing, rule_drawing
from fitness.app.run import run_check
from fitness.config.schema import Rule
from fitness.errors import UsageError
from fitness.views.package_view import PackageView, package_view


def graph_views(
    options: CheckOptions, roots: Sequence[str], rule_id: str | None = None
) -> Callable[[int, frozenset[str]], PackageView]:
    """The package views of the project under `roots` (none: its top-level packages),
    by depth: the check runs once, and each view is drawn from what it found.

    `rule_id` draws that rule's own picture instead (`fitness.app.rule_drawing`):
    the modules it names, each a node (depth 0), its layers as ranks, and only
    its own findings.

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
    if ran.between is None:  # stored findings from before views were stored with them
        raise UsageError("the cache holds no import counts: run once with --no-cache")
    findings = (*ran.report.findings, *ran.report.baselined)
    modules, between = ran.modules, ran.between
    ranks: tuple[tuple[str, ...], ...] = ()
    if rule_id is not None:
        drawing = _drawing(ran.config.rules, rule_id)
        roots = [root for root in drawing.roots if root in modules]
        ranks = tuple(tuple(n for n in rank if n in modules) for rank in drawing.ranks)
        findings = tuple(finding for finding in findings if finding.rule_id == rule_id)

    def at(depth: int, collapsed: frozenset[str] = frozenset()) -> PackageView:
        if rule_id is not None:
            depth, collapsed = 0, frozenset()  # the rule's modules are its nodes
        view = package_view(modules, between, findings, roots, depth, collapsed)
        return view._replace(ranks=ranks)

    return at


def _drawing(rules: Sequence[Rule], rule_id: str) -> RuleDrawing:
    from fitness.suggest import did_you_mean

    rule = next((rule for rule in rules if rule.id == rule_id), None)
    if rule is None:
        hint = did_you_mean(rule_id, [rule.id for rule in rules])
        raise UsageError(f"--rule {rule_id}: no such rule in the configuration{hint}")
    drawing = rule_drawing(rule)
    if drawing is None:
        kinds = " and ".join(DRAWN_KINDS)
        raise UsageError(
            f"--rule {rule_id}: a {rule.kind} rule has no picture of its own yet "
            f"({kinds} rules have); draw the packages without --rule"
        )
    return drawing
