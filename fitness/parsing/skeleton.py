"""The skeleton of a file: its text with the bodies that cannot hold a fact left out.

Most of a codebase is function bodies that hold no import, no name a
configured ban could match and nothing the class facts read. Parsing them
costs most of the parse and finds nothing, so `skeleton` finds, from the text
alone, the bodies of compound statements (`def`, `class`, `if`, `for`,
`while`, `with`, `try`, `match`..., at any depth) and replaces each body that
cannot contribute a fact by `pass` and blank lines: the same line count, so
every other statement keeps its line and column. In the function and class
bodies kept, a run of simple statements at one indentation (assignments,
calls, docstrings...) that spans two lines or more and holds nothing to keep
becomes `pass` too (Django's model fields); module-level statements are kept,
as an assignment there may bind what the class facts read.

A body is kept when its text holds (anywhere, strings and comments included:
an over-approximation is only slower) the substring `import` (statements,
`__import__`, `import_module`), a word of `words` (`keep_words`: the names a
ban can match, what the names imported from a banned module are bound to, the
names `TYPE_CHECKING` is read through, the names `import_module` is bound to),
or a non-ASCII character outside strings and comments (identifiers are
NFKC-normalized). Outside function
bodies, where the class facts are gathered, a body holding the word `class` or
`def` is kept too (its own nested bodies may still be left out), and so is the
body of an `if`, `for`, `with`, `try`... at module level, where an assignment
may bind what the class facts read. Comments,
builtins mentioned and lines of code are read from the whole text by the
caller, never from the skeleton.

The scan reads strings, comments and f-strings with `textscan` (PEP 701's
nested ones included) and masks them, collapses bracketed groups (innermost
first, each a regular-expression pass), so that what is left is code at
bracket depth 0 with a backslash ending every line that continues another;
then a header is a line ending with `:`, and its body runs to the next line
indented as deep as the header or less. The body of a `match` is never left
out (its cases are what it holds); the bodies of its cases may be. Measured
on Django's 5.7 MB: this scan takes 5-8% of a full libcst parse, the
stdlib `tokenize` alone 15%; the skeletons parse in 0.3 of the time.
Anything it cannot place for sure (a tab or form feed in an indentation, a
carriage return, an unclosed bracket or string, a line continuation at the
end) leaves the file whole: `skeleton` returns None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import NamedTuple

from fitness.parsing.textscan import quick_scan, strings_and_comments

_WORD_CHARS = re.compile(r"\w+")
_DEFINITION = re.compile(r"(?:class|def)\b")  # a literal start, which `re` finds fastest
_HEADER_WORD = re.compile(r"(?:async[ \t]+)?(\w+)")
_TYPING_ALIAS = re.compile(r"\bTYPE_CHECKING[ \t]+as[ \t]+(\w+)")
_TYPING_BASE = re.compile(r"(?<![\w.])(\w+)(?:[ \t]*\.[ \t]*\w+)*[ \t]*\.[ \t]*TYPE_CHECKING\b")
_LOADER_ALIAS = re.compile(r"\bimport_module[ \t]+as[ \t]+(\w+)")
# As `fitness.parsing.uses` finds the names held: at a line's start, annotated or not.
_HELD = re.compile(
    r"(?m)^[ \t]*([^\W\d]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?"
    r"(?:import_module|__import__|getattr)[ \t]*\("
)


class Skeleton(NamedTuple):
    """The text to parse, and how many bodies (and lines) were left out of it."""

    text: str
    bodies: int
    lines: int


def keep_words(
    text: str, roots: Iterable[str], builtins: Iterable[str], imported: list[str]
) -> frozenset[str] | None:
    """The words that keep a body, for bans on `roots` and `builtins`; None: keep every body.

    `imported` holds the text of each import statement: the names one that mentions
    a banned root (or `importlib`, `builtins`; any relative one when the project's
    own API is banned) binds are followed by the use collector, so every identifier
    it writes is a word. A star import from such a module may bind any name: None.
    """
    roots = frozenset(roots)
    words: set[str] = set()
    if "TYPE_CHECKING" in text:
        words.add("TYPE_CHECKING")
        words.update(_TYPING_ALIAS.findall(text))
        words.update(_TYPING_BASE.findall(text))
        words.update(("typing", "typing_extensions"))
    if "import_module" in text:
        words.update(_LOADER_ALIAS.findall(text))
    if not roots and not builtins:
        return frozenset(words)
    words |= (roots - {"."}) | frozenset(builtins)
    words.update(("getattr", "importlib", "builtins", "import_module", "__import__"))
    words.update(_HELD.findall(text))
    watched = roots | {"importlib", "builtins"}
    for statement in imported:
        names = set(_WORD_CHARS.findall(statement))
        relative = "." in roots and statement.lstrip().startswith("from") and "." in statement
        if names & watched or relative:
            if "*" in statement:
                return None
            words |= names
    return frozenset(words)


def skeleton(text: str, words: frozenset[str]) -> Skeleton | None:
    """`text` with the bodies that hold none of `words` (nor the rest above) replaced;
    None when nothing is left out or the text cannot be placed for sure."""
    code = _code(text)
    if code is None:
        return None
    ends = [match.start() for match in _NEWLINE.finditer(code)]  # line n ends at ends[n]
    keeps = _keeping_offsets(text, words)
    definitions = [match.start() for match in _DEFINITION.finditer(text)]
    # A non-ASCII letter in code may be NFKC-normalized into anything; in a string, not.
    foreign = [] if code.isascii() else [match.start() for match in _FOREIGN.finditer(code)]
    starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
    left_out: list[tuple[int, int, int]] = []  # first line, last line, indentation
    stack: list[tuple[int, int, bool]] = []  # kept blocks: header indent, last line, in a def
    skipped_until = -1
    # The lines in a function or class body: a statement outside them is at module level,
    # where an assignment may bind what the class facts read (`router = APIRouter()`).
    scoped = bytearray(len(ends) + 1)
    for header in _HEADER_END.finditer(code):
        line = bisect_left(ends, header.start())  # the header's last line
        if line <= skipped_until:
            continue
        head = _logical_start(code, ends, line)
        indent = _indentation(code, ends, head)
        if indent is None:
            return None
        body = _FIRST_STATEMENT.search(code, header.end())
        if body is None:
            return None
        first = bisect_left(ends, body.start(1))
        inner = len(body.group(1))
        if inner <= indent or "\t" in body.group(1):
            return None  # no indented body: not for this scan
        # The first line indented less than the body ends it; one indented more than the
        # header (between the two) cannot be placed for sure.
        after = _dedent(inner - 1).search(code, body.end())
        stop = len(code) if after is None else after.start()
        if after is not None and _spaces_at(code, stop + 1) > indent:
            return None
        last = bisect_left(ends, _last_code(code, body.start(1), stop))
        word = _HEADER_WORD.match(code, _line_start(ends, head) + indent)
        keyword = word.group(1) if word else ""
        while stack and (stack[-1][1] < line or stack[-1][0] >= indent):
            stack.pop()
        in_def = (bool(stack) and stack[-1][2]) or keyword == "def"
        end = starts[last + 1] if last + 1 < len(starts) else len(text)
        if (
            keyword != "match"
            and not _within(keeps, starts[first], end)
            and (in_def or (keyword == "class" and not _within(definitions, starts[first], end)))
            and not _within(foreign, body.start(1), stop)
        ):
            left_out.append((first, last, inner))
            skipped_until = last
        else:
            stack.append((indent, last, in_def))
            if in_def or keyword == "class":
                scoped[first : last + 1] = b"\x01" * (last + 1 - first)
    runs = _simple_runs(code, ends, starts, len(text), keeps, foreign, left_out, scoped)
    left_out.extend(runs)
    if not left_out:
        return None
    physical = text.split("\n")
    for first, last, inner in left_out:
        physical[first] = " " * inner + "pass"
        for number in range(first + 1, last + 1):
            physical[number] = ""
    return Skeleton(
        "\n".join(physical), len(left_out), sum(last - first + 1 for first, last, _ in left_out)
    )


def _simple_runs(
    code: str,
    ends: list[int],
    starts: list[int],
    size: int,
    keeps: list[int],
    foreign: list[int],
    bodies: list[tuple[int, int, int]],
    scoped: bytearray,
) -> list[tuple[int, int, int]]:
    """Runs of simple statements (assignments, calls, returns...) one after the other at
    one indentation, in a function or class body (`scoped`) but outside the bodies left
    out, that hold nothing to keep and span two lines or more: each becomes `pass` too.
    Headers, decorators and the clauses of a compound statement are never in a run."""
    runs: list[tuple[int, int, int]] = []
    skipped = iter(sorted(bodies))
    body = next(skipped, None)
    run: list[int] = []  # first line, last line, indentation of the run being read
    for match in _LOGICAL.finditer(code):
        first = bisect_left(ends, match.start())
        while body is not None and body[1] < first:
            body = next(skipped, None)
        if body is not None and body[0] <= first:
            continue  # inside a body left out
        last = bisect_left(ends, match.end() - 1) if match.end() > match.start() else first
        indent = len(match.group(1))
        statement = match.group(2)
        word = _FIRST_WORD.match(statement)
        end = starts[last + 1] if last + 1 < len(starts) else size
        simple = (
            not statement.rstrip(" \t").endswith(":")
            and (word is None or word.group() not in _COMPOUND)
            and not statement.startswith("@")
            and not _within(keeps, starts[first], end)
            and not _within(foreign, match.start(), match.end())
            and scoped[first]
        )
        if run and (not simple or indent != run[2]):
            if run[1] > run[0]:
                runs.append((run[0], run[1], run[2]))
            run = []
        if simple:
            run = [first, last, indent] if not run else [run[0], last, indent]
    if run and run[1] > run[0]:
        runs.append((run[0], run[1], run[2]))
    return runs


_LOGICAL = re.compile(r"^(?<!\\\n)([ ]*)(\S[^\n]*(?:(?<=\\)\n[^\n]*)*)", re.MULTILINE)
_FIRST_WORD = re.compile(r"\w+")
_COMPOUND = frozenset(
    ("class", "def", "async", "if", "elif", "else", "for", "while", "with", "try", "except")
).union(("finally", "match", "case"))
_NEWLINE = re.compile("\n")
_SPACES = re.compile(" *")  # matches everywhere, if only the empty string
# The end of a header: a line ending with `:` (brackets, strings and comments are gone).
_HEADER_END = re.compile(r":[ \t]*(?=\n)")
# The first line after a header that holds code, and its indentation.
_FIRST_STATEMENT = re.compile(r"\n(?:[ \t]*\n)*([ \t]*)(?=[^ \t\n])")
_DEDENTS: dict[int, re.Pattern[str]] = {}


def _dedent(indent: int) -> re.Pattern[str]:
    """A logical line that starts at `indent` columns or fewer: the end of a body."""
    pattern = _DEDENTS.get(indent)
    if pattern is None:
        pattern = re.compile(rf"(?<!\\)\n(?= {{0,{indent}}}[^ \t\n])")
        _DEDENTS[indent] = pattern
    return pattern


def _spaces_at(code: str, offset: int) -> int:
    """How many spaces start at `offset`."""
    found = _SPACES.match(code, offset)
    return 0 if found is None else found.end() - offset


def _line_start(ends: list[int], line: int) -> int:
    return 0 if line == 0 else ends[line - 1] + 1


def _logical_start(code: str, ends: list[int], line: int) -> int:
    """The first line of the logical line whose last line is `line`."""
    while line > 0 and code[ends[line - 1] - 1 : ends[line - 1]] == "\\":
        line -= 1
    return line


def _indentation(code: str, ends: list[int], line: int) -> int | None:
    start = _line_start(ends, line)
    written = _INDENT.match(code, start)
    assert written is not None
    return None if "\t" in written.group() else len(written.group())


_INDENT = re.compile(r"[ \t]*")


def _last_code(code: str, start: int, stop: int) -> int:
    """The offset of the last character of code before `stop` (blank lines are left)."""
    position = stop
    while position > start and code[position - 1] in " \t\n":
        position -= 1
    return position - 1


def _code(text: str) -> str | None:
    """`text` with strings, comments and brackets collapsed, one line for one line: what
    is left is code at bracket depth 0, every line continued by a backslash inside."""
    if "\r" in text or "\f" in text or "\0" in text:
        return None
    masked = _masked(text)
    if masked is None:
        return None
    while True:
        masked, flat = _FLAT_GROUP.subn("_", masked)
        masked, spread = _SPREAD_GROUP.subn(_continued, masked)
        if not flat and not spread:
            break
    if (
        _ANY_BRACKET.search(masked)
        or _TAB_INDENT.search(masked)
        or masked.rstrip(" \t\n").endswith("\\")
    ):
        return None
    return masked


_FLAT_GROUP = re.compile(r"[(\[{][^()\[\]{}\n]*[)\]}]")
_SPREAD_GROUP = re.compile(r"[(\[{][^()\[\]{}]*[)\]}]")
_ANY_BRACKET = re.compile(r"[()\[\]{}]")
_FOREIGN = re.compile(r"[^\x00-\x7f]")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _continued(match: re.Match[str]) -> str:
    return "_" + "\\\n_" * match.group().count("\n")


def import_statements(text: str) -> list[str]:
    """The text of each import statement (a superset: `quick_scan` may also take a
    line of a docstring that reads like one)."""
    return [text[spot.start : spot.end] for spot in quick_scan(text)[0]]


def _keeping_offsets(text: str, words: frozenset[str]) -> list[int]:
    """The offsets of everything that keeps a body, in order."""
    found = [match.start() for match in re.finditer("import", text)]
    if words:
        pattern = r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b"
        found.extend(match.start() for match in re.finditer(pattern, text))
    found.sort()
    return found


def _within(offsets: list[int], start: int, stop: int) -> bool:
    at = bisect_left(offsets, start)
    return at < len(offsets) and offsets[at] < stop


def _masked(text: str) -> str | None:
    """`text` with every comment removed and every string made `_` followed by a line
    continuation for each line it spans, so brackets and line ends are code's alone."""
    pieces = []
    position = 0
    for start, end, comment, _ in strings_and_comments(text):
        pieces.append(text[position:start])
        if not comment:
            written = text[start:end]
            if len(written) < 2 or written[-1] not in "'\"" or _unterminated(written):
                return None
            pieces.append("_" + "\\\n_" * written.count("\n"))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _unterminated(written: str) -> bool:
    """An opening quote alone (`textscan` reports one it could not close)."""
    body = written.lstrip("rRbBuUfFtT")
    return body in ("'", '"', "'''", '"""')
