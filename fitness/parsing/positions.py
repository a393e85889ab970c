"""Give each import node found by the walk its position in the text.

Import statements are paired in order with the statements `textscan` finds;
dynamic-import calls are paired by function name and literal argument, since
the expression walk does not always visit them in source order. Every pair is
checked against the text, and a file where anything disagrees gets libcst's own
positions instead.
"""

from __future__ import annotations

import re
from collections import defaultdict

import libcst as cst

from fitness.model import RawImport
from fitness.parsing.nodes import Found, dotted, dynamic_name, literal_argument, raw_imports
from fitness.parsing.textscan import LineIndex, Spot, quick_scan, scan

_SPACED_DOT = r"(?:[ \t\f]|\\(?:\r\n|\r|\n))*\.(?:[ \t\f]|\\(?:\r\n|\r|\n))*"
_BLANK = re.compile(r"(?:[ \t\f]|\\(?:\r\n|\r|\n))*")
# Blanks, comments and line continuations may stand between a call's name, its
# parenthesis and its first argument.
_GAP = r"(?:\s|#[^\r\n]*|\\\r?\n)*"
_OPENING_PARENTHESIS = re.compile(_GAP + r"\(" + _GAP)
_ARGUMENT_END = re.compile(_GAP + r"[,)]")


def positioned(
    module: cst.Module, text: str, found: list[Found], calls: list[Found]
) -> list[RawImport]:
    """The raw imports of `found` statements and `calls`, each at its place in `text`."""
    for scanner in (quick_scan, scan):
        statements, call_spots = scanner(text)
        imports = _from_text(text, found, statements, calls, call_spots)
        if imports is not None:
            return imports
    try:
        return exact_positions(module, found, calls)
    except RecursionError:
        # PositionProvider recurses once per nested node; keep the imports, unplaced.
        return [imp for item in [*found, *calls] for imp in raw_imports(item, 1, 1, 1, 1)]


def exact_positions(module: cst.Module, found: list[Found], calls: list[Found]) -> list[RawImport]:
    """libcst's own position metadata: exact, but slower than parsing the file."""
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
            raw_imports(
                item, where.start.line, where.start.column + 1, where.end.line, where.end.column + 1
            )
        )
    return imports


def _from_text(
    text: str,
    found: list[Found],
    statements: list[Spot],
    calls: list[Found],
    call_spots: list[Spot],
) -> list[RawImport] | None:
    if len(statements) != len(found) or len(call_spots) != len(calls):
        return None
    pairs = list(zip(found, statements))
    if not all(_agrees(item.node, spot, text) for item, spot in pairs):
        return None
    paired_calls = _pair_calls(text, calls, call_spots)
    if paired_calls is None:
        return None
    lines = LineIndex(text)
    imports: list[RawImport] = []
    for item, spot in [*pairs, *paired_calls]:
        imports.extend(raw_imports(item, *lines.position(spot.start), *lines.position(spot.end)))
    return imports


def _agrees(node: cst.CSTNode, spot: Spot, text: str) -> bool:
    """The statement at `spot` starts with the node's keyword and module name."""
    if isinstance(node, cst.Import):
        keyword, written = "import", dotted(node.names[0].name)
    elif isinstance(node, cst.ImportFrom):
        module = "" if node.module is None else dotted(node.module)
        keyword, written = "from", "." * len(node.relative) + module
    else:
        return False
    if spot.keyword != keyword:
        return False
    after = _BLANK.match(text, spot.start + len(keyword))
    if after is None:
        return False
    if text.startswith(written, after.end()):
        return True
    # `import a . b`, `from . . x import y` and line continuations are legal too.
    spaced = _SPACED_DOT.join(re.escape(part) for part in written.split("."))
    window = text[after.end() : after.end() + 4 * len(written) + 16]
    return re.match(spaced, window) is not None


def _pair_calls(
    text: str, calls: list[Found], spots: list[Spot]
) -> list[tuple[Found, Spot]] | None:
    """Pair each call with a spot of its function.

    A call with a literal argument takes the first free spot where that literal
    stands alone as the first argument; the other calls then take the spots
    left, in order.
    """
    free: dict[str, list[tuple[Spot, int]]] = defaultdict(list)
    for spot in spots:
        opening = _OPENING_PARENTHESIS.match(text, spot.end)
        if opening is not None:
            free[spot.keyword].append((spot, opening.end()))
    paired: dict[int, Spot] = {}
    for literal_first in (True, False):
        for number, item in enumerate(calls):
            assert isinstance(item.node, cst.Call)
            literal = _literal_source(item.node)
            if (literal is not None) != literal_first:
                continue
            candidates = free.get(dynamic_name(item.node.func) or "", [])
            for index, (spot, argument) in enumerate(candidates):
                if literal is None or _stands_alone(text, literal, argument):
                    paired[number] = spot
                    del candidates[index]
                    break
            else:
                return None
    return [(item, paired[number]) for number, item in enumerate(calls)]


def _stands_alone(text: str, literal: str, argument: int) -> bool:
    """`literal` is written at `argument` and is the whole of that argument."""
    end = argument + len(literal)
    return text.startswith(literal, argument) and _ARGUMENT_END.match(text, end) is not None


def _literal_source(call: cst.Call) -> str | None:
    """The first argument as written, when it is the positional string literal named."""
    first = call.args[0] if call.args else None
    if first is None or first.keyword is not None or first.star:
        return None
    value = first.value
    if isinstance(value, cst.SimpleString) and literal_argument(call) is not None:
        return value.value
    return None
