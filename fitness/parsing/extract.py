"""Read one file's imports and uses of banned APIs with libcst.

Statement bodies are walked first, for the imports, with an explicit stack
rather than recursion, so deeply nested code costs no stack and little time.
Expressions are entered (`walk`, once) only in files that mention a
dynamic-import function or where a configured ban can match (`uses.follow`).
Positions come from the text (`positions`, `placing`, `textscan`).
"""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterator, Sequence

import libcst as cst

from fitness.model import NO_BANS, ApiUse, Bans, FileFacts, ParseFailure, RawImport
from fitness.parsing.classes import Assignment, Statement, class_facts, lines_of_code
from fitness.parsing.comments import kept_comments
from fitness.parsing.deep import parse_module
from fitness.parsing.mentions import mentioned_builtins
from fitness.parsing.nesting import too_deeply_nested
from fitness.parsing.nodes import DYNAMIC_NAMES, Found
from fitness.parsing.placing import placed
from fitness.parsing.positions import positioned
from fitness.parsing.skeleton import import_statements, keep_words
from fitness.parsing.skeleton import skeleton as skeleton_of
from fitness.parsing.source_text import UndecodableSource, decode_source
from fitness.parsing.syntax_error import syntax_failure
from fitness.parsing.textscan import LineIndex, Span, strings_and_comments
from fitness.parsing.type_checking import Markers, test_key
from fitness.parsing.uses import follow, resolved
from fitness.parsing.walk import NOTHING, Follow, walk


def extract(source: bytes, bans: Bans = NO_BANS, skeleton: bool = True) -> FileFacts:
    """Return the facts of one Python file given as bytes, or why it cannot be read.

    Besides the imports: the uses of what `bans` bans (`fitness.parsing.uses`),
    and, whatever the bans, the builtin names the text mentions and the
    comments that may cite an ADR or direct fitness (`fitness.parsing.comments`).

    The cyclic garbage collector is paused meanwhile. A syntax tree has no
    reference cycles: it is freed by reference counting when `_extract` returns.
    While it is being built, every full collection would traverse all of it
    (sympy: ~6% of the parse time, and nothing found); resuming only once the
    tree is gone leaves the collector little to look at.

    With `skeleton` (the default) the parser reads the file with the statements
    that cannot hold a fact left out (`fitness.parsing.skeleton`): the facts are
    those of a full parse, but for a syntax error inside a statement left out,
    which goes unreported. Without `bans.measures` the lines of code, classes and
    functions are neither gathered nor parsed. `skeleton=False` parses the whole
    text (the differential tests).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _extract(source, bans, skeleton)
    finally:
        if collecting:
            gc.enable()


def _extract(source: bytes, bans: Bans, skeleton: bool) -> FileFacts:
    text = _readable(source, bans)
    if isinstance(text, FileFacts):
        return text
    facts = _skeleton_facts(text, bans) if skeleton else None
    if facts is not None:
        return facts
    too_deep = too_deeply_nested(text)
    if too_deep is not None:
        return _failed(too_deep, bans)
    return _facts(text, text, bans, None) or _failed(ParseFailure("internal", 1, 1), bans)


def skeleton_only(source: bytes, bans: Bans = NO_BANS) -> FileFacts | None:
    """The facts `extract` gives from the file's skeleton; None when it leaves out no body
    or parses the whole text instead (for the differential tests)."""
    text = _readable(source, bans)
    return None if isinstance(text, FileFacts) else _skeleton_facts(text, bans)


def _readable(source: bytes, bans: Bans) -> str | FileFacts:
    """The text of `source`, or the facts of a file no parser is given."""
    try:
        text = decode_source(source)
    except UndecodableSource as exc:
        return _failed(ParseFailure(exc.message, exc.line, exc.column), bans)
    if "\0" in text:
        # libcst reads past null bytes in strings and comments, and places the
        # others at 1:1; the interpreter refuses any of them anywhere.
        line, column = LineIndex(text).position(text.index("\0"))
        return _failed(ParseFailure(_NULL_BYTE, line, column), bans)
    return text


def _skeleton_facts(text: str, bans: Bans) -> FileFacts | None:
    words = _keep_words(text, bans)
    if words is None:
        return None
    spans = list(strings_and_comments(text))  # read once, for the skeleton and the comments
    shown = skeleton_of(text, words, bans.measures, spans)
    if shown is None:
        return None
    # What libcst would be given is checked, not the text: nesting too deep in a
    # statement left out costs nothing (and goes unreported, like a syntax error there).
    if too_deeply_nested(shown.text) is not None:
        return None  # parsed whole, which reports it
    return _facts(shown.text, text, bans, words, spans)


def _keep_words(text: str, bans: Bans) -> frozenset[str] | None:
    imported = import_statements(text) if bans else []
    return keep_words(text, bans.roots, bans.builtins, imported)


def _facts(
    parsed: str,
    text: str,
    bans: Bans,
    words: frozenset[str] | None,
    spans: Sequence[Span] | None = None,
) -> FileFacts | None:
    """The facts of `text` from parsing `parsed`, its skeleton or itself; None when the
    skeleton (`words`: what it kept) cannot stand for the text: parse the text instead."""
    try:
        module = parse_module(parsed)
    except cst.ParserSyntaxError as exc:
        return None if words is not None else _failed(syntax_failure(text, exc), bans)
    except RecursionError:
        if words is not None:
            return None
        return _failed(ParseFailure("too deeply nested for the parser", 1, 1), bans)
    except cst.CSTValidationError as exc:  # a node the grammar builds, libcst refuses: b'a' 'b'
        if words is not None:
            return None
        message = _MIXED_LITERALS if "bytes" in str(exc) else f"syntax error: {exc}"
        return _failed(ParseFailure(message, 1, 1), bans)
    measures = bans.measures
    statements: list[Statement] | None = [] if measures else None
    assigned: list[Assignment] | None = [] if measures else None
    found, checking = statement_facts(module, parsed, statements, assigned)
    mentioned = mentioned_builtins(text)
    following = follow(found, text, bans, mentioned)
    loaders = _loaders(found)
    if words is not None and not _covered(following, loaders, words):
        return None
    calls: list[Found] = []
    uses: list[ApiUse] = []
    if following is not None or any(n in parsed for n in DYNAMIC_NAMES):
        walked = walk(module, following or NOTHING, checking, loaders)
        calls = walked.calls
        if following is not None:
            uses = placed(module, parsed, resolved(walked, bans), walked.occurrences)
    imports = positioned(module, parsed, found, calls)
    if not text.isascii():
        imports = [_normalized(raw) for raw in imports]
    classes, functions = (
        class_facts(module, statements, found, parsed, assigned or ()) if statements else ((), ())
    )
    return FileFacts(
        tuple(imports),
        None,
        tuple(uses),
        mentioned,
        bans,
        kept_comments(text, spans),
        lines_of_code(text) if measures else 0,
        classes,
        functions,
    )


def _covered(following: Follow | None, loaders: frozenset[str], words: frozenset[str]) -> bool:
    """Whether the skeleton kept every body that writes a name the walk follows."""
    if following is not None and not (following.names | following.watched) <= words:
        return False
    return loaders <= words | {"import_module"}


def _loaders(found: list[Found]) -> frozenset[str]:
    """The names `from importlib import import_module as load` binds (`import_module` too)."""
    names: set[str] = set()
    for item in found:
        node = item.node
        if (
            isinstance(node, cst.ImportFrom)
            and not node.relative
            and isinstance(node.module, cst.Name)
            and node.module.value == "importlib"
            and not isinstance(node.names, cst.ImportStar)
        ):
            names.update(
                alias.evaluated_alias or "import_module"
                for alias in node.names
                if isinstance(alias.name, cst.Name) and alias.name.value == "import_module"
            )
    return frozenset(names)


def _failed(failure: ParseFailure, bans: Bans) -> FileFacts:
    return FileFacts((), failure, examined=bans)


_NULL_BYTE = "syntax error: source code cannot contain null bytes"
_MIXED_LITERALS = "syntax error: cannot mix bytes and nonbytes literals"


def decode(source: bytes) -> str:
    """Decode Python source as the interpreter would: BOM, then coding cookie, then UTF-8."""
    return decode_source(source)


def statement_imports(module: cst.Module) -> list[Found]:
    """The import statements of `module`, each flagged local and type-checking-only or not."""
    return statement_facts(module, "")[0]


def statement_facts(
    module: cst.Module,
    text: str,
    classes: list[Statement] | None = None,
    assigned: list[Assignment] | None = None,
) -> tuple[list[Found], frozenset[str]]:
    """The import statements, and the `if` tests that mark type-checking-only code
    (`fitness.parsing.type_checking`), decided once every binding has been seen.

    `classes` receives every class and function statement in source order, with
    its name qualified within the module, or None for one defined inside a function;
    `assigned` the assignments at module level (not in a class or function body).
    """
    markers = Markers()
    seen: list[tuple[cst.Import | cst.ImportFrom, bool, tuple[str, ...], bool]] = []
    keys: set[str] = set()
    start: tuple[Iterator[cst.CSTNode], bool, tuple[str, ...], str, bool] = (
        iter(module.body),
        False,
        (),
        "",
        False,
    )
    stack = [start]
    while stack:
        statements, local, checking, owner, guarded = stack[-1]
        statement = next(statements, None)
        if statement is None:
            stack.pop()
            continue
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                markers.statement(small)
                if isinstance(small, (cst.Import, cst.ImportFrom)):
                    seen.append((small, local, checking, guarded))
                elif (
                    assigned is not None
                    and isinstance(small, (cst.Assign, cst.AnnAssign))
                    and not owner
                    and not local
                ):
                    assigned.append(small)
            continue
        markers.statement(statement)
        inner_owner = owner
        if classes is not None and isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
            name = None if local else owner + statement.name.value
            classes.append((statement, name))
            inner_owner = "" if name is None else name + "."
        # Push in reverse so the first body is walked first.
        for body, inner_local, inner_checking, inner_guarded in reversed(
            list(_bodies(statement, local, checking, guarded, markers))
        ):
            keys.update(inner_checking)
            stack.append((iter(body), inner_local, inner_checking, inner_owner, inner_guarded))
    genuine = markers.genuine(keys, text)
    found = [
        Found(node, local, any(key in genuine for key in checking), guarded)
        for node, local, checking, guarded in seen
    ]
    return found, genuine


Body = tuple[Sequence[cst.CSTNode], bool, tuple[str, ...], bool]  # local, checking, guarded


def _bodies(
    statement: cst.CSTNode,
    local: bool,
    checking: tuple[str, ...],
    guarded: bool,
    markers: Markers,
) -> Iterator[Body]:
    if isinstance(statement, cst.If):
        key = test_key(statement.test)
        inner = checking if key is None else (*checking, key)
        yield _suite(statement.body), local, inner, guarded
        if statement.orelse is not None:
            yield (
                [statement.orelse]
                if isinstance(statement.orelse, cst.If)
                else _suite(statement.orelse.body),
                local,
                checking,
                guarded,
            )
        return
    if isinstance(statement, cst.Else):
        yield _suite(statement.body), local, checking, guarded
        return
    if isinstance(statement, (cst.Try, cst.TryStar)):
        catches = any(_catches_import_error(handler.type) for handler in statement.handlers)
        yield _suite(statement.body), local, checking, guarded or catches
        for handler in statement.handlers:
            markers.statement(handler)
            yield _suite(handler.body), local, checking, guarded
        for part in (statement.orelse, statement.finalbody):
            if part is not None:
                yield _suite(part.body), local, checking, guarded
        return
    if isinstance(statement, cst.Match):
        for case in statement.cases:
            yield _suite(case.body), local, checking, guarded
        return
    body = getattr(statement, "body", None)
    if isinstance(body, cst.BaseSuite):
        yield _suite(body), local or isinstance(statement, cst.FunctionDef), checking, guarded
    orelse = getattr(statement, "orelse", None)
    if isinstance(orelse, cst.Else):
        yield _suite(orelse.body), local, checking, guarded


# The exceptions whose handler makes a failed import quiet (the names as written, last part).
_IMPORT_ERRORS = frozenset(("ImportError", "ModuleNotFoundError", "Exception", "BaseException"))


def _catches_import_error(caught: cst.BaseExpression | None) -> bool:
    """Whether an `except` clause catching `caught` (None: a bare `except:`) catches
    a failed import."""
    if caught is None:
        return True
    if isinstance(caught, cst.Tuple):
        return any(_catches_import_error(element.value) for element in caught.elements)
    if isinstance(caught, cst.Attribute):
        return caught.attr.value in _IMPORT_ERRORS
    return isinstance(caught, cst.Name) and caught.value in _IMPORT_ERRORS


def _suite(suite: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    if isinstance(suite, cst.SimpleStatementSuite):
        return [suite]
    return suite.body if isinstance(suite, cst.IndentedBlock) else []


def _normalized(raw: RawImport) -> RawImport:
    """Names as the interpreter reads them: identifiers are NFKC-normalized (PEP 3131).

    `import ﬁle` imports `file` (the ligature "fi" is two letters); the literal
    string of a dynamic import is not an identifier and is looked up as written.
    """
    if raw.dynamic or (raw.module.isascii() and all(name.isascii() for name in raw.names)):
        return raw
    return raw._replace(
        module=unicodedata.normalize("NFKC", raw.module),
        names=tuple(unicodedata.normalize("NFKC", name) for name in raw.names),
    )
