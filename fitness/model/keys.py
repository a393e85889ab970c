"""The one description of the configuration's keys: name, default, meaning and type.

Each rule kind lists its keys (`RuleKind.keys`), `fitness.config.keys` the keys
of `[tool.fitness]` and those every rule takes. `fitness explain` prints them and
`fitness schema` turns them into a JSON schema, so neither can drift from the
other. A type is one of the small records below; each says how `explain` names
it (`words()`) and what JSON schema it stands for (`schema()`).
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple, Union

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

REQUIRED = "(required)"

JsonSchema = dict[str, object]


class Key(NamedTuple):
    """One key of a table: its name, its default as TOML (or REQUIRED), its meaning, its type."""

    name: str
    default: str
    meaning: str
    type: KeyType


class Text(NamedTuple):
    """A string."""

    def words(self) -> str:
        return "string"

    def schema(self) -> JsonSchema:
        return {"type": "string"}


class Flag(NamedTuple):
    """true or false."""

    def words(self) -> str:
        return "boolean"

    def schema(self) -> JsonSchema:
        return {"type": "boolean"}


class Whole(NamedTuple):
    """A whole number, no smaller than `minimum` when there is one."""

    minimum: int | None = 0

    def words(self) -> str:
        return "integer" if self.minimum is None else f"integer >= {self.minimum}"

    def schema(self) -> JsonSchema:
        found: JsonSchema = {"type": "integer"}
        if self.minimum is not None:
            found["minimum"] = self.minimum
        return found


class Share(NamedTuple):
    """A number from 0 to 1."""

    def words(self) -> str:
        return "number 0..1"

    def schema(self) -> JsonSchema:
        return {"type": "number", "minimum": 0, "maximum": 1}


class Words(NamedTuple):
    """One of a few words: `"check"` or `"ignore"`."""

    words_: tuple[str, ...]

    def words(self) -> str:
        return " | ".join(f'"{word}"' for word in self.words_)

    def schema(self) -> JsonSchema:
        return {"type": "string", "enum": list(self.words_)}


class ListOf(NamedTuple):
    """A list of values of one type, with at least `at_least` of them."""

    item: KeyType
    at_least: int = 0

    def words(self) -> str:
        if isinstance(self.item, Text):
            return "list of strings"
        if isinstance(self.item, Either):
            return f"list of ({self.item.words()})"
        return f"list of {self.item.words()}"

    def schema(self) -> JsonSchema:
        found: JsonSchema = {"type": "array", "items": self.item.schema()}
        if self.at_least:
            found["minItems"] = self.at_least
        return found


class Modules(NamedTuple):
    """A list of module expressions (`shop.api`, `shop.*`, `shop.**`), and `words` it also takes."""

    words_: tuple[str, ...] = ()
    at_least: int = 0

    def words(self) -> str:
        listed = "".join(f' | "{word}"' for word in self.words_)
        return f"list of module expressions{listed}"

    def schema(self) -> JsonSchema:
        item: JsonSchema = {"type": "string", "pattern": MODULE_PATTERN}
        if self.words_:
            item = {"anyOf": [{"type": "string", "enum": list(self.words_)}, item]}
        found: JsonSchema = {"type": "array", "items": item}
        if self.at_least:
            found["minItems"] = self.at_least
        return found


class Imports(NamedTuple):
    """A list of import expressions, `importer -> imported`."""

    def words(self) -> str:
        return "list of 'a -> b'"

    def schema(self) -> JsonSchema:
        return {"type": "array", "items": {"type": "string", "pattern": "->"}}


class TextOrList(NamedTuple):
    """A string, or a list of strings with at least one."""

    def words(self) -> str:
        return "string or list of strings"

    def schema(self) -> JsonSchema:
        many: JsonSchema = {"type": "array", "items": {"type": "string"}, "minItems": 1}
        return {"anyOf": [{"type": "string"}, many]}


class TableOf(NamedTuple):
    """A table whose keys the user names, each holding a value of one type."""

    value: KeyType
    at_least: int = 0

    def words(self) -> str:
        return f"table of {self.value.words()}"

    def schema(self) -> JsonSchema:
        found: JsonSchema = {"type": "object", "additionalProperties": self.value.schema()}
        if self.at_least:
            found["minProperties"] = self.at_least
        return found


class Record(NamedTuple):
    """A table of known keys, each described; any other key is an error."""

    keys: tuple[Key, ...]

    def words(self) -> str:
        return "table {" + ", ".join(key.name for key in self.keys) + "}"

    def schema(self) -> JsonSchema:
        found: JsonSchema = {
            "type": "object",
            "properties": {key.name: described(key) for key in self.keys},
            "additionalProperties": False,
        }
        required = [key.name for key in self.keys if key.default == REQUIRED]
        if required:
            found["required"] = required
        return found


class Either(NamedTuple):
    """A value of any of a few types: `"pickle"` or `{ name = "pickle.loads" }`."""

    options: tuple[KeyType, ...]

    def words(self) -> str:
        return " or ".join(option.words() for option in self.options)

    def schema(self) -> JsonSchema:
        return {"anyOf": [option.schema() for option in self.options]}


class Ref(NamedTuple):
    """A shape described once in the schema's definitions (the rule tables)."""

    name: str
    shown: str

    def words(self) -> str:
        return self.shown

    def schema(self) -> JsonSchema:
        return {"$ref": f"#/definitions/{self.name}"}


KeyType = Union[
    Text,
    Flag,
    Whole,
    Share,
    Words,
    ListOf,
    Modules,
    Imports,
    TextOrList,
    TableOf,
    Record,
    Either,
    Ref,
]

# What a module expression looks like: dotted segments, none empty (the loader says more).
MODULE_PATTERN = r"^\s*[^.\s]+(\.[^.\s]+)*\s*$"


def described(key: Key) -> JsonSchema:
    """`key`'s type as JSON schema, with its meaning and default in the description."""
    found = dict(key.type.schema())
    default = key.default
    if default.startswith("(") and default.endswith(")"):
        default = default[1:-1]  # "(none)": words, not a TOML value
    shown = "required" if key.default == REQUIRED else f"default: {default}"
    found["description"] = f"{key.meaning} ({shown})"
    for value in json_default(key):
        found["default"] = value
    return found


def json_default(key: Key) -> tuple[object, ...]:
    """`(value,)`: the key's default as JSON, when its TOML text is a value; else `()`.

    `'"check" (or [tool.fitness]\'s)'` is `"check"`: the words after the value say
    where else it may come from.
    """
    if key.default == REQUIRED:
        return ()
    text = re.sub(r"\s+\(.*\)$", "", key.default)
    try:
        return (tomllib.loads(f"value = {text}")["value"],)
    except tomllib.TOMLDecodeError:
        return ()
