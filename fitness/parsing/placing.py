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
from fitness.parsing.textscan import LineIndex, code_words

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
    return sorted(records, key=lambda use: (use.line, use.column, use.end_line, use.end_column, use.api))


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
        spans.append((where.start.line, where.start.column + 1, where.end.line, where.end.column + 1))
    return spans


def _from_text(
    module: cst.Module,
    text: str,
    uses: Sequence[tuple[ApiUse, Candidate]],
    occurrences: dict[str, list[cst.Name]],
) -> list[Span] | None:
    offsets: dict[str, list[int]] = {}
    index: dict[int, int] = {}
    lines = LineIndex(text)
    spans: list[Span] = []
    for _, candidate in uses:
        first = candidate.first
        assert first is not None
        word = first.value
        if word not in offsets:
            found = _offsets(text, word, len(occurrences.get(word, ())))
            if found is None:
                return None
            offsets[word] = found
            index.update((id(node), k) for k, node in enumerate(occurrences[word]))
        code = module.code_for_node(_bare(candidate.node))
        at = _word(word).search(code)
        if at is None:
            return None
        start = offsets[word][index[id(first)]] - at.start()
        if start < 0 or not text.startswith(code, start):
            return None
        spans.append((*lines.position(start), *lines.position(start + len(code))))
    return spans


def _offsets(text: str, word: str, expected: int) -> list[int] | None:
    """Where `word` is written as a name, when that is `expected` times; else None."""
    found = [match.start() for match in _word(word).finditer(text)]
    if len(found) == expected:
        return found
    in_code = code_words(text, found)
    return in_code if len(in_code) == expected else None


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
