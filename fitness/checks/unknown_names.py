"""`unknown-module`: a third-party name in a rule that neither the project nor Python knows.

A rule may name what no module imports yet (a `forbidden` rule keeps a package
out), so such a name is a warning at its configuration line, never a
configuration error. But a misspelt name never matches anything, so the
warning names what the project imports that it resembles. Names that differ
only in their digits (`PySide2`, `PySide6`) are a family, not a typo of each
other: a rule that forbids every version of a package names the versions the
project does not import on purpose, so a family member of a known name is known.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from fitness.config.installed import is_installed, is_stdlib
from fitness.config.modules import rule_refs
from fitness.config.schema import Config, Rule
from fitness.config.source import Where
from fitness.model import Finding, Location, Severity
from fitness.suggest import close_match

UNKNOWN = "unknown-module"


def unknown_names(
    config: Config, internal: Collection[str], imported: Collection[str]
) -> list[Finding]:
    """A warning for each third-party name of a rule that nothing imports, installs or ships.

    `internal` are the project's modules, `imported` the external names its
    imports name. A name with a wildcard in its first segment is never judged,
    nor one a rule pack writes: a pack serves many projects, so it names
    libraries that one project does not use.
    """
    tops = {name.split(".")[0] for name in imported}
    known = tops | {name.split(".")[0] for name in internal}
    findings = []
    for rule in config.rules:
        for text, where in _third_party(rule):
            top = text.split(".")[0]
            if where.source != config.source or "*" in top or top in known or is_stdlib(top):
                continue
            if any(family(name, top) for name in known) or is_installed(top, config.project_root):
                continue
            close = close_match(top, [name for name in tops if not family(name, top)], 0.8)
            findings.append(_finding(rule.id, text, where, close))
    return findings


def family(a: str, b: str) -> bool:
    """Whether `a` and `b` differ only in their digits (`PyQt5`, `PyQt6`): versions, not typos."""
    return a != b and _DIGITS.sub("", a) == _DIGITS.sub("", b)


_DIGITS = re.compile(r"[0-9]+")


def _third_party(rule: Rule) -> Iterator[tuple[str, Where]]:
    """The names `rule` may give outside the project: module expressions, banned APIs."""
    for ref in rule_refs(rule):
        if not ref.internal:
            yield ref.expr.text, ref.where
    if rule.kind == "banned-api":  # its code is imported only by a run that has such a rule
        yield from _banned_names(rule)


def _banned_names(rule: Rule) -> Iterator[tuple[str, Where]]:
    from fitness.checks.banned_api import BannedApiParams

    if isinstance(rule.params, BannedApiParams):
        for entry in rule.params.apis:
            if entry.name.builtin is None:
                yield entry.name.text, rule.locate(entry.where)


def _finding(rule_id: str, text: str, where: Where, close: str | None) -> Finding:
    line = where.line()
    args = {"name": text, "rule": rule_id}
    template = (
        "rule {rule} names '{name}', which the project does not import, "
        "is not installed and is not in the standard library"
    )
    if close is not None:
        args["suggestion"] = close + text[len(text.split(".")[0]) :]
        template += " (did you mean '{suggestion}'?)"
    return Finding(
        rule_id=UNKNOWN,
        severity=Severity.WARNING,
        template=template,
        args=tuple(sorted(args.items())),
        location=Location(where.source.path, line, 1, line, 1),
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(UNKNOWN, where.source.path, rule_id, text),
    )
