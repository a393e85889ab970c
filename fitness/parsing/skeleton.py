"""The skeleton of a file: its text with the statements that cannot hold a fact left out.

Most of a codebase is statements that hold no import, no name a configured ban
could match and nothing a rule reads. Parsing them costs most of the parse
and finds nothing, so `skeleton` outlines the file's statements from its text
alone (`fitness.parsing.outline`) and keeps, line for line, so every kept
statement keeps its line and column:

- a statement whose text holds (anywhere, strings and comments included: an
  over-approximation is only slower) the substring `import` (statements,
  `__import__`, `import_module`), a word of `words` (`keep_words`: the names a
  ban can match, what the names imported from a banned module are bound to,
  the names `TYPE_CHECKING` is read through, the names `import_module` is
  bound to), or a non-ASCII character outside strings and comments
  (identifiers are NFKC-normalized);
- the header of each body that keeps a statement, with its decorators, and
  the other clauses of its compound statement that keep one (a `try` keeps
  every `except` and `finally`: the handlers say whether an import is
  guarded; a `match` its first case);
- every statement at the top of the module, so a syntax error there is
  reported;
- with `measures` (a rule reads classes and functions): every `class` and
  `def` header outside functions, and at module level every statement that
  may bind a name with `=` (a decorator may name an instance:
  `router = APIRouter()`).

A body that keeps nothing becomes `pass`. A `def` header is written without
its parameters, and a module-level binding to a display or a string as
`NAME = 0`, to a call as `NAME = f()`: what the facts read of them stays. The
lines left out are written as backslashes ending in a blank line, one blank
logical line to the tokenizer (`_joined`). Comments, builtins mentioned and
lines of code are read from the whole text by the caller, never from the
skeleton.

The scan reads strings, comments and f-strings with `textscan` (PEP 701's
nested ones included) and masks them, collapses bracketed groups (innermost
first, each a regular-expression pass), so that what is left is code at
bracket depth 0 with a backslash ending every line that continues another.
Measured on Django's 5.7 MB, the scan, the outline and the skeleton written
take about 6% of a full libcst parse (0.38 s against 6.7 s); the stdlib
`tokenize` alone took 15%. Anything it cannot place for sure (a tab or form
feed in an indentation, a carriage return, an unclosed bracket or string, a
line continuation at the end, an indentation no body has, a header without a
body, a decorator without a definition) leaves the file whole: `skeleton`
returns None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from fitness.parsing.nesting import MAX_BRACKETS
from fitness.parsing.outline import (
    COMPOUND,
    DECORATOR,
    FUNCTION,
    HEADER,
    MODULE,
    SIMPLE,
    Statement,
    outline,
)
from fitness.parsing.textscan import Span, quick_scan, strings_and_comments

_WORD_CHARS = re.compile(r"\w+")
_TYPING_ALIAS = re.compile(r"\bTYPE_CHECKING[ \t]+as[ \t]+(\w+)")
_TYPING_BASE = re.compile(r"(?<![\w.])(\w+)(?:[ \t]*\.[ \t]*\w+)*[ \t]*\.[ \t]*TYPE_CHECKING\b")
_LOADER_ALIAS = re.compile(r"\bimport_module[ \t]+as[ \t]+(\w+)")
# As `fitness.parsing.uses` finds the names held: at a line's start, annotated or not.
_HELD = re.compile(
    r"(?m)^[ \t]*([^\W\d]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?"
    r"(?:import_module|__import__|getattr)[ \t]*\("
)


class Skeleton(NamedTuple):
    """The text to parse, how many statements were left out of it (a body left out
    whole counts one; a statement shortened, one) and how many of its lines."""

    text: str
    statements: int
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


def skeleton(
    text: str, words: frozenset[str], measures: bool = True, spans: Sequence[Span] | None = None
) -> Skeleton | None:
    """`text` with the statements that hold none of `words` (nor the rest above) left
    out; None when nothing is left out or the text cannot be placed for sure."""
    code = _code(text, spans)
    if code is None:
        return None
    masked = code.split("\n")
    marked = _marked(text, words, masked)
    statements = outline(code, masked, marked, measures)
    if statements is None:
        return None
    physical = text.split("\n")
    for statement in reversed(statements):  # a body's statements before its header
        _decide(statement, marked, masked, physical, measures)
    shown: list[str | None] = [None] * len(physical)  # None: a line left out
    left_out = 0
    for statement in statements:
        if not statement.kept:
            left_out += statement.kind != DECORATOR
            continue
        first, last = statement.first, statement.last
        if statement.rewritten is None:
            shown[first : last + 1] = physical[first : last + 1]
        else:
            shown[first] = statement.rewritten
            left_out += 1
        if statement.kind == HEADER and not statement.filled:
            placeholder = statement.children[0]
            shown[placeholder.first] = " " * placeholder.indent + "pass"
    if not left_out:
        return None
    lines = sum(1 for line, written in zip(shown, physical) if line is None and written)
    return Skeleton(_joined(shown), left_out, lines)


def _joined(shown: list[str | None]) -> str:
    """The lines, each run of lines left out written as backslashes ending in a blank line.

    libcst makes a node of each blank line (about 5 µs each: on Django, a third of the
    skeletons' parse); a run of lines continued by a backslash, ending blank, is one blank
    logical line to the tokenizer, and Python's too, at any indentation."""
    lines: list[str] = []
    run = 0
    for line in shown:
        if line is None:
            run += 1
            continue
        if run:
            lines.extend(_RUNS.get(run) or _run(run))
            run = 0
        lines.append(line)
    if run:  # the last line is the empty one after the text's last newline, if any
        lines.extend((_RUNS.get(run - 1) or _run(run - 1)) + [""] if run > 1 else [""])
    return "\n".join(lines)


_RUNS: dict[int, list[str]] = {}


def _run(length: int) -> list[str]:
    run = ["\\"] * (length - 1) + [""]
    if length < 64:
        _RUNS[length] = run
    return run


def _decide(
    statement: Statement,
    marked: bytearray,
    masked: list[str],
    physical: list[str],
    measures: bool,
) -> None:
    """Whether `statement` is kept, and how it is written; its body (later in the text)
    and its clauses are decided already."""
    kind = statement.kind
    if kind == DECORATOR:
        return  # kept with what it decorates
    first, last = statement.first, statement.last
    own = marked[first] if first == last else any(marked[first : last + 1])
    decorated = any(
        any(marked[decorator.first : decorator.last + 1]) for decorator in statement.decorators
    )
    keyword = statement.keyword
    scope = statement.scope
    if kind == SIMPLE:
        # A statement at the top of the module is kept whatever it holds, so a syntax
        # error there is reported (`print "x"`): Django's cost 3% more to parse.
        keep = (
            bool(own or decorated)
            or statement.parent is None
            or any(clause.kept for clause in statement.clauses)  # `if x: y`, then `else:`
            or (
                measures
                and scope != FUNCTION
                and (
                    keyword in ("class", "def")
                    or (scope == MODULE and (keyword in COMPOUND or _binds(masked, first, last)))
                )
            )
        )
        if keep and not own and scope == MODULE and keyword not in COMPOUND:
            statement.rewritten = _lighter_binding(masked, physical, first, last)
    else:
        keep = bool(own or decorated or statement.filled) or (
            measures and keyword in ("class", "def") and scope != FUNCTION
        )
        if statement.head is statement:
            keep = keep or any(clause.kept for clause in statement.clauses)
            if keep and keyword == "try":
                for clause in statement.clauses:
                    clause.kept = clause.kept or clause.keyword != "else"
            elif keep and keyword == "match" and not statement.filled:
                # A match needs a case: the first one stays, its body `pass`.
                statement.children[0].kept = True
                statement.filled = True
        if keep and keyword == "def" and not own:
            header = _DEF_HEADER.match(physical[first])
            if header is not None and (first != last or physical[first] != header.group() + "():"):
                statement.rewritten = header.group() + "():"
    if not keep:
        return
    statement.kept = True
    for decorator in statement.decorators:
        decorator.kept = True
    parent = statement.parent
    if parent is not None:
        parent.filled = True


def _marked(text: str, words: frozenset[str], masked: list[str]) -> bytearray:
    """For each line, whether it holds something that keeps its statement."""
    marked = bytearray(len(masked))
    number = last = 0
    for offset in sorted(_keeping_offsets(text, words)):
        number += text.count("\n", last, offset)  # at memory speed, from the last offset
        last = offset
        marked[number] = 1
    if not text.isascii():
        # A non-ASCII letter in code may be NFKC-normalized into anything; in a string, not.
        for index, line in enumerate(masked):
            if not line.isascii():
                marked[index] = 1
    return marked


def _binds(masked: list[str], first: int, last: int) -> bool:
    """Whether a simple statement may bind a name with `=` (what class facts read)."""
    return any(_ASSIGNS.search(masked[number]) for number in range(first, last + 1))


def _lighter_binding(masked: list[str], physical: list[str], first: int, last: int) -> str | None:
    """The same binding written shorter: `NAME = 0` for `NAME = [...]`, `NAME: T = {...}`
    or `NAME = "..."` (a list, dict, set or string, over any number of lines), and
    `NAME = f()` for `NAME = f(...)`: what class facts read of it (the name bound, and
    to a call of what) is kept. None: keep the statement as written."""
    statement = "\n".join(masked[first : last + 1])
    found = _BINDING.match(statement)
    if found is None:
        return None
    value = found.start(3)
    written = physical[first]
    if value >= len(written) or written[:value] != statement[:value]:
        return None  # an annotation with brackets or strings: not worth placing the value
    name = found.group(1) + found.group(2)
    if _ONE_GROUP.fullmatch(statement, value):
        if written[value] in "[{'\"" or _STRING_START.match(written, value):
            return name + " = 0"
        return None  # `(...)` may be a call
    callee = _CALLEE.match(written, value)
    if callee is None or not _ONE_GROUP.fullmatch(statement, value + len(callee.group(1))):
        return None
    return f"{name} = {callee.group(1)}()"


_DEF_HEADER = re.compile(r" *(?:async[ \t]+)?def[ \t]+\w+")
_ASSIGNS = re.compile(r"(?<![=!<>:+\-*/%@&|^])=(?!=)")
_BINDING = re.compile(r"( *)([^\W\d]\w*)[ \t]*(?::[^=]*)?=[ \t]*(?=[^ \t])()")
_ONE_GROUP = re.compile(r"[ \t]*_(?:\\\n_)*[ \t]*")  # a string or bracketed group, masked
_CALLEE = re.compile(r"([^\W\d]\w*(?:\.[^\W\d]\w*)*)[ \t]*\(")
_STRING_START = re.compile(r"[rRbBuUfFtT]{1,2}['\"]")


def _code(text: str, spans: Sequence[Span] | None = None) -> str | None:
    """`text` with strings, comments and brackets collapsed, one line for one line: what
    is left is code at bracket depth 0, every line continued by a backslash inside."""
    if "\r" in text or "\f" in text or "\0" in text:
        return None
    masked = _masked(text, strings_and_comments(text) if spans is None else spans)
    if masked is None:
        return None
    # Each pass collapses one or two levels. Past half of what CPython accepts the text is
    # parsed whole, after `fitness.parsing.nesting` has placed what it refuses.
    for _ in range(MAX_BRACKETS // 2):
        masked, flat = _FLAT_GROUP.subn("_", masked)
        masked, spread = _SPREAD_GROUP.subn(_continued, masked)
        if not flat and not spread:
            break
    else:
        return None
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
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _continued(match: re.Match[str]) -> str:
    return "_" + "\\\n_" * match.group().count("\n")


def import_statements(text: str) -> list[str]:
    """The text of each import statement (a superset: `quick_scan` may also take a
    line of a docstring that reads like one)."""
    return [text[spot.start : spot.end] for spot in quick_scan(text)[0]]


def _keeping_offsets(text: str, words: frozenset[str]) -> list[int]:
    """The offsets of everything that keeps a statement (in no order).

    Each word is searched for alone: a pattern that starts with its literal text is
    found by a fast scan, where an alternation of words (or a leading `\\b`) is
    tried at every offset (twice the time with the security pack's 20 words)."""
    found = [match.start() for match in re.finditer("import", text)]
    if len(words) > _FEW_WORDS:  # a search per word would read the text that many times
        found.extend(match.start() for match in _NAME.finditer(text) if match.group() in words)
        return found
    for word in words:
        if word not in text:
            continue
        pattern = _WORDS.get(word)
        if pattern is None:
            if len(_WORDS) > 4096:  # names imported from banned modules vary by file
                _WORDS.clear()
            pattern = _WORDS[word] = re.compile(re.escape(word) + r"\b")
        found.extend(
            match.start()
            for match in pattern.finditer(text)
            if not match.start() or not _word_character(text[match.start() - 1])
        )
    return found


_WORDS: dict[str, re.Pattern[str]] = {}
# Past this many words one pass over every name in the text is the cheaper (and linear):
# a file may import thousands of names from a banned module.
_FEW_WORDS = 32
_NAME = re.compile(r"[^\W\d]\w*")


def _word_character(character: str) -> bool:
    """Whether `character` may be part of a name (an over-approximation keeps more)."""
    return character.isalnum() or character == "_"


def _masked(text: str, spans: Iterable[Span]) -> str | None:
    """`text` with every comment removed and every string made `_` followed by a line
    continuation for each line it spans, so brackets and line ends are code's alone."""
    pieces = []
    position = 0
    for start, end, comment, _ in spans:
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
