"""The Python versions a project supports, and whether a rule's `python` holds for each.

A project declares them in pyproject.toml: PEP 621's `project.requires-python`,
else Poetry's `tool.poetry.dependencies.python`. A specifier is read exactly
over the versions 3.0 to 3.39 (and their patch releases): clauses with `>=`,
`>`, `<=`, `<`, `==` and `!=` (both with `.*`), `~=`, Poetry's `^` and `~`,
and `*`; clauses joined by commas (or spaces, as Poetry writes them) must all
hold, alternatives are joined by `||`. A project supports a minor version when
some release of it meets its specifier; a rule's `python` holds for that minor
version when every release of it meets the rule's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MINORS = range(40)
_PATCHES = range(40)
_CLAUSE = re.compile(r"(===|~=|==|!=|<=|>=|<|>|\^|~)?\s*(\d+(?:\.\d+)*)(\.\*)?")
# Without a declaration, a project is taken to support what fitness runs on: 3.9 and later.
ASSUMED = frozenset(minor for minor in _MINORS if minor >= 9)

Version = tuple[int, ...]


class Supported(NamedTuple):
    """The minor versions of Python 3 the project supports, and what says so.

    `declared` is the specifier as written and `source` its key in
    pyproject.toml (`project.requires-python`); both empty when the project declares nothing, or
    writes what fitness cannot read (`problem` says what), and `minors` is then
    `ASSUMED`.
    """

    minors: frozenset[int] = ASSUMED
    declared: str = ""
    source: str = ""
    problem: str = ""

    def describe(self) -> str:
        """`3.8 and later (project.requires-python = '>=3.8' in pyproject.toml)`."""
        shown = _span(self.minors)
        if not self.declared:
            return f"{shown} (assumed: the project declares no requires-python)"
        return f"{shown} ({self.source} = '{self.declared}' in pyproject.toml)"


def supported(declared: object, source: str) -> Supported:
    """What `declared` (the value of `source`) says the project supports."""
    if not isinstance(declared, str):
        return Supported(problem=f"{source} is not a string: fitness assumes Python 3.9 or later")
    minors = minors_of(declared, every_release=False)
    if minors is None:
        return Supported(
            problem=f"{source} = '{declared}' is no version specifier fitness can read: "
            "it assumes Python 3.9 or later"
        )
    return Supported(minors, declared, source)


def minors_of(specifier: str, every_release: bool) -> frozenset[int] | None:
    """The minor versions of Python 3 for which some release (`every_release`: each
    release) meets `specifier`; None when it is not a specifier fitness reads."""
    alternatives = []
    for alternative in re.split(r"\s*\|\|?\s*", specifier.strip()):
        clauses = [c for c in re.split(r"\s*,\s*|\s+(?=[<>=!~^\d*])", alternative) if c]
        parsed: list[Clause] = []
        for clause in clauses:
            read = _clause(clause)
            if read is None:
                return None
            parsed.extend(read)
        if not clauses:
            return None
        alternatives.append(parsed)
    check = all if every_release else any
    return frozenset(
        minor
        for minor in _MINORS
        if check(
            any(_holds(alternative, (3, minor, patch)) for alternative in alternatives)
            for patch in _PATCHES
        )
    )


def holds(rule: str, project: Supported) -> bool:
    """Whether every Python the project supports meets `rule`'s specifier."""
    return not unmet(rule, project)


def unmet(rule: str, project: Supported) -> list[str]:
    """The minor versions the project supports that do not meet `rule` (`["3.8"]`)."""
    needed = minors_of(rule, every_release=True) or frozenset()
    return [f"3.{minor}" for minor in sorted(project.minors - needed)]


Clause = tuple[str, Version, bool]  # operator, version, `.*`


def _clause(text: str) -> list[Clause] | None:
    if text == "*":
        return []
    match = _CLAUSE.fullmatch(text)
    if match is None:
        return None
    op, written, wildcard = match.group(1) or "==", match.group(2), bool(match.group(3))
    version = tuple(int(part) for part in written.split("."))
    if wildcard and op not in ("==", "!="):
        return None
    if op in ("^", "~", "~="):
        # ^3.8: >=3.8,<4; ~3.8 and ~=3.8.1: >=3.8(.1),<3.9; ~=3.8: >=3.8,<4.
        keep = 1 if op == "^" or (op == "~=" and len(version) == 2) else 2
        if op == "~" and len(version) == 1:
            keep = 1
        if op == "~=" and len(version) < 2:
            return None
        upper = (*version[: keep - 1], version[keep - 1] + 1)
        return [(">=", version, False), ("<", upper, False)]
    return [("==" if op == "===" else op, version, wildcard)]


def _holds(clauses: list[Clause], release: Version) -> bool:
    return all(_compare(op, version, wildcard, release) for op, version, wildcard in clauses)


def _compare(op: str, version: Version, wildcard: bool, release: Version) -> bool:
    if wildcard:
        same = release[: len(version)] == version
        return same if op == "==" else not same
    width = max(len(version), len(release))
    a = release + (0,) * (width - len(release))
    b = version + (0,) * (width - len(version))
    return {
        "==": a == b,
        "!=": a != b,
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
    }[op]


def _span(minors: frozenset[int]) -> str:
    if not minors:
        return "no Python 3 release"
    low, high = min(minors), max(minors)
    if low == high:
        return f"3.{low}"
    if high == _MINORS[-1]:
        return f"3.{low} and later"
    return f"3.{low} to 3.{high}"
