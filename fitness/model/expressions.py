"""Module expressions (`shop.*.domain`, `shop.**`) and import expressions (`a -> b`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ModuleExpr:
    """A dotted module name where `*` stands for one segment and `**` for one or more."""

    text: str
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(_to_regex(self.text)))

    @property
    def has_wildcard(self) -> bool:
        return "*" in self.text

    def matches(self, module: str) -> bool:
        return self._regex.fullmatch(module) is not None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ImportExpr:
    """`importer -> imported`, each side a module expression, naming direct imports."""

    importer: ModuleExpr
    imported: ModuleExpr

    def matches(self, importer: str, imported: str) -> bool:
        return self.importer.matches(importer) and self.imported.matches(imported)

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported}"


def expression_problem(text: str) -> str | None:
    """Why `text` is not a module expression, or None if it is one."""
    if not text:
        return "empty module expression"
    previous = ""
    for part in text.split("."):
        if not part:
            return f"'{text}' has an empty segment"
        if part in ("*", "**"):
            if previous in ("*", "**"):
                return f"'{text}' has two wildcards in a row"
        elif not part.isidentifier():
            return f"'{text}' is not a dotted module name ('{part}' is not an identifier)"
        previous = part
    return None


def _to_regex(text: str) -> str:
    pieces = []
    for part in text.split("."):
        if part == "**":
            pieces.append(r"[^.]+(?:\.[^.]+)*")
        elif part == "*":
            pieces.append(r"[^.]+")
        else:
            pieces.append(re.escape(part))
    return r"\.".join(pieces)
