"""The one description of the configuration's keys: name, default, meaning and type.

Each rule kind lists its keys (`RuleKind.keys`), `fitness.config.keys` the keys
of `[tool.fitness]` and those every rule takes. `fitness explain` prints them and
`fitness schema` turns them into a JSON schema, so neither can drift from the
other. A type is one of the small records below; each says how `explain` names
it (`words()`) and what JSON schema it stands for (`schema()`).

The types are plain classes with slots, not named tuples: every kind's module
builds its keys when it loads, on the warm path, and a named tuple class costs
a few hundred microseconds to define.
"""

from __future__ import annotations

from typing import NamedTuple

REQUIRED = "(required)"

JsonSchema = dict[str, object]


class Key(NamedTuple):
    """One key of a table: its name, its default as TOML (or REQUIRED), its meaning, its type."""

    name: str
    default: str
    meaning: str
    type: KeyType


class KeyType:
    """What values a key takes: how `explain` names it, and its JSON schema."""

    __slots__ = ()

    def words(self) -> str:
        raise NotImplementedError

    def schema(self) -> JsonSchema:
        raise NotImplementedError


class Text(KeyType):
    """A string."""

    __slots__ = ()

    def words(self) -> str:
        return "string"

    def schema(self) -> JsonSchema:
        return {"type": "string"}


class Flag(KeyType):
    """true or false."""

    __slots__ = ()

    def words(self) -> str:
        return "boolean"

    def schema(self) -> JsonSchema:
        return {"type": "boolean"}


class Whole(KeyType):
    """A whole number, no smaller than `minimum` when there is one."""

    __slots__ = ("minimum",)

    def __init__(self, minimum: int | None = 0) -> None:
        self.minimum = minimum

    def words(self) -> str:
        return "integer" if self.minimum is None else f"integer >= {self.minimum}"

    def schema(self) -> JsonSchema:
        found: JsonSchema = {"type": "integer"}
        if self.minimum is not None:
            found["minimum"] = self.minimum
        return found


class Share(KeyType):
    """A number from 0 to 1."""

    __slots__ = ()

    def words(self) -> str:
        return "number 0..1"

    def schema(self) -> JsonSchema:
        return {"type": "number", "minimum": 0, "maximum": 1}


class Words(KeyType):
    """One of a few words: `"check"` or `"ignore"`."""

    __slots__ = ("words_",)

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words_ = words

    def words(self) -> str:
        return " | ".join(f'"{word}"' for word in self.words_)

    def schema(self) -> JsonSchema:
        return {"type": "string", "enum": list(self.words_)}


class ListOf(KeyType):
    """A list of values of one type, with at least `at_least` of them."""

    __slots__ = ("at_least", "item")

    def __init__(self, item: KeyType, at_least: int = 0) -> None:
        self.item = item
        self.at_least = at_least

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


class Modules(KeyType):
    """A list of module expressions (`shop.api`, `shop.*`, `shop.**`), and `words` it also takes."""

    __slots__ = ("at_least", "words_")

    def __init__(self, words: tuple[str, ...] = (), at_least: int = 0) -> None:
        self.words_ = words
        self.at_least = at_least

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


class Imports(KeyType):
    """A list of import expressions, `importer -> imported`."""

    __slots__ = ()

    def words(self) -> str:
        return "list of 'a -> b'"

    def schema(self) -> JsonSchema:
        return {"type": "array", "items": {"type": "string", "pattern": "->"}}


class TextOrList(KeyType):
    """A string, or a list of strings with at least `at_least` of them."""

    __slots__ = ("at_least",)

    def __init__(self, at_least: int = 0) -> None:
        self.at_least = at_least

    def words(self) -> str:
        return "string or list of strings"

    def schema(self) -> JsonSchema:
        return {"anyOf": [{"type": "string"}, ListOf(Text(), self.at_least).schema()]}


class TableOf(KeyType):
    """A table whose keys the user names, each holding a value of one type."""

    __slots__ = ("at_least", "value")

    def __init__(self, value: KeyType, at_least: int = 0) -> None:
        self.value = value
        self.at_least = at_least

    def words(self) -> str:
        return f"table of {self.value.words()}"

    def schema(self) -> JsonSchema:
        found: JsonSchema = {"type": "object", "additionalProperties": self.value.schema()}
        if self.at_least:
            found["minProperties"] = self.at_least
        return found


class Record(KeyType):
    """A table of known keys, each described; any other key is an error."""

    __slots__ = ("keys",)

    def __init__(self, keys: tuple[Key, ...]) -> None:
        self.keys = keys

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


class Either(KeyType):
    """A value of any of a few types: `"pickle"` or `{ name = "pickle.loads" }`."""

    __slots__ = ("options",)

    def __init__(self, options: tuple[KeyType, ...]) -> None:
        self.options = options

    def words(self) -> str:
        return " or ".join(option.words() for option in self.options)

    def schema(self) -> JsonSchema:
        return {"anyOf": [option.schema() for option in self.options]}


class Ref(KeyType):
    """A shape described once in the schema's definitions (the rule tables)."""

    __slots__ = ("name", "shown")

    def __init__(self, name: str, shown: str) -> None:
        self.name = name
        self.shown = shown

    def words(self) -> str:
        return self.shown

    def schema(self) -> JsonSchema:
        return {"$ref": f"#/definitions/{self.name}"}


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
    import re
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    if key.default == REQUIRED:
        return ()
    text = re.sub(r"\s+\(.*\)$", "", key.default)
    try:
        return (tomllib.loads(f"value = {text}")["value"],)
    except tomllib.TOMLDecodeError:
        return ()
