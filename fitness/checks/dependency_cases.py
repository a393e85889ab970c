"""What one import of a distribution, or one declaration, is wrong with: the `dependencies` cases.

Pure decisions over a member's declarations, apart from reading and reporting,
so each case is tested alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from fitness.config.distributions import Names
from fitness.config.manifests import Declared, Manifest
from fitness.model.expressions import ModuleExpr


class Import(NamedTuple):
    """One import by a member's module of a distribution, and how it is written."""

    importer: str
    distribution: str
    type_checking: bool  # under `if TYPE_CHECKING:`
    local: bool  # inside a function
    guarded: bool  # in a `try` that catches ImportError
    stub_file: bool  # in a `.pyi` file
    test: bool  # by test code


class Case(NamedTuple):
    """A finding's case (`missing`, `unused`, ...) and the arguments of its message."""

    what: str
    args: dict[str, str]


def classify(
    statement: Import,
    member: Manifest,
    names: Names,
    dev_extras: Collection[str],
    allow: Sequence[tuple[ModuleExpr, tuple[str, ...]]],
) -> list[Case]:
    """Every case the import is: none when its distribution is declared as it is used."""
    distribution = statement.distribution
    declared = [d for d in member.declared if d.distribution == distribution]
    groups = {_group(d, dev_extras) for d in declared}
    base = {
        "member": member.name,
        "distribution": distribution,
        "manifest": member.path or "pyproject.toml",
    }
    typing_only = statement.type_checking or statement.stub_file
    found: list[Case] = []
    if "runtime" in groups:
        pass
    elif "optional" in groups:
        if not (statement.local or statement.guarded or typing_only or statement.test):
            extras = sorted({d.extra for d in declared if _group(d, dev_extras) == "optional"})
            found.append(Case("optional", {**base, "extras": ", ".join(extras)}))
    elif "dev" in groups:
        if not (statement.test or typing_only):
            # A requirements file's section is the file; a manifest's says which one.
            sections = sorted(
                {d.section if d.section == d.path else f"{d.section} of {d.path}" for d in declared}
            )
            found.append(Case("dev-only", {**base, "sections": " and ".join(sections)}))
    elif statement.guarded or typing_only:
        pass  # optional by design (the code runs without it), or read by type checkers only
    else:
        where = "a dev dependency group" if statement.test else "[project] dependencies"
        roots = [d.distribution for d in member.declared]
        via = names.requirers(distribution, roots)
        if via is not None:
            found.append(Case("transitive", {**base, "via": via, "where": where}))
        else:
            found.append(Case("missing", {**base, "where": where}))
    if declared:
        found.extend(_not_allowed(statement, allow, base))
    return found


def unused(member: Manifest, used: Collection[str], ignore: Collection[str]) -> Iterable[Case]:
    """A case for the first declaration of each runtime or optional distribution of
    `member` that none of its modules imports (`used`), unless `ignore` lists it."""
    reported: set[str] = set()
    for declared in member.declared:
        name = declared.distribution
        if declared.group == "dev" or name in reported or name in ignore or name == member.name:
            continue
        if name in used or _stub_of(name) in used:
            continue
        reported.add(name)
        yield Case(
            "unused",
            {
                "member": member.name,
                "distribution": name,
                "section": declared.section,
                "path": declared.path,
                "line": str(declared.line),
            },
        )


def _group(declared: Declared, dev_extras: Collection[str]) -> str:
    if declared.group == "optional" and declared.extra in dev_extras:
        return "dev"
    return declared.group


def _stub_of(name: str) -> str:
    """The distribution a stub distribution types (`types-pyyaml` -> `pyyaml`), else ''."""
    if name.startswith("types-"):
        return name[len("types-") :]
    if name.endswith("-stubs"):
        return name[: -len("-stubs")]
    return ""


def _not_allowed(
    statement: Import,
    allow: Sequence[tuple[ModuleExpr, tuple[str, ...]]],
    base: dict[str, str],
) -> list[Case]:
    """The import of a declared distribution by a package whose `allow` list leaves it out;
    the deepest package of `allow` that holds the importer decides."""
    matching = [(expr, listed) for expr, listed in allow if expr.covers(statement.importer)]
    if not matching:
        return []
    expr, listed = max(matching, key=lambda pair: len(pair[0].text))
    if statement.distribution in listed:
        return []
    allowed = ", ".join(listed) if listed else "no distribution"
    return [Case("not-allowed", {**base, "package": expr.text, "allowed": allowed})]
