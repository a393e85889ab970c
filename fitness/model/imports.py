"""Imports as read from one file, and as edges of the resolved graph.

These records exist by the tens of thousands on every run, most of them loaded
from the cache, so they are named tuples: building one costs a tenth of a frozen
dataclass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from fitness.model.comments import Comment
from fitness.model.finding import Location
from fitness.model.uses import NO_BANS, ApiUse, Bans

if TYPE_CHECKING:  # a run that measures nothing never imports it
    from fitness.model.classes import ClassFact, FunctionFact


class RawImport(NamedTuple):
    """An import statement (or literal dynamic import) as written in one file.

    `module` is the dotted name after `from`/`import` without the leading dots,
    `level` the number of those dots; `names` holds the names of a
    `from ... import` (`("*",)` for a star import) and is empty for `import x`.
    `guarded`: the statement sits in the body of a `try` whose handlers catch
    `ImportError` (or `ModuleNotFoundError`, `Exception`, `BaseException`, or
    everything): an optional import that fails quietly.
    """

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
    guarded: bool = False


class ParseFailure(NamedTuple):
    """Why a file could not be read or parsed, and where.

    `kind` says whose fault it is. "parse": the file's, which the interpreter
    would refuse too (or could not open). "analysis": fitness's, which failed
    on a file it should have read; `message` then names the error, to report.
    """

    message: str
    line: int
    column: int
    kind: Literal["parse", "analysis"] = "parse"


class FileFacts(NamedTuple):
    """Everything the checks need from one file, in sections.

    `failure` is set when the file could not be parsed. `uses` are the uses of
    what `examined` asked for (see `fitness.model.uses`); `builtins` are the
    builtin names the file's text mentions, so a new builtin ban knows which
    files it can affect without reading any. `comments` are those that may
    cite an ADR or hold a `# fitness:` directive (`fitness.parsing.comments`).
    `lines` counts the lines of code (not blank, not only a comment; the lines of
    docstrings and other strings count) and `classes` are the classes it defines
    (`fitness.model.classes`): what the metrics read; `functions` the functions
    and methods (not those inside functions), for the `classes` rules.
    """

    imports: tuple[RawImport, ...]
    failure: ParseFailure | None
    uses: tuple[ApiUse, ...] = ()
    builtins: frozenset[str] = frozenset()
    examined: Bans = NO_BANS
    comments: tuple[Comment, ...] = ()
    lines: int = 0
    classes: tuple[ClassFact, ...] = ()
    functions: tuple[FunctionFact, ...] = ()


class PairImports(NamedTuple):
    """The import statements by which one of the project's modules imports another."""

    imports: int  # every statement
    type_checking: int  # those under `if TYPE_CHECKING:`
    dynamic: int  # those that are dynamic (`importlib.import_module("a.b")`)


Between = dict[tuple[str, str], PairImports]  # (importer, imported) -> its statements


class ImportEdge(NamedTuple):
    """A resolved import: `importer` (an internal module) imports `imported`.

    `imported` is an internal module, or the full dotted name of a third-party
    or standard-library target (`external`), such as `sqlalchemy.orm.Session`;
    `module` is the module the statement names (`sqlalchemy.orm` for
    `from sqlalchemy.orm import Session`), which is what a reader is shown.
    """

    importer: str
    imported: str
    location: Location
    local: bool
    type_checking: bool
    dynamic: bool
    external: bool
    module: str
