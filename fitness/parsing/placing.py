"""Give each API use its range in the text, without libcst's position metadata.

The walk counted, in the order written, every name node whose name places a
use (`occurrences`). The k-th such node of a name is the k-th time the name is
written as a whole word in the code: in the text outside strings and comments,
but inside f-string replacement fields. A use starts where its first name is
written (less what its code holds before that name: a parenthesis, `from `),
and its code, generated from the node, must be what the text holds there: that
verifies each pair. A file where any count or any text disagrees is placed by
`PositionProvider` instead (slow, exact).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst

from fitness.model import ApiUse
from fitness.parsing.candidates import Candidate
from fitness.parsing.textscan import LineIndex, Regions, in_code, literal_regions

Span = tuple[int, int, int, int]


def placed(
    module: cst.Module,
    text: str,
    uses: Sequence[tuple[ApiUse, Candidate]],
    occurrences: dict[str, list[cst.Name]],
) -> list[ApiUse]:
    """The uses with their ranges, sorted by position."""
    if not uses:
        return []
    spans = _from_text(module, text, uses, occurrences)
    if spans is None:
        spans = exact_spans(module, [candidate.node for _, candidate in uses])
    records = [
        use._replace(line=line, column=column, end_line=end_line, end_column=end_column)
        for (use, _), (line, column, end_line, end_column) in zip(uses, spans)
    ]
    return sorted(
        records, key=lambda use: (use.line, use.column, use.end_line, use.end_column, use.api)
    )


def exact_spans(module: cst.Module, nodes: Sequence[cst.CSTNode]) -> list[Span]:
    """libcst's own positions: exact, but slower than parsing the file."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    try:
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    except RecursionError:  # PositionProvider recurses once per nested node
        return [(1, 1, 1, 1) for _ in nodes]
    spans: list[Span] = []
    for node in nodes:
        where = positions[node]
        spans.append(
            (where.start.line, where.start.column + 1, where.end.line, where.end.column + 1)
        )
    return spans


def _from_text(
    module: cst.Module,
    text: str,
    uses: Sequence[tuple[ApiUse, Candidate]],
    occurrences: dict[str, list[cst.Name]],
) -> list[Span] | None:
    offsets: dict[str, list[int]] = {}
    index: dict[int, int] = {}
    regions: list[Regions] = []
    lines = LineIndex(text)
    spans: list[Span] = []
    for _, candidate in uses:
        first = candidate.first
        assert first is not None
        word = first.value
        if word not in offsets:
            found = _offsets(text, word, len(occurrences.get(word, ())), regions)
            if found is None:
                return None
            offsets[word] = found
            index.update((id(node), k) for k, node in enumerate(occurrences[word]))
        code = _code(module, candidate.node)
        at = _word(word).search(code)
        if at is None:
            return None
        start = offsets[word][index[id(first)]] - at.start()
        end = _end(text, code, start)
        if end is None:
            return None
        spans.append((*lines.position(start), *lines.position(end)))
    return spans


def _offsets(text: str, word: str, expected: int, regions: list[Regions]) -> list[int] | None:
    """Where `word` is written as a name, when that is `expected` times; else None."""
    # The pattern starts with the word, so the search skips ahead at memory speed.
    found = [
        match.start()
        for match in _followed(word).finditer(text)
        if not match.start() or not _continues(text[match.start() - 1])
    ]
    if len(found) == expected:
        return found
    if not regions:
        regions.append(literal_regions(text))
    kept = in_code(found, regions[0])
    return kept if len(kept) == expected else None


def _end(text: str, code: str, start: int) -> int | None:
    """Where `code` ends if the text holds it at `start`, else None.

    A node's code holds no indentation of the blocks around it: where it spans
    lines, the text may hold more blanks at each line's start.
    """
    if start < 0:
        return None
    if "\n" not in code and "\r" not in code:
        return start + len(code) if text.startswith(code, start) else None
    pieces = re.split(r"\r\n|\r|\n", code)
    pattern = r"(?:\r\n|\r|\n)[ \t\f]*".join(re.escape(piece) for piece in pieces)
    match = re.compile(pattern).match(text, start)
    return None if match is None else match.end()


def _code(module: cst.Module, node: cst.CSTNode) -> str:
    """The node's code, without its own parentheses (and an alias's comma)."""
    parts: list[str] = []
    chain = node
    while isinstance(chain, cst.Attribute) and not chain.lpar and _tight(chain.dot):
        parts.append(chain.attr.value)
        chain = chain.value
    if isinstance(chain, cst.Name) and not chain.lpar:
        parts.append(chain.value)
        return ".".join(reversed(parts))
    return module.code_for_node(_bare(node))


def _tight(dot: cst.Dot) -> bool:
    before, after = dot.whitespace_before, dot.whitespace_after
    return (
        isinstance(before, cst.SimpleWhitespace)
        and not before.value
        and isinstance(after, cst.SimpleWhitespace)
        and not after.value
    )


def _followed(word: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(word)}(?!\w)")


def _continues(char: str) -> bool:
    """Whether `char` is a word character (what `\\w` matches) before the word."""
    return char.isalnum() or char == "_"


def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def _bare(node: cst.CSTNode) -> cst.CSTNode:
    """The node without what its range leaves out: its own parentheses, a comma, a semicolon."""
    changes: dict[str, object] = {}
    if getattr(node, "lpar", None):
        changes["lpar"] = ()
        changes["rpar"] = ()
    if isinstance(node, cst.ImportAlias) and node.comma is not cst.MaybeSentinel.DEFAULT:
        changes["comma"] = cst.MaybeSentinel.DEFAULT
    if isinstance(node, cst.ImportFrom) and node.semicolon is not cst.MaybeSentinel.DEFAULT:
        changes["semicolon"] = cst.MaybeSentinel.DEFAULT
    return node.with_changes(**changes) if changes else node
