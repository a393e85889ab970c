"""What a `dependencies` rule reads besides the code, gathered before the analysis
(whose reuse key it joins), and the notices it calls for."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from fitness.config.schema import Config
from fitness.model import Notice, Severity
from fitness.parsing.discovery import Discovery
from fitness.tree import Tree

if TYPE_CHECKING:  # a run without a `dependencies` rule imports neither
    from fitness.config.distributions import DependencyInputs
    from fitness.config.manifests import Group


def dependency_inputs(config: Config, discovery: Discovery, tree: Tree) -> DependencyInputs | None:
    """The manifests of the project and the installed distributions' list; None when no
    rule is a `dependencies` rule (nothing is read, nothing imported)."""
    rules = [rule for rule in config.rules if rule.kind == "dependencies"]
    if not rules:
        return None
    from fitness.checks.dependency_params import DependenciesParams
    from fitness.config.distributions import DependencyInputs, installed_stamp, site_directories
    from fitness.config.manifests import read_manifests

    requirements: dict[str, Group] = {}
    for rule in rules:
        if isinstance(rule.params, DependenciesParams):
            requirements.update(rule.params.requirements)
    files = (source.path for source in discovery.files)
    root = str(config.project_root)
    manifests = read_manifests(root, files, tree, requirements)
    return DependencyInputs(manifests, installed_stamp(site_directories(config.project_root)))


def dependency_notices(inputs: DependencyInputs | None) -> list[Notice]:
    """What the reports must say once: manifests that could not be read, and declared
    distributions whose requirements fitness cannot see (not installed where it runs),
    so that an import they bring in is reported as missing rather than transitive."""
    if inputs is None:
        return []
    from fitness.config.manifests import normalise

    notices = [
        Notice("dependencies-manifest-unread", Severity.WARNING, problem)
        for problem in inputs.manifests.problems
    ]
    installed = {normalise(os.path.basename(info).split("-", 1)[0]) for info in inputs.installed}
    members = {member.name for member in inputs.manifests.members}
    absent = sorted(
        {
            declared.distribution
            for member in inputs.manifests.members
            for declared in member.declared
            if declared.distribution not in installed and declared.distribution not in members
        }
    )
    if absent:
        shown = ", ".join(absent[:5]) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
        notices.append(
            Notice(
                "dependencies-not-installed",
                Severity.NOTE,
                f"dependencies: {len(absent)} declared distribution(s) are not installed where "
                f"fitness runs ({shown}): what they require is not known, so an undeclared "
                "import is reported as missing, never as transitive",
            )
        )
    return notices
