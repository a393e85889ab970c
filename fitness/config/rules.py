"""The `[rules.<id>]` tables: the configuration's own rules and its packs', with overrides.

A configuration's table whose id is a pack rule's and that has no `kind`
overrides that rule: `enabled = false` switches it off, and the keys that say
where, how loudly and with what guidance a rule applies (`OVERRIDE_KEYS`)
replace the pack's values. A table with a `kind` replaces the pack rule
whole. A table without `kind` whose id no pack defines is a problem: it would
override nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from fitness.config.python_versions import minors_of
from fitness.config.schema import Disabled, ParamsParser, Rule
from fitness.config.table import Table
from fitness.errors import PluginError
from fitness.model import Severity
from fitness.suggest import close_match, did_you_mean

_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_TAG = re.compile(r"[a-z0-9][a-z0-9-]*")

# What an override of a pack rule may set, without a kind.
OVERRIDE_KEYS = (
    *("adr", "allow_in", "dynamic", "enabled", "exclude", "ignore", "include", "message"),
    *("python", "severity", "suppressible", "type_checking"),
)


class Rules(NamedTuple):
    """The rules to run; how many tables define a rule, and the ids of those switched off."""

    rules: tuple[Rule, ...]
    defined: int
    off: tuple[Disabled, ...]


def build_rules(
    own: Table | None, packs: Mapping[str, Table], parsers: Mapping[str, ParamsParser]
) -> Rules:
    """The packs' rules in pack order (each as overridden or replaced), then the own rules."""
    replaced: dict[str, Table] = {}
    overrides: dict[str, Table] = {}
    mine: list[tuple[str, Table]] = []
    for rule_id, table in own.tables() if own is not None else ():
        if table is None:
            continue
        if rule_id in packs:
            (replaced if table.has("kind") else overrides)[rule_id] = table
        elif not table.has("kind") and (packs or table.has("enabled")):
            _overrides_nothing(rule_id, table, packs)
        else:
            mine.append((rule_id, table))
    found: list[Rule] = []
    off: list[Disabled] = []
    for rule_id, table in packs.items():
        if rule_id in replaced:
            table.skip_rest()
            rule = _rule(rule_id, replaced[rule_id], parsers, off, in_pack=False)
        elif rule_id in overrides:
            rule = _overridden(rule_id, table, overrides[rule_id], parsers, off)
        else:
            rule = _rule(rule_id, table, parsers, off, in_pack=True)
        if rule is not None:
            found.append(rule)
    for rule_id, table in mine:
        rule = _rule(rule_id, table, parsers, off, in_pack=False)
        if rule is not None:
            found.append(rule)
    return Rules(tuple(found), len(packs) + len(mine), tuple(off))


def _overridden(
    rule_id: str,
    pack: Table,
    override: Table,
    parsers: Mapping[str, ParamsParser],
    off: list[Disabled],
) -> Rule | None:
    """The pack rule with the override's keys, or None when the override switches it off."""
    enabled = override.boolean("enabled", True)
    keys = []
    for key in override.names():
        if key == "enabled":
            continue
        if key in OVERRIDE_KEYS:
            keys.append(key)
        elif not pack.has(key) and close_match(key, OVERRIDE_KEYS) is not None:
            message = f"unknown key '{key}'{did_you_mean(key, OVERRIDE_KEYS)}"
            override.problems.add(override.path, message, at=(*override.path, key))
        else:
            at = pack.where()
            override.problem(
                key,
                f"an override of a pack rule ({at.source.display}:{at.line()}) may set only "
                f"{', '.join(OVERRIDE_KEYS)}; give the table a kind to replace the rule instead",
            )
    override.skip_rest()
    if not enabled:
        kind = pack.value("kind")
        pack.skip_rest()  # the pack's rule is not the user's to fix
        off.append(
            Disabled(rule_id, kind if isinstance(kind, str) else None, _at(override, "enabled"))
        )
        return None
    # `enabled = true` switches on a rule the pack ships switched off.
    switch = ["enabled"] if isinstance(override.value("enabled"), bool) else []
    merged = pack.overridden_by(override, keys + switch)
    return _rule(rule_id, merged, parsers, off, in_pack=True)


def _rule(
    rule_id: str,
    table: Table,
    parsers: Mapping[str, ParamsParser],
    off: list[Disabled],
    *,
    in_pack: bool,
) -> Rule | None:
    """The rule a table defines, or None when it is broken or switched off."""
    if not _RULE_ID.fullmatch(rule_id):
        table.problem(
            None,
            f"'{rule_id}' is not a valid rule id: use letters, digits, '-' and '_', "
            "starting with a letter",
        )
    enabled = table.boolean("enabled", True)
    rule = _parse(rule_id, table, parsers, in_pack)
    table.finish()
    if rule is None or not _RULE_ID.fullmatch(rule_id):
        return None
    if not enabled:  # checked like any rule, so switching it back on finds no surprise
        off.append(Disabled(rule_id, rule.kind, _at(table, "enabled")))
        return None
    return rule


def _at(table: Table, key: str | None = None) -> str:
    """`pyproject.toml:12`: where a table (or one of its keys) is written."""
    where = table.where(key)
    return f"{where.source.display}:{where.line()}"


def _parse(
    rule_id: str, table: Table, parsers: Mapping[str, ParamsParser], in_pack: bool
) -> Rule | None:
    kind = table.string("kind", required=True)
    severity = Severity(table.choice("severity", [s.value for s in Severity], "error"))
    adrs = _adrs(table)
    message = table.string("message")
    tags = _tags(table)
    python = table.string("python")
    if python is not None and minors_of(python, every_release=True) is None:
        table.problem(
            "python",
            f"'{python}' is no version specifier fitness can read: write one such as "
            '">=3.9" (>=, >, <=, <, ==, !=, ~=, ^ and ~, clauses joined by commas)',
        )
        python = None
    include = table.modules("include", internal=True)
    exclude = table.modules("exclude", internal=True)
    # A pack may say `suppressible = false` for all its rules (`fitness.config.packs`).
    suppressible = table.boolean("suppressible", table.default("suppressible", "true") == "true")
    _examples(table, in_pack)
    try:
        parser = None if kind is None else parsers.get(kind)
    except PluginError as error:  # a plugin kind that cannot be used: said at the rule's kind
        table.problem("kind", str(error))
        table.skip_rest()
        return None
    if kind is None or parser is None:
        if kind is not None:
            known = ", ".join(sorted(parsers))
            hint = did_you_mean(kind, parsers)
            table.problem("kind", f"unknown rule kind '{kind}'{hint}; known kinds: {known}")
        table.skip_rest()  # without a kind, the other keys cannot be judged
        return None
    params = parser(table)
    where = table.where()
    return Rule(
        rule_id,
        kind,
        severity,
        adrs[0] if adrs else None,
        message,
        include,
        exclude,
        params,
        where,
        table.problems.redirects,
        tags,
        adrs[1:],
        python,
        suppressible,
    )


def _tags(table: Table) -> tuple[str, ...]:
    """`tags = ["security"]`: words for what the rule is about, each once."""
    found: list[str] = []
    for tag, where in table.strings("tags"):
        if not _TAG.fullmatch(tag):
            table.problems.add(
                where, f"'{tag}' is not a tag: use lowercase letters, digits and '-'"
            )
        elif tag not in found:
            found.append(tag)
    return tuple(found)


def _adrs(table: Table) -> tuple[str, ...]:
    """`adr = "ADR-0004"` or `adr = ["ADR-0003", "ADR-0004"]`: the decisions a rule cites."""
    empty = 'must name an ADR, such as "ADR-0004" (or leave the key out)'
    if isinstance(table.value("adr"), list):
        cited = table.strings("adr")
        if not cited and table.empty_list("adr"):
            table.problem("adr", empty)
        for text, where in cited:
            if not text.strip():
                table.problems.add(where, empty)
        return tuple(text for text, _ in cited if text.strip())
    adr = table.string("adr")
    if adr is not None and not adr.strip():
        table.problem("adr", empty)
        return ()
    return (adr,) if adr is not None else ()


def _examples(table: Table, in_pack: bool) -> None:
    """A pack rule's `examples`: `valid` and `invalid` code, which fitness's tests run."""
    if not in_pack:
        if table.has("examples"):
            table.value("examples")
            table.problem(
                "examples", "examples are read in rule packs only (files named in extends)"
            )
        return
    examples = table.table("examples")
    if examples is None:
        return
    for key in ("valid", "invalid"):
        examples.strings(key)
    examples.finish()


def _overrides_nothing(rule_id: str, table: Table, packs: Mapping[str, Table]) -> None:
    hint = did_you_mean(rule_id, packs) if packs else " (extends names no rule pack)"
    table.problem(
        None,
        f"no extended rule pack defines a rule '{rule_id}'{hint}: a table without a kind "
        "overrides a pack rule; give it a kind to make it a rule of its own",
    )
    table.skip_rest()
