"""Imports as read from one file, and as edges of the resolved graph."""

from __future__ import annotations

from dataclasses import dataclass

from fitness.model.finding import Location


@dataclass(frozen=True)
class RawImport:
    """An import statement (or literal dynamic import) as written in one file.

    `module` is the dotted name after `from`/`import` without the leading dots,
    `level` the number of those dots; `names` holds the names of a
    `from ... import` (`("*",)` for a star import) and is empty for `import x`.
    """

    __slots__ = (
        "column",
        "dynamic",
        "end_column",
        "end_line",
        "level",
        "line",
        "local",
        "module",
        "names",
        "type_checking",
    )
    module: str
    level: int
    names: tuple[str, ...]
    line: int
    column: int
    end_line: int
    end_column: int
    local: bool
    type_checking: bool
    dynamic: bool


@dataclass(frozen=True)
class ParseFailure:
    """Why a file could not be read or parsed, and where."""

    __slots__ = ("column", "line", "message")
    message: str
    line: int
    column: int


@dataclass(frozen=True)
class FileFacts:
    """Everything the checks need from one file; `failure` is set when it could not be parsed."""

    __slots__ = ("failure", "imports")
    imports: tuple[RawImport, ...]
    failure: ParseFailure | None


@dataclass(frozen=True)
class ImportEdge:
    """A resolved import: `importer` (an internal module) imports `imported`.

    `imported` is an internal module, or the full dotted name of a third-party
    or standard-library target (`external`), such as `sqlalchemy.orm.Session`.
    """

    __slots__ = (
        "dynamic",
        "external",
        "imported",
        "importer",
        "local",
        "location",
        "type_checking",
    )
    importer: str
    imported: str
    location: Location
    local: bool
    type_checking: bool
    dynamic: bool
    external: bool
