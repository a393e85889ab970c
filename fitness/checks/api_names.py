"""The names a `banned-api` rule bans, and which uses each one matches."""

from __future__ import annotations

import builtins
from typing import NamedTuple, Union

from fitness.model.expressions import ModuleExpr, expression_problem

_BUILTINS_MODULE = "builtins"


class ApiName(NamedTuple):
    """One banned name: as the configuration wrote it, and as uses spell their `api`.

    `canonical` is the dotted name uses are compared with: `builtins.eval` for
    `eval`, the text itself otherwise. `builtin` is the builtin a name bans
    (`eval`), None for a module or its attributes.
    """

    text: str
    canonical: str
    builtin: str | None

    @property
    def root(self) -> str:
        """The top-level module whose imports extraction must follow."""
        return self.canonical.split(".", 1)[0]

    @property
    def is_module(self) -> bool:
        """A top-level module (`pickle`): used by importing it, never called."""
        return "." not in self.canonical

    @property
    def specificity(self) -> int:
        """How many segments the name spells out; wildcards do not count."""
        return sum(1 for part in self.canonical.split(".") if part not in ("*", "**"))

    def matches(self, api: str) -> bool:
        """Whether `api` is this name or lies under it (`pickle.loads` under `pickle`)."""
        name = self.canonical
        if "*" not in name:
            return api == name or api.startswith(name + ".")
        # Some prefix of `api` matches the name exactly when `api` matches it or lies
        # under a match (`**`: one or more segments).
        return ModuleExpr(name).matches(api) or ModuleExpr(name + ".**").matches(api)


ParsedName = Union[ApiName, str]  # the name, or why the text is not one


def parse_name(text: str) -> ParsedName:
    """The banned name `text` spells, or the problem with it, worded for the user.

    A name whose first segment is a builtin (`eval`, `open`, `dict.fromkeys`)
    means the builtin; `builtins.eval` spells the same. `*` stands for one
    segment and `**` for one or more, anywhere after the first.
    """
    problem = expression_problem(text, empty="empty API name", dotted="dotted name")
    if problem is not None:
        return problem
    parts = text.split(".")
    if parts[0] in ("*", "**"):
        return f"'{text}' starts with a wildcard: name a module or a builtin first"
    known = builtin_names()
    if parts[0] == _BUILTINS_MODULE:
        if len(parts) == 1:
            return f"'{text}' is the builtins module: name a builtin ('eval' or 'builtins.eval')"
        if parts[1] in ("*", "**"):
            return f"'{text}': a wildcard cannot follow 'builtins': name each builtin"
        if parts[1] not in known:
            from fitness.suggest import did_you_mean

            hint = did_you_mean(parts[1], known)
            return f"'{text}': '{parts[1]}' is not a builtin{hint}"
        return ApiName(text, text, parts[1])
    if parts[0] in known:
        return ApiName(text, f"{_BUILTINS_MODULE}.{text}", parts[0])
    return ApiName(text, text, None)


def shown(api: str) -> str:
    """How a message names an API: a builtin without its module (`eval`)."""
    prefix = _BUILTINS_MODULE + "."
    return api[len(prefix) :] if api.startswith(prefix) else api


def builtin_names() -> frozenset[str]:
    """The names of the running interpreter's builtins module."""
    return frozenset(dir(builtins))
