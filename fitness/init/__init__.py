"""`fitness init`: a starter configuration, or one converted from import-linter's.

Both use cases plan first and write after, so the command can show the diff
of a configuration it replaces (`force`) before it is replaced, and
`dry_run` can show everything and write nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from fitness.errors import UsageError
from fitness.init.target import Target, choose


class Plan(NamedTuple):
    """What `fitness init` would write, where, and what to tell the user."""

    target: Target
    draft: str  # the configuration written: the whole fitness.toml, or [tool.fitness]
    text: str  # the file's whole new text
    diff: str | None  # from the configuration replaced (`force`), or None
    summary: str

    @property
    def action(self) -> str:
        if self.target.configured:
            return "Replaced the configuration in"
        if self.target.old is not None:
            return "Appended [tool.fitness] to"
        return "Wrote"


def plan_starter(root: Path, replace: bool, jobs: int) -> Plan:
    """The starter configuration for the project at `root`, with its proposed layers.

    `replace`: plan over an existing configuration (else that is a usage error).
    """
    from fitness.init.draft import method, starter
    from fitness.init.import_linter import import_linter_configuration
    from fitness.init.project import detect
    from fitness.init.proposal import propose

    target = _target(root, replace)
    project = detect(root)
    proposal = propose(project, jobs)
    if proposal is None:
        raise UsageError(
            f"found only {', '.join(project.packages)} under "
            f"{', '.join(project.source_roots)}: a layers rule needs two packages or more "
            "to order, so there is nothing to propose"
        )
    draft = starter(project, proposal, target.prefix)
    count = len(proposal.findings)
    summary = (
        f"Proposed {len(proposal.layers)} layers with {count} "
        f"violation{'' if count == 1 else 's'}: {method(proposal)}."
    )
    if proposal.ignores_type_checking:
        removes = proposal.type_checking_removes
        summary += (
            ' type_checking = "ignore" (imports under `if TYPE_CHECKING:` not counted) '
            f"removes {removes} of the {count + removes} that counting them makes."
        )
    if project.vendored:
        summary += " Left out vendored code: " + ", ".join(v.exclude for v in project.vendored)
        summary += "."
    found = import_linter_configuration(root)
    if found is not None:
        summary += (
            f" {found} holds an import-linter configuration: `fitness init "
            "--from-import-linter` converts its contracts instead."
        )
    return _plan(target, draft, summary)


def plan_conversion(root: Path, source: Path | None, replace: bool) -> Plan:
    """import-linter's configuration (`source`, else found in `root`) as fitness's.

    `source` may be a file, or a directory to look for one in.
    """
    from fitness.init.convert import convert
    from fitness.init.import_linter import find, read
    from fitness.init.roots import locate

    # As with import-linter's --config, the project is the current directory wherever the file is.
    if source is not None and not source.exists():
        raise UsageError(f"--from-import-linter {source}: no such file or directory")
    path = find(root) if source is None else find(source) if source.is_dir() else source
    config = read(path)
    if config is None:
        raise UsageError(f"{path}: no import-linter configuration in this file")
    target = _target(root, replace)
    session = config.session
    packages = session.get("root_packages", session.get("root_package", []))
    located = locate(root, [packages] if isinstance(packages, str) else packages)
    conversion = convert(config, located, target.prefix)
    rules = len(conversion.rules)
    summary = f"Converted {rules} contract{'' if rules == 1 else 's'} from {path.name}"
    if conversion.skipped:
        summary += f"; not converted (no fitness kind): {', '.join(conversion.skipped)}"
    if conversion.notes:
        count = conversion.notes
        summary += (
            f"; {count} option{'' if count == 1 else 's'} not carried over (see the comments)"
        )
    return _plan(target, conversion.text, summary + ".")


def write(plan: Plan) -> None:
    """Write the planned file, atomically."""
    from fitness.atomic import write_atomic

    write_atomic(plan.target.path, plan.text)


def _target(root: Path, replace: bool) -> Target:
    target = choose(root)
    if target.configured and not replace:
        raise UsageError(
            f"{target.path} already holds a fitness configuration; `fitness init` never "
            "overwrites one: --force replaces it (showing the diff), --dry-run shows the draft"
        )
    return target


def _plan(target: Target, draft: str, summary: str) -> Plan:
    text = target.text_with(draft)
    diff = target.diff(text) if target.configured else None
    return Plan(target, draft, text, diff, summary)
