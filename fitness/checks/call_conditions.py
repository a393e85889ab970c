"""`when` conditions of a `banned-api` entry: which calls of a banned name count.

A condition names an argument, by keyword (`shell`) or by position (`"0"`),
and tests it: equal to a literal (`true` and `false` by truthiness: `shell=1`
is `true`, `verify=""` is `false`), to any of a list of literals (`["w", "a"]`),
anything but a literal (`"!false"`), or missing (`missing = "Loader"`). TOML has
no None: the string `"None"` stands for it (`"'None'"` is the string). A call
is judged on what its text shows; an argument that `*args` / `**kwargs` could
supply leaves the condition undecided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple, Union

from fitness.config.source import KeyPath
from fitness.config.table import Table, kind_of
from fitness.model import ApiUse, Argument
from fitness.suggest import did_you_mean

Literal_ = Union[bool, int, str, None]
Target = Union[str, int]  # a keyword name, or a position counted from 0

IS, IS_NOT, MISSING = "is", "is not", "missing"
_MISSING_KEY = "missing"
_POSITION = re.compile(r"[0-9]+")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_LITERALS = {"true": True, "false": False, "None": None}


class Condition(NamedTuple):
    """One test on one argument of a call: IS any of `values`, IS_NOT its one value, MISSING."""

    target: Target
    test: str  # IS, IS_NOT or MISSING
    values: tuple[Literal_, ...]  # () for MISSING

    def describe(self) -> str:
        """`with shell=True`, `without usedforsecurity=False`, `without Loader`."""
        if self.test == MISSING:
            return f"without {_argument(self.target)}"
        return f"{'with' if self.test == IS else 'without'} {self.passed()}"

    def passed(self) -> str:
        """The argument as a call would pass it: `shell=True`, `'w' as positional argument 1`."""
        if self.test == MISSING:
            return _argument(self.target)
        if isinstance(self.target, str):
            return " or ".join(f"{self.target}={value!r}" for value in self.values)
        return " or ".join(repr(value) for value in self.values) + f" as {_argument(self.target)}"


class Judgement(NamedTuple):
    """Whether a call matches every condition: yes, no, or undecided through star arguments.

    `undecided` holds, for each condition the text cannot decide, what the call
    may pass and through which star argument (`shell=True through **kwargs`).
    """

    matches: bool
    undecided: tuple[str, ...]


NO = Judgement(False, ())
YES = Judgement(True, ())


def judge(conditions: Sequence[Condition], use: ApiUse) -> Judgement:
    """Whether the call `use` matches all `conditions`; a use that is not a call never does."""
    if not conditions:
        return YES
    if not use.call:
        return NO
    undecided = []
    for condition in conditions:
        verdict = _judge_one(condition, use)
        if verdict is False:
            return NO
        if verdict is not True:
            undecided.append(f"{condition.passed()} through {verdict}")
    return Judgement(True, tuple(undecided))


def parse_when(entry: Table) -> tuple[Condition, ...] | None:
    """The entry's `when` table (`()` without one), or None when it has a problem.

    Every problem is reported to the entry's table, each at its own key.
    """
    raw = entry.value("when")
    if raw is None:
        return ()
    path: KeyPath = (*entry.path, "when")
    wrong: list[tuple[KeyPath, str]] = []
    conditions: list[Condition] = []
    if not isinstance(raw, dict):
        wrong.append((path, f"expected a table such as {{ shell = true }}, got {kind_of(raw)}"))
    elif not raw:
        wrong.append((path, "must hold at least one condition, such as { shell = true }"))
    else:
        for key, value in raw.items():
            where: KeyPath = (*path, key)
            if key == _MISSING_KEY:
                conditions.extend(_missing(value, where, wrong))
                continue
            target = _target(key)
            parsed = _value(value)
            if target is None:
                wrong.append((where, _not_an_argument(key)))
            elif isinstance(parsed, str):
                wrong.append((where, parsed))
            else:
                conditions.append(Condition(target, *parsed))
    for where, message in wrong:
        entry.problems.add(where, message)
    return None if wrong else tuple(conditions)


def _judge_one(condition: Condition, use: ApiUse) -> bool | str:
    """True, False, or the star argument (`**kwargs`, `*args`) that could decide it."""
    argument = _find(condition.target, use)
    if argument is None:
        star = use.star_kwargs if isinstance(condition.target, str) else use.star_args
        if star:
            return "**kwargs" if isinstance(condition.target, str) else "*args"
        return condition.test != IS
    if condition.test == MISSING or not argument.literal:
        return False  # present; or a value fitness does not evaluate, which matches neither test
    equal = any(_same(argument.value, value) for value in condition.values)
    return equal if condition.test == IS else not equal


def _same(passed: Literal_, value: Literal_) -> bool:
    """Whether a literal argument is the condition's value: `true` is any truthy literal
    (`shell=1`, `shell="yes"`), `false` any falsy one but None (`verify=0`, `verify=""`),
    as the called function reads it (None is often "the default": only "None" matches it);
    other values are equal literals of the same type."""
    if isinstance(value, bool):
        return passed is not None and bool(passed) is value
    return type(passed) is type(value) and passed == value


def _find(target: Target, use: ApiUse) -> Argument | None:
    if isinstance(target, int):
        return use.positional[target] if target < len(use.positional) else None
    for name, argument in use.keywords:
        if name == target:
            return argument
    return None


def _missing(value: object, where: KeyPath, wrong: list[tuple[KeyPath, str]]) -> list[Condition]:
    """`missing = "Loader"` or a list: keyword names, and positions as "1" or 1."""
    names = value if isinstance(value, list) else [value]
    if not names:
        wrong.append((where, "must list at least one argument"))
    found = []
    for index, name in enumerate(names):
        at = (*where, index) if isinstance(value, list) else where
        target = _target(name) if isinstance(name, str) else None
        if isinstance(name, int) and not isinstance(name, bool) and name >= 0:
            found.append(Condition(name, MISSING, ()))
        elif not isinstance(name, str):
            expected = "expected a keyword argument or a position ('0', '1', ...)"
            wrong.append((at, f"{expected}, got {kind_of(name)}"))
        elif target is None:
            wrong.append((at, _not_an_argument(name)))
        else:
            found.append(Condition(target, MISSING, ()))
    return found


def _target(text: str) -> Target | None:
    if _POSITION.fullmatch(text):
        return int(text)
    import keyword  # read only for rules with argument conditions

    if text.isidentifier() and not keyword.iskeyword(text):
        return text
    return None


def _value(value: object) -> tuple[str, tuple[Literal_, ...]] | str:
    """The test and literals a `when` value spells, or the problem with it.

    A list means any of its values: `["w", "a"]`.
    """
    if isinstance(value, list):
        return _any_of(value)
    if isinstance(value, (bool, int)):
        return IS, (value,)
    if not isinstance(value, str):
        return (
            'expected true, false, an integer, a string ("None", "!value") or a list of '
            f"values, got {kind_of(value)}"
        )
    if value in _PYTHON_SPELLINGS:
        return _python_spelling(value)
    if value == "None":
        return IS, (None,)
    if value.startswith("!"):
        literal = _literal(value[1:])
        if isinstance(literal, _Bad):
            hint = did_you_mean(value, [f"!{word}" for word in _LITERALS])
            if not hint and value[1:]:
                hint = f" (did you mean \"!'{value[1:]}'\"?)"
            return (
                f"'{value}' is not a value: after '!' write true, false, None, an integer or a "
                f"quoted string (\"!'text'\"){hint}"
            )
        return IS_NOT, (literal,)
    return IS, (_unquoted(value),)


def _any_of(values: list[object]) -> tuple[str, tuple[Literal_, ...]] | str:
    """A list of values, any of which the argument may be; `"!..."` has no place in it."""
    if not values:
        return "expected at least one value: a list means any of its values"
    found: list[Literal_] = []
    for item in values:
        if isinstance(item, str) and item.startswith("!"):
            return (
                f"'{item}' in a list: a list means any of its values, so a negation "
                '("!...") stands alone, never in a list'
            )
        if isinstance(item, list):
            return "a list of values holds true, false, integers and strings, not another list"
        parsed = _value(item)
        if isinstance(parsed, str):
            return f"in the list: {parsed}"
        found.extend(parsed[1])
    return IS, tuple(found)


# Python's spellings, which TOML writes otherwise: the string "True" would compare with
# the text True, which is never what a condition on a boolean argument means.
_PYTHON_SPELLINGS = {"True": "true", "False": "false"}


def _python_spelling(value: str) -> str:
    toml = _PYTHON_SPELLINGS[value]
    return (
        f"'{value}' is Python's spelling: in TOML the boolean is {toml}, without quotes "
        f"(did you mean {toml}?); for the string {value}, write \"'{value}'\""
    )


class _Bad:
    """Text after `!` that is no literal."""


_BAD = _Bad()


def _literal(text: str) -> Literal_ | _Bad:
    if text in _LITERALS:
        return _LITERALS[text]
    if _INTEGER.fullmatch(text):
        return int(text)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return _BAD


def _unquoted(text: str) -> str:
    """A string as given, or without its quotes: `"'None'"` is the string None."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _argument(target: Target) -> str:
    return target if isinstance(target, str) else f"positional argument {target}"


def _not_an_argument(text: str) -> str:
    return f"'{text}' is neither a keyword argument nor a position ('0', '1', ...)"
