"""Module expressions (`shop.*.domain`, `shop.**`) and import expressions (`a -> b`)."""

from __future__ import annotations

import re
from typing import NamedTuple


class ModuleExpr(NamedTuple):
    """A dotted module name where `*` stands for one segment and `**` for one or more."""

    text: str

    @property
    def has_wildcard(self) -> bool:
        return "*" in self.text

    def matches(self, module: str) -> bool:
        return _pattern(self.text).fullmatch(module) is not None

    def covers(self, module: str) -> bool:
        """Whether `module` is one this expression matches, or lies inside one."""
        pattern = _pattern(self.text)
        name = module
        while True:
            if pattern.fullmatch(name) is not None:
                return True
            name, dot, _ = name.rpartition(".")
            if not dot:
                return False

    def __str__(self) -> str:
        return self.text


def within(module: str, package: str) -> bool:
    """Whether `module` is `package` or one of its descendants."""
    return module == package or module.startswith(package + ".")


class ImportExpr(NamedTuple):
    """`importer -> imported`, each side a module expression, naming direct imports."""

    importer: ModuleExpr
    imported: ModuleExpr

    def matches(self, importer: str, imported: str) -> bool:
        return self.importer.matches(importer) and self.imported.matches(imported)

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported}"


def expression_problem(
    text: str, *, empty: str = "empty module expression", dotted: str = "dotted module name"
) -> str | None:
    """Why `text` is not a module expression, or None if it is one.

    `empty` and `dotted` name what is expected, for callers that read other dotted names.
    Wildcards may follow each other (`*.*` is two segments, `*.**` and `**.*` two or
    more, which import-linter refuses), except `**.**`: its two halves split a name
    in many ways for one meaning, that of `*.**`.
    """
    if not text:
        return empty
    previous = ""
    for part in text.split("."):
        if not part:
            return f"'{text}' has an empty segment"
        if part in ("*", "**"):
            if part == previous == "**":
                return f"'{text}' has '**' twice in a row: write '*.**' for two or more segments"
        elif not part.isidentifier():
            return f"'{text}' is not a {dotted} ('{part}' is not an identifier)"
        previous = part
    return None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(text: str) -> re.Pattern[str]:
    """The compiled expression, made once per text however many records hold it."""
    pattern = _PATTERNS.get(text)
    if pattern is None:
        pattern = _PATTERNS[text] = re.compile(_to_regex(text))
    return pattern


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
