"""Read one file's imports with libcst, in a single walk over statement bodies.

Only statement bodies are walked (expressions are entered only in files that
mention a dynamic-import function), with an explicit stack rather than
recursion, so deeply nested code costs no stack and little time. Positions
come from `textscan`; see there for why.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from fitness.model import FileFacts, ParseFailure, RawImport
from fitness.parsing.textscan import LineIndex, Spot, scan

_DYNAMIC_NAMES = ("import_module", "__import__")


def extract(source: bytes) -> FileFacts:
    """Return the imports of one Python file given as bytes, or why it cannot be read."""
    try:
        text = decode(source)
    except (UnicodeDecodeError, SyntaxError, LookupError) as exc:
        return FileFacts((), _decoding_failure(source, exc))
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        return FileFacts((), _syntax_failure(text, exc))
    except RecursionError:
        return FileFacts((), ParseFailure("too deeply nested for the parser", 1, 1))
    found = list(_statements(module))
    calls = list(_dynamic_calls(module)) if any(n in text for n in _DYNAMIC_NAMES) else []
    imports = _with_text_positions(text, found, calls)
    if imports is None:
        imports = _with_exact_positions(module, found, calls)
    return FileFacts(tuple(imports), None)


def decode(source: bytes) -> str:
    """Decode Python source as the interpreter would: BOM, then coding cookie, then UTF-8."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    return source.decode(encoding)


@dataclass(frozen=True)
class _Found:
    """An import node and where it sits: inside a function, under `if TYPE_CHECKING:`."""

    __slots__ = ("local", "node", "type_checking")
    node: cst.Import | cst.ImportFrom | cst.Call
    local: bool
    type_checking: bool


def _statements(module: cst.Module) -> Iterator[_Found]:
    stack: list[tuple[Iterator[cst.CSTNode], bool, bool]] = [(iter(module.body), False, False)]
    while stack:
        statements, local, checking = stack[-1]
        statement = next(statements, None)
        if statement is None:
            stack.pop()
            continue
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                if isinstance(small, (cst.Import, cst.ImportFrom)):
                    yield _Found(small, local, checking)
            continue
        # Push in reverse so the first body is walked first.
        for body, inner_local, inner_checking in reversed(
            list(_bodies(statement, local, checking))
        ):
            stack.append((iter(body), inner_local, inner_checking))


def _bodies(
    statement: cst.CSTNode, local: bool, checking: bool
) -> Iterator[tuple[Sequence[cst.CSTNode], bool, bool]]:
    if isinstance(statement, cst.If):
        yield _suite(statement.body), local, checking or _is_type_checking(statement.test)
        if statement.orelse is not None:
            yield (
                [statement.orelse]
                if isinstance(statement.orelse, cst.If)
                else _suite(statement.orelse.body),
                local,
                checking,
            )
        return
    if isinstance(statement, cst.Else):
        yield _suite(statement.body), local, checking
        return
    if isinstance(statement, (cst.Try, cst.TryStar)):
        yield _suite(statement.body), local, checking
        for handler in statement.handlers:
            yield _suite(handler.body), local, checking
        for part in (statement.orelse, statement.finalbody):
            if part is not None:
                yield _suite(part.body), local, checking
        return
    if isinstance(statement, cst.Match):
        for case in statement.cases:
            yield _suite(case.body), local, checking
        return
    body = getattr(statement, "body", None)
    if isinstance(body, cst.BaseSuite):
        yield _suite(body), local or isinstance(statement, cst.FunctionDef), checking
    orelse = getattr(statement, "orelse", None)
    if isinstance(orelse, cst.Else):
        yield _suite(orelse.body), local, checking


def _suite(suite: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    if isinstance(suite, cst.SimpleStatementSuite):
        return [suite]
    return suite.body if isinstance(suite, cst.IndentedBlock) else []


def _is_type_checking(test: cst.BaseExpression) -> bool:
    if isinstance(test, cst.Name):
        return test.value == "TYPE_CHECKING"
    return isinstance(test, cst.Attribute) and test.attr.value == "TYPE_CHECKING"


def _dynamic_calls(module: cst.Module) -> Iterator[_Found]:
    """Every call to a dynamic-import function, literal or not, in source order."""
    stack: list[tuple[Iterator[cst.CSTNode], bool, bool]] = [(iter(module.children), False, False)]
    while stack:
        children, local, checking = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, cst.Call) and _dynamic_name(node.func) is not None:
            yield _Found(node, local, checking)
        if isinstance(node, cst.If) and _is_type_checking(node.test):
            stack.append((iter([node.body]), local, True))
            stack.append((iter([c for c in node.children if c is not node.body]), local, checking))
            continue
        inner_local = local or isinstance(node, (cst.FunctionDef, cst.Lambda))
        stack.append((iter(node.children), inner_local, checking))


def _dynamic_name(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name) and func.value in _DYNAMIC_NAMES:
        return func.value
    if isinstance(func, cst.Attribute) and func.attr.value == "import_module":
        return func.attr.value
    return None


def _with_text_positions(
    text: str, found: list[_Found], calls: list[_Found]
) -> list[RawImport] | None:
    """Pair nodes with the spots the text scan found; None if any pair disagrees."""
    statements, call_spots = scan(text)
    if len(statements) != len(found) or len(call_spots) != len(calls):
        return None
    lines = LineIndex(text)
    imports: list[RawImport] = []
    for item, spot in zip(found, statements):
        if not _agrees(item.node, spot, text):
            return None
        imports.extend(_raw(item, *lines.position(spot.start), *lines.position(spot.end)))
    for item, spot in zip(calls, call_spots):
        assert isinstance(item.node, cst.Call)
        if spot.keyword != _dynamic_name(item.node.func):
            return None
        imports.extend(_raw(item, *lines.position(spot.start), *lines.position(spot.end)))
    return imports


def _agrees(node: cst.CSTNode, spot: Spot, text: str) -> bool:
    if isinstance(node, cst.Import):
        keyword, written = "import", _dotted(node.names[0].name)
    elif isinstance(node, cst.ImportFrom):
        module = "" if node.module is None else _dotted(node.module)
        keyword, written = "from", "." * len(node.relative) + module
    else:
        return False
    if spot.keyword != keyword:
        return False
    blank = re.compile(r"(?:[ \t\f]|\\(?:\r\n|\r|\n))*")
    after = blank.match(text, spot.start + len(keyword))
    return after is not None and text.startswith(written, after.end())


def _with_exact_positions(
    module: cst.Module, found: list[_Found], calls: list[_Found]
) -> list[RawImport]:
    """The slow path: libcst's own position metadata, for files the text scan misreads."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    imports: list[RawImport] = []
    for item in [*found, *calls]:
        node: cst.CSTNode = item.node
        if isinstance(node, cst.Call):
            node = node.func.attr if isinstance(node.func, cst.Attribute) else node.func
        where = positions[node]
        imports.extend(
            _raw(
                item,
                where.start.line,
                where.start.column + 1,
                where.end.line,
                where.end.column + 1,
            )
        )
    return imports


def _raw(item: _Found, line: int, column: int, end_line: int, end_column: int) -> list[RawImport]:
    node = item.node
    targets: list[tuple[str, int, tuple[str, ...]]]
    if isinstance(node, cst.Import):
        targets = [(_dotted(alias.name), 0, ()) for alias in node.names]
    elif isinstance(node, cst.ImportFrom):
        module = "" if node.module is None else _dotted(node.module)
        names: tuple[str, ...] = (
            ("*",)
            if isinstance(node.names, cst.ImportStar)
            else tuple(_dotted(alias.name) for alias in node.names)
        )
        targets = [(module, len(node.relative), names)]
    else:
        literal = _literal_target(node)
        targets = [] if literal is None else [(*literal, ())]
    return [
        RawImport(
            module=name,
            level=level,
            names=names,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            local=item.local,
            type_checking=item.type_checking,
            dynamic=isinstance(node, cst.Call),
        )
        for name, level, names in targets
    ]


def _literal_target(call: cst.Call) -> tuple[str, int] | None:
    """The target of a literal dynamic import as (name, level).

    `import_module("a.b")` gives ("a.b", 0); `import_module(".b", package=__package__)` ("b", 1).
    """
    if not call.args or call.args[0].keyword is not None:
        return None
    value = call.args[0].value
    if not isinstance(value, cst.SimpleString):
        return None
    name = value.evaluated_value
    if not isinstance(name, str) or not name.strip("."):
        return None
    level = len(name) - len(name.lstrip("."))
    if level:
        package = next((a.value for a in call.args[1:] if _keyword(a) == "package"), None)
        if not (isinstance(package, cst.Name) and package.value == "__package__"):
            return None
    return name[level:], level


def _keyword(arg: cst.Arg) -> str | None:
    return None if arg.keyword is None else arg.keyword.value


def _dotted(node: cst.BaseExpression) -> str:
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
    return ".".join(reversed(parts))


def _syntax_failure(text: str, exc: cst.ParserSyntaxError) -> ParseFailure:
    """libcst's verdict, placed where the interpreter's parser points when it agrees.

    libcst reports the end of the offending token (or no column at all); the
    standard library's parser names the line and column where the error starts.
    """
    where = re.match(r"^(?:parser|tokenizer) error: (?:error at (\d+):(\d+): )?", exc.message)
    message = exc.message[where.end() :] if where else exc.message
    line, column = exc.raw_line, exc.raw_column + 1
    if where and where[1]:
        line, column = int(where[1]), int(where[2]) + 1
    try:
        ast.parse(text)
    except SyntaxError as reference:
        if reference.lineno is not None:
            line, column = reference.lineno, max(reference.offset or 1, 1)
    except (ValueError, RecursionError, MemoryError):
        pass  # the interpreter cannot place it either; keep libcst's position
    return ParseFailure(f"syntax error: {message}", line, column)


def _decoding_failure(source: bytes, exc: Exception) -> ParseFailure:
    if isinstance(exc, UnicodeDecodeError):
        before = source[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return ParseFailure(
            f"cannot decode: {exc.reason} (byte 0x{source[exc.start]:02x})", line, column
        )
    return ParseFailure(f"cannot decode: {exc}", 1, 1)
