"""Typed, collecting reads of one TOML table.

Every getter records what it read; `finish()` reports any key nobody read as
unknown, so a typo can never switch a setting off silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from fitness.config.source import KeyPath, Problems, Where
from fitness.model.expressions import ImportExpr, ModuleExpr, expression_problem
from fitness.suggest import did_you_mean


class ModuleRef(NamedTuple):
    """A module expression, the file and key it was written under, and which modules it may name.

    `internal` refs are a rule's own side (`from`, `layers`, `modules`, ...): they
    must name modules under the source roots. The others (`to`, ...) may name
    third-party and standard-library modules too. `words` are the words its key
    accepts instead of a module (`Table.modules_and_words`): a name that is no
    module but resembles one of them is a typo (`fitness.config.modules`).
    """

    expr: ModuleExpr
    where: Where
    internal: bool
    words: tuple[str, ...] = ()


class Table:
    """One table of the configuration being validated.

    `path` is the table's key path in the file `problems` reads; a problem about
    any key path goes through `problems`, which knows the file (and, for a pack
    rule the configuration overrides, which keys the override set).
    """

    def __init__(
        self,
        data: Mapping[str, object],
        path: KeyPath,
        problems: Problems,
        defaults: Mapping[str, str] | None = None,
    ) -> None:
        self.path = path
        self.problems = problems
        self._data = data
        self._read: set[str] = set()
        self._defaults: Mapping[str, str] = defaults or {}

    def problem(self, key: str | None, message: str) -> None:
        self.problems.add(self.path if key is None else (*self.path, key), message)

    def where(self, key: str | None = None) -> Where:
        """The file and key path of this table, or of one of its keys."""
        return self.problems.where(self.path if key is None else (*self.path, key))

    def has(self, key: str) -> bool:
        return key in self._data

    def is_empty(self) -> bool:
        return not self._data

    def empty_list(self, key: str) -> bool:
        return self._data.get(key) == []

    def string(self, key: str, *, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is None or isinstance(value, str):
            return value
        self.problem(key, f"expected a string, got {_kind(value)}")
        return None

    def boolean(self, key: str, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.problem(key, f"expected true or false, got {_kind(value)}")
        return default

    def integer(self, key: str, default: int, *, minimum: int = 0) -> int:
        """A whole number no smaller than `minimum`."""
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"expected a whole number, got {_kind(value)}")
            return default
        if value < minimum:
            self.problem(key, f"must be at least {minimum}, got {value}")
            return default
        return value

    def choice(self, key: str, choices: Sequence[str], default: str) -> str:
        value = self.string(key)
        if value is None:
            return default
        if value not in choices:
            listed = ", ".join(f"'{c}'" for c in choices)
            self.problem(key, f"'{value}' is not one of {listed}{did_you_mean(value, choices)}")
            return default
        return value

    def strings(self, key: str, *, required: bool = False) -> list[tuple[str, KeyPath]]:
        """A list of strings, each with its own key path (`key[0]`, `key[1]`, ...)."""
        value = self._get(key, required)
        if value is None:
            return []
        if isinstance(value, str):
            self.problem(key, f'expected a list of strings, got a string (write ["{value}"])')
            return []
        if not isinstance(value, list):
            self.problem(key, f"expected a list of strings, got {_kind(value)}")
            return []
        found = []
        for index, item in enumerate(value):
            where = (*self.path, key, index)
            if isinstance(item, str):
                found.append((item, where))
            else:
                self.problems.add(where, f"expected a string, got {_kind(item)}")
        return found

    def value(self, key: str, *, required: bool = False) -> object:
        """The value at `key` as TOML gave it (None when absent), for a kind that checks its shape.

        `banned-api` reads `apis` so: a list of names and tables.
        """
        return self._get(key, required)

    def default(self, key: str, fallback: str) -> str:
        """The value an enclosing table set for `key` (top-level `type_checking`), or `fallback`."""
        return self._defaults.get(key, fallback)

    def modules(self, key: str, *, internal: bool, required: bool = False) -> tuple[ModuleRef, ...]:
        """A list of module expressions; a required list must not be empty.

        `internal`: the rule's own side, whose names must be under the source roots.
        """
        refs = []
        entries = self.strings(key, required=required)
        if required and self.empty_list(key):
            self.problem(key, "must list at least one module")
        for text, where in entries:
            text = text.strip()
            problem = expression_problem(text)
            if problem is None:
                refs.append(ModuleRef(ModuleExpr(text), self.problems.where(where), internal))
            else:
                self.problems.add(where, problem)
        return tuple(refs)

    def modules_and_words(
        self, key: str, words: Sequence[str], *, required: bool = False
    ) -> tuple[tuple[ModuleRef, ...], tuple[tuple[str, KeyPath], ...]]:
        """A list of module expressions (never internal) and of `words`, each with its key path.

        `to = ["sqlalchemy", "third-party"]`: an entry equal to one of `words` is that
        word, never a module name; any other entry is a module expression. An entry
        that is neither, and resembles a word, is suggested that word.
        """
        refs = []
        found: list[tuple[str, KeyPath]] = []
        entries = self.strings(key, required=required)
        if required and self.empty_list(key):
            self.problem(key, "must list at least one module")
        for text, where in entries:
            text = text.strip()
            if text in words:
                if text not in (word for word, _ in found):
                    found.append((text, where))
                continue
            problem = expression_problem(text)
            if problem is None:
                place = self.problems.where(where)
                refs.append(ModuleRef(ModuleExpr(text), place, False, tuple(words)))
            else:
                self.problems.add(where, problem + did_you_mean(word_form(text), words, 0.8))
        return tuple(refs), tuple(found)

    def imports(self, key: str) -> tuple[tuple[ImportExpr, Where], ...]:
        """A list of `importer -> imported` expressions, each with its file and key."""
        found = []
        for text, where in self.strings(key):
            importer, arrow, imported = text.partition("->")
            if not arrow:
                self.problems.add(
                    where, f"'{text}' is not an import expression (write 'a.b -> c.d')"
                )
                continue
            sides = [side.strip() for side in (importer, imported)]
            problems = [p for p in map(expression_problem, sides) if p is not None]
            for problem in problems:
                self.problems.add(where, problem)
            if not problems:
                expr = ImportExpr(ModuleExpr(sides[0]), ModuleExpr(sides[1]))
                found.append((expr, self.problems.where(where)))
        return tuple(found)

    def table(self, key: str, defaults: Mapping[str, str] | None = None) -> Table | None:
        """The sub-table at `key`; it and its own sub-tables see `defaults` (and this table's)."""
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, dict):
            inherited = {**self._defaults, **(defaults or {})}
            return Table(value, (*self.path, key), self.problems, inherited)
        self.problem(key, f"expected a table, got {_kind(value)}")
        return None

    def tables(self) -> list[tuple[str, Table | None]]:
        """Every key of this table, each expected to be a table itself."""
        return [(key, self.table(key)) for key in self._data]

    def names(self) -> list[str]:
        """Every key of this table, in file order."""
        return list(self._data)

    def overridden_by(self, override: Table, keys: Sequence[str]) -> Table:
        """This table with the values of `keys` taken from `override`, another file's table.

        Problems with those keys (and anything under them) are reported in the
        override's file, at its lines; the others stay in this table's file.
        """
        data = {**self._data, **{key: override._data[key] for key in keys}}
        redirects = (
            *(((*self.path, key), override.where(key)) for key in keys),
            *self.problems.redirects,
        )
        problems = self.problems.at(self.problems.source, redirects)
        return Table(data, self.path, problems, self._defaults)

    def read_keys(self) -> frozenset[str]:
        """Every key a getter has asked for so far, present or not."""
        return frozenset(self._read)

    def skip_rest(self) -> None:
        """Treat every key as read: used when the table's meaning is unknown."""
        self._read.update(self._data)

    def finish(self) -> None:
        """Report every key that no getter read."""
        known = sorted(self._read)
        for key in self._data:
            if key not in self._read:
                message = f"unknown key '{key}'{did_you_mean(key, known)}"
                self.problems.add(self.path, message, at=(*self.path, key))

    def _get(self, key: str, required: bool) -> object:
        self._read.add(key)
        if key not in self._data:
            if required:
                self.problem(None, f"missing required key '{key}'")
            return None
        return self._data[key]


def word_form(text: str) -> str:
    """`text` as a word is spelt, for comparing it with the words: lower case, `-` for `_`."""
    return text.strip().lower().replace("_", "-").replace(" ", "-")


def kind_of(value: object) -> str:
    """How a problem names a value of the wrong type: `a string ('x')`, `an integer (3)`."""
    return _kind(value)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ('{value}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"
