"""`fitness schema`: the JSON schema of the configuration, generated from the key descriptions.

The rule kinds' keys (`RuleKind.keys`) and the others (`fitness.config.keys`) are
the one description `fitness explain` prints too, so the schema cannot drift.
Draft-07: what SchemaStore's pyproject.toml partials are written in, and what
taplo (Even Better TOML) validates and completes from in full.

Layouts: `fitness` (fitness.toml, keys at the top), `pyproject` (the
`[tool.fitness]` table, as a SchemaStore partial for pyproject.toml), `pyproject-file`
(a whole pyproject.toml whose `tool.fitness` is checked and nothing else: taplo
applies a schema to the whole document, even in a `[[rule]]` with `keys`, and does
not follow a `$ref` to another file) and `pack` (a rule pack that `extends` names).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from fitness.checks import KINDS
from fitness.config.keys import EXAMPLES_KEY, PACK_KEYS, RULE_KEYS, TOP_KEYS
from fitness.config.rules import OVERRIDE_KEYS
from fitness.model.keys import REQUIRED, JsonSchema, Key, described

LAYOUTS = ("fitness", "pyproject", "pyproject-file", "pack")
DRAFT = "http://json-schema.org/draft-07/schema#"
RULE_ID = "^[A-Za-z][A-Za-z0-9_-]*$"

_HEAD = ("$schema", "$comment", "title")
_TITLES = {
    "fitness": "fitness.toml: the configuration of fitness, the architecture-fitness linter",
    "pyproject": "[tool.fitness] in pyproject.toml: the configuration of fitness",
    "pyproject-file": "pyproject.toml, of which only [tool.fitness] is checked: the "
    "configuration of fitness",
    "pack": "a fitness rule pack: [rules.<id>] tables that a configuration extends",
}


def schema_text(layout: str) -> str:
    """The schema of `layout` as `fitness schema` prints it and docs/ holds it."""
    return json.dumps(schema(layout), indent=2, ensure_ascii=False) + "\n"


def schema(layout: str) -> JsonSchema:
    """The JSON schema of one layout of the configuration."""
    if layout == "pyproject-file":
        table = {key: value for key, value in schema("fitness").items() if key not in _HEAD}
        shared = table.pop("definitions")
        table["description"] = "the configuration of fitness"
        tool: JsonSchema = {"type": "object", "properties": {"fitness": table}}
        return {
            "$schema": DRAFT,
            "title": _TITLES[layout],
            "type": "object",
            "properties": {"tool": tool},
            "definitions": shared,
        }
    in_pack = layout == "pack"
    document: JsonSchema = {"$schema": DRAFT}
    if layout == "pyproject":
        document["$comment"] = "tool.fitness table in pyproject.toml"
    document["title"] = _TITLES[layout]
    document.update(_table(PACK_KEYS if in_pack else TOP_KEYS))
    rule_keys = (*RULE_KEYS, EXAMPLES_KEY) if in_pack else RULE_KEYS
    definitions: JsonSchema = {
        "pack_rules" if in_pack else "rules": {
            "type": "object",
            "propertyNames": {"pattern": RULE_ID},
            "additionalProperties": {"$ref": "#/definitions/rule"},
        },
        "rule": _rule(in_pack),
    }
    if not in_pack:
        definitions["override"] = _override()
    for name in sorted(KINDS):
        definitions[f"kind-{name}"] = _kind(name, rule_keys)
    document["definitions"] = definitions
    return document


def _table(keys: Sequence[Key]) -> JsonSchema:
    """A closed table of described keys: the loader rejects any other key."""
    return {
        "type": "object",
        "properties": {key.name: described(key) for key in keys},
        "additionalProperties": False,
    }


def _rule(in_pack: bool) -> JsonSchema:
    """A rule table: a kind's when it has `kind`, else an override of a pack rule."""
    kinds = sorted(KINDS)
    kind = next(key for key in RULE_KEYS if key.name == "kind")
    by_kind: JsonSchema = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": kinds, "description": kind.meaning}},
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": name}}},
                "then": {"$ref": f"#/definitions/kind-{name}"},
            }
            for name in kinds
        ],
    }
    if in_pack:
        return by_kind
    return {
        "type": "object",
        "if": {"required": ["kind"]},
        "then": by_kind,
        "else": {"$ref": "#/definitions/override"},
    }


def _override() -> JsonSchema:
    """A table without `kind` whose id an extended pack defines: it may set a few keys only."""
    every = [*RULE_KEYS, *(key for kind in KINDS.values() for key in kind.keys)]
    keys = [next(key for key in every if key.name == name) for name in OVERRIDE_KEYS]
    found = _table(keys)
    found["description"] = (
        "an override of a rule an extended pack defines (a table without kind): "
        f"it may set {', '.join(OVERRIDE_KEYS)}"
    )
    return found


def _kind(name: str, rule_keys: Sequence[Key]) -> JsonSchema:
    """A rule of kind `name`: the keys every rule takes and the kind's own, no other."""
    kind = KINDS[name]
    own = {key.name for key in kind.keys}
    keys = [key for key in rule_keys if key.name not in own and key.name != "kind"]
    found = _table([*keys, *kind.keys])
    properties = found["properties"]
    assert isinstance(properties, dict)
    found["properties"] = {"kind": {"const": name, "description": kind.description}, **properties}
    found["description"] = f"a {name} rule: {kind.description}"
    required = ["kind", *(key.name for key in kind.keys if key.default == REQUIRED)]
    found["required"] = required
    return found
