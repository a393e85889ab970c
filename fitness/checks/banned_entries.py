"""The `apis` entries of a `banned-api` rule: read from the rule's table, checked, typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from fitness.checks.api_names import ApiName, parse_name
from fitness.checks.call_conditions import Condition, parse_when
from fitness.config.source import KeyPath
from fitness.config.table import Table, kind_of
from fitness.model.keys import (
    REQUIRED,
    Either,
    Flag,
    Key,
    ListOf,
    Record,
    TableOf,
    Text,
    TextOrList,
    Whole,
)


class BannedEntry(NamedTuple):
    """One entry of `apis`: a name, the conditions a call must meet, its own guidance."""

    name: ApiName
    conditions: tuple[Condition, ...]
    message: str | None
    where: KeyPath
    ruff: tuple[str, ...] = ()  # ruff's codes for the same fact: its noqa comment silences it

    def describe(self) -> str:
        """`subprocess.run with shell=True`."""
        if not self.conditions:
            return self.name.text
        return f"{self.name.text} " + " and ".join(c.describe() for c in self.conditions)


def entries(table: Table) -> Iterator[BannedEntry]:
    """The entries of `apis`, each problem recorded in the table's problems."""
    raw = table.value("apis", required=True)
    if raw is None:
        return
    if isinstance(raw, str):
        table.problem("apis", f'expected a list of API names, got a string (write ["{raw}"])')
        return
    if not isinstance(raw, list):
        table.problem("apis", f"expected a list of API names, got {kind_of(raw)}")
        return
    if not raw:
        table.problem("apis", "must list at least one API")
    found: list[BannedEntry] = []
    for index, item in enumerate(raw):
        entry = _entry(item, (*table.path, "apis", index), table)
        if entry is None:
            continue
        twin = next((e for e in found if _same(e, entry)), None)
        if twin is not None:
            table.problems.add(
                entry.where, f"'{entry.name.text}' is already banned by {_key(twin.where)}"
            )
            continue
        found.append(entry)
        yield entry


def _entry(item: object, where: KeyPath, table: Table) -> BannedEntry | None:
    problems = table.problems
    if isinstance(item, str):
        name = parse_name(item)
        if isinstance(name, str):
            problems.add(where, name)
            return None
        return BannedEntry(name, (), None, where)
    if not isinstance(item, dict):
        problems.add(
            where,
            'expected an API name or a table such as { name = "pickle.loads" }, '
            f"got {kind_of(item)}",
        )
        return None
    entry = Table(item, where, problems)
    text = entry.string("name", required=True)
    message = entry.string("message")
    ruff = _ruff_codes(entry)
    conditions = parse_when(entry)
    entry.finish()
    if text is None or conditions is None:
        return None
    name = parse_name(text)
    if isinstance(name, str):
        problems.add((*where, "name"), name)
        return None
    if conditions and name.is_module:
        problems.add(
            (*where, "when"),
            f"'{text}' is a module, used by importing it and never called: put the condition "
            f"on one of its functions, or on '{text}.*'",
        )
        return None
    return BannedEntry(name, conditions, message, where, ruff)


def _ruff_codes(entry: Table) -> tuple[str, ...]:
    """`ruff = "S301"` or `ruff = ["S602", "S604"]`: ruff's rule codes, checked."""
    raw = entry.value("ruff")
    if raw is None:
        return ()
    written = [raw] if isinstance(raw, str) else raw
    if not isinstance(written, list) or not all(isinstance(code, str) for code in written):
        entry.problem("ruff", f"expected a ruff rule code or a list of them, got {kind_of(raw)}")
        return ()
    codes = tuple(str(code) for code in written)
    wrong = [code for code in codes if _RUFF_CODE.fullmatch(code) is None]
    if wrong:
        entry.problem("ruff", f"'{wrong[0]}' is no ruff rule code (one such as \"S301\")")
        return ()
    return codes


_RUFF_CODE = re.compile(r"[A-Z]{1,6}[0-9]{1,4}")

_LITERAL = Either((Flag(), Whole(None), Text()))

# The keys of a table entry of `apis`, as `fitness explain banned-api` and the schema show them.
ENTRY = Record(
    (
        Key("name", REQUIRED, "the banned module, attribute or call ('subprocess.run')", Text()),
        Key(
            "when",
            "(none)",
            "conditions on the call's arguments, by keyword or position: "
            '{ shell = true }, { "0" = "w" }, { verify = "!true" }, { missing = "Loader" }',
            TableOf(Either((_LITERAL, ListOf(_LITERAL))), 1),
        ),
        Key("message", "(the rule's)", "guidance shown with this entry's findings", Text()),
        Key(
            "ruff",
            "[]",
            "ruff's codes for the same fact ('S301'): its noqa silences it",
            TextOrList(),
        ),
    )
)


def _same(a: BannedEntry, b: BannedEntry) -> bool:
    """Two entries that ban the same uses: `eval` and `builtins.eval` are one name."""
    same_name = a.name.canonical == b.name.canonical
    return same_name and frozenset(a.conditions) == frozenset(b.conditions)


def _key(where: KeyPath) -> str:
    """`apis[0]`: the key of an entry, as a problem refers to another one."""
    return f"{where[-2]}[{where[-1]}]"
