"""import-linter's contracts as fitness rules, with a comment on what does not carry over.

Each contract becomes the rule of the same id (sanitised when import-linter's
id is no valid rule id), and keeps import-linter's verdict: the session's
`exclude_type_checking_imports` becomes `type_checking = "ignore"`, and since
import-linter never sees literal `importlib.import_module("x")` imports, the
conversion sets `dynamic = "ignore"` too. The source roots are where the root
packages are, and the rest of those roots is excluded, since import-linter
analyses the root packages only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from fitness.config.source import KeyPath
from fitness.errors import UsageError
from fitness.init.import_linter import Contract, ImportLinterConfig, Value
from fitness.init.roots import Located
from fitness.init.toml_text import array, comment, header, string

_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

# How each option is written: a list of strings, a boolean, an integer, a string.
_LIST, _BOOL, _INT, _TEXT = "list", "bool", "int", "text"

# import-linter's contract type -> (fitness's kind, {option: (key, how)}).
KINDS: Mapping[str, tuple[str, Mapping[str, tuple[str, str]]]] = {
    "layers": (
        "layers",
        {
            "layers": ("layers", _LIST),
            "containers": ("containers", _LIST),
            "exhaustive": ("exhaustive", _BOOL),
            "exhaustive_ignores": ("exhaustive_ignores", _LIST),
        },
    ),
    "forbidden": (
        "forbidden",
        {
            "source_modules": ("from", _LIST),
            "forbidden_modules": ("to", _LIST),
            "allow_indirect_imports": ("allow_indirect", _BOOL),
            "as_packages": ("as_packages", _BOOL),
        },
    ),
    "independence": ("independence", {"modules": ("modules", _LIST)}),
    "protected": (
        "protected",
        {
            "protected_modules": ("modules", _LIST),
            "allowed_importers": ("allowed_importers", _LIST),
        },
    ),
    "acyclic_siblings": (
        "acyclic",
        {
            "ancestors": ("packages", _LIST),
            "depth": ("depth", _INT),
            "skip_descendants": ("skip_descendants", _LIST),
        },
    ),
}

_SAME_ALERT = "as in fitness, where an ignore that matches no import is a finding"

# Options every contract type has.
_COMMON = {"ignore_imports": ("ignore", _LIST), "broken_contract_guidance": ("message", _TEXT)}


class Conversion(NamedTuple):
    """The converted configuration's text and what the user should hear about it."""

    text: str
    rules: tuple[str, ...]
    skipped: tuple[str, ...]  # contracts with no fitness kind, as `id (type)`
    notes: int  # options that could not be carried over, each commented in the text


def convert(config: ImportLinterConfig, located: Located, prefix: KeyPath) -> Conversion:
    """The `[tool.fitness]` (or fitness.toml) text equivalent to `config`'s contracts."""
    problems: list[str] = []
    notes: list[str] = []
    top = _top(config, located, prefix, notes)
    rules: list[str] = []
    skipped: list[str] = []
    body: list[str] = []
    ids: set[str] = set()
    for index, contract in enumerate(config.contracts):
        rule_id = _rule_id(contract, index, ids)
        ids.add(rule_id)
        lines = _contract(config, contract, rule_id, prefix, problems, notes)
        if lines is None:
            skipped.append(f"{rule_id} ({_text(contract.options.get('type', '?'))})")
            body.extend(_unconverted(contract, rule_id))
        else:
            rules.append(rule_id)
            body.extend(lines)
        body.append("")
    if problems:
        raise UsageError("\n".join(f"{config.path}: {problem}" for problem in problems))
    if not rules:
        found = ", ".join(skipped) or "none"
        raise UsageError(
            f"{config.path}: no contract converts to a fitness rule (contracts: {found}), "
            "so the configuration would check nothing"
        )
    text = "\n".join([*top, "", *body]).rstrip("\n") + "\n"
    return Conversion(text, tuple(rules), tuple(skipped), len(notes))


def _top(
    config: ImportLinterConfig, located: Located, prefix: KeyPath, notes: list[str]
) -> list[str]:
    lines = comment(
        f"Converted from import-linter's configuration in {config.path.name} by `fitness init "
        "--from-import-linter`: each rule is the contract of the same id, with import-linter's "
        "verdicts. What could not be carried over is commented where it was."
    )
    if prefix:
        lines.append(header(prefix))
    lines.append(f"source_roots = {array(located.source_roots)}  # where the root packages are")
    if located.exclude:
        lines.extend(comment("import-linter analyses the root packages only:"))
        lines.append(f"exclude = {array(located.exclude)}")
    if not located.respect_gitignore:
        lines.append("respect_gitignore = false  # import-linter reads git-ignored files too")
    lines.extend(located.notes)
    notes.extend(located.notes)
    session = config.session
    for key, value in session.items():
        if key in ("root_package", "root_packages"):
            continue
        if key == "exclude_type_checking_imports":
            if _boolean(value) is True:
                lines.append('type_checking = "ignore"  # exclude_type_checking_imports = true')
            continue
        if key == "include_external_packages":
            lines.extend(
                comment(
                    f"include_external_packages = {_text(value)}: not needed, fitness always "
                    "sees the imports of third-party packages."
                )
            )
            continue
        lines.extend(_note(key, value, _session_reason(key)))
        notes.append(key)
    lines.append(
        'dynamic = "ignore"  # import-linter does not see importlib.import_module("x"); '
        '"check" follows them'
    )
    return lines


def _contract(
    config: ImportLinterConfig,
    contract: Contract,
    rule_id: str,
    prefix: KeyPath,
    problems: list[str],
    notes: list[str],
) -> list[str] | None:
    options = dict(contract.options)
    contract_type = _text(options.pop("type", ""))
    if contract_type not in KINDS:
        return None
    kind, keys = KINDS[contract_type]
    name = _text(options.pop("name", ""))
    where = f"contract {rule_id}"
    what = f"import-linter's {contract_type} contract {contract.id or rule_id}"
    lines = comment(f"{name} ({what})" if name else what.capitalize())
    lines.append(header(prefix, "rules", rule_id))
    lines.append(f"kind = {string(kind)}")
    tail: list[str] = []
    for option, value in options.items():
        known = keys.get(option) or _COMMON.get(option)
        if known is not None:
            written, problem = _write(known, value)
            if problem is not None:
                problems.append(f"{where}: {option}: {problem}")
            if written is not None:
                lines.append(written)
            continue
        if contract_type == "protected" and option == "as_packages" and _boolean(value):
            continue  # fitness's protected always treats modules as packages
        if option == "unmatched_ignore_imports_alerting" and _text(value).lower() == "error":
            tail.extend(comment(f"{option} = error: {_SAME_ALERT}."))
            continue
        tail.extend(_note(option, value, _option_reason(contract_type, option, value)))
        notes.append(f"{rule_id}.{option}")
    return lines + tail


def _write(known: tuple[str, str], value: Value) -> tuple[str | None, str | None]:
    """The option written as fitness's key, or the problem that stops it being read."""
    key, how = known
    if how == _LIST:
        items = [value] if isinstance(value, str) else value
        if key == "ignore":
            items = [_import_expression(item) for item in items]
        return f"{key} = {array(items)}", None
    if how == _BOOL:
        flag = _boolean(value)
        if flag is None:
            return None, f"expected true or false, got {_text(value)!r}"
        return f"{key} = {'true' if flag else 'false'}", None
    if how == _INT:
        text = _text(value)
        if not text.isdigit():
            return None, f"expected a whole number, got {text!r}"
        return f"{key} = {int(text)}", None
    return f"{key} = {string(_text(value))}", None


def _unconverted(contract: Contract, rule_id: str) -> list[str]:
    """A contract fitness has no kind for, its options kept as comments."""
    options = dict(contract.options)
    contract_type = _text(options.get("type", "?"))
    lines = comment(
        f"Not converted: import-linter's {contract_type} contract {rule_id} has no fitness "
        "kind; its options were:"
    )
    lines.extend(f"#   {key} = {_text(value)}" for key, value in options.items())
    return lines


def _rule_id(contract: Contract, index: int, taken: set[str]) -> str:
    """The contract's id, or its name, as a fitness rule id; unique in the configuration."""
    raw = contract.id or _text(contract.options.get("name", "")).lower() or f"contract-{index + 1}"
    rule_id = re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-")
    if not _RULE_ID.fullmatch(rule_id):
        rule_id = f"contract-{rule_id}" if rule_id else f"contract-{index + 1}"
    unique, count = rule_id, 1
    while unique in taken:
        count += 1
        unique = f"{rule_id}-{count}"
    return unique


def _import_expression(text: str) -> str:
    """`a->b` as fitness writes it: `a -> b` (import-linter allows any spaces around `->`)."""
    importer, arrow, imported = text.partition("->")
    return f"{importer.strip()} -> {imported.strip()}" if arrow else text.strip()


def _note(key: str, value: Value, reason: str) -> list[str]:
    return comment(f"Not carried over: {key} = {_text(value)}: {reason}.")


def _session_reason(key: str) -> str:
    if key == "contract_types":
        return "custom contract types are import-linter plugins, with no fitness kind"
    return "fitness has no such setting"


def _option_reason(contract_type: str, option: str, value: Value) -> str:
    if option == "unmatched_ignore_imports_alerting":
        return (
            "fitness always reports an ignore that matches no import as a finding; "
            "remove such entries instead"
        )
    if contract_type == "protected" and option == "as_packages":
        return (
            "fitness's protected always treats modules as packages: it protects the "
            "descendants too and allows the descendants of allowed importers"
        )
    return f"fitness's {KINDS[contract_type][0]} has no such key"


def _boolean(value: Value) -> bool | None:
    text = _text(value).lower()
    return True if text == "true" else False if text == "false" else None


def _text(value: Value) -> str:
    return value if isinstance(value, str) else " ".join(value)
