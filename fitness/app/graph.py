"""`fitness graph`: the project's packages and the imports between them, broken rules marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fitness.app.options import CheckOptions
from fitness.app.run import run_check
from fitness.errors import UsageError
from fitness.views.package_view import PackageView, package_view


def graph_views(
    options: CheckOptions, roots: Sequence[str]
) -> Callable[[int, frozenset[str]], PackageView]:
    """The package views of the project under `roots` (none: its top-level packages),
    by depth: the check runs once, and each view is drawn from what it found.

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

    def at(depth: int, collapsed: frozenset[str] = frozenset()) -> PackageView:
        return package_view(modules, between, findings, roots, depth, collapsed)

    return at
