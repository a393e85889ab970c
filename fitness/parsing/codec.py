"""FileFacts to plain tuples and back: what the cache stores and workers send.

Each section of `FileFacts` has an encoder and a decoder in `_SECTIONS`, and
facts are encoded as one value per section in field order, so a section added
to `FileFacts` needs one line here (and `FORMAT` bumped). Only built-in types
come out, so `marshal` can store them and processes can send them: named
tuples become plain tuples, sets sorted tuples.

A warm run decodes the facts of every file, so decoders build records with
`tuple.__new__` (no per-record Python call, no field count check: `FORMAT`
in the cache key guarantees the shape) and share the empty values.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from fitness.model import (
    NO_BANS,
    UNMEASURED,
    ApiUse,
    Argument,
    Bans,
    Comment,
    FileFacts,
    ParseFailure,
    RawImport,
)

if TYPE_CHECKING:
    from fitness.model.classes import ClassFact, FunctionFact

# Bump when the shape of FileFacts or of what extraction finds changes (5: extraction
# fills uses and builtins; caches written while the section existed unfilled are stale;
# 6: comments; 7: a use's `stated`, uses through module variables and star imports;
# 8: lines of code and classes, for the metrics; 9: an import's `guarded`, for `dependencies`;
# 10: classes' decorators and columns, and functions, for the `classes` rules;
# 11: skeleton parsing: a syntax error in a body left out is no longer a failure).
FORMAT = 12

Encoded = tuple[Any, ...]  # one value per FileFacts section, in field order
EncodedBans = tuple[tuple[str, ...], tuple[str, ...], bool]  # roots, builtins (sorted), measures


def encode(facts: FileFacts) -> Encoded:
    """Only built-in types, so `marshal` can store it and processes can send it."""
    return tuple([section(value) for section, value in zip(_ENCODERS, facts)])


def decode(encoded: Encoded) -> FileFacts:
    return _new_facts(map(_call, _DECODERS, encoded))


def encode_bans(bans: Bans) -> EncodedBans:
    return tuple(sorted(bans.roots)), tuple(sorted(bans.builtins)), bans.measures


def decode_bans(encoded: EncodedBans) -> Bans:
    roots, builtins, measures = encoded
    if not roots and not builtins:
        return NO_BANS if measures else UNMEASURED
    return Bans(frozenset(roots), frozenset(builtins), measures)


_EMPTY_NAMES: frozenset[str] = frozenset()
_new_facts = partial(tuple.__new__, FileFacts)
_new_import = partial(tuple.__new__, RawImport)
_new_failure = partial(tuple.__new__, ParseFailure)
_new_use = partial(tuple.__new__, ApiUse)
_new_argument = partial(tuple.__new__, Argument)
_new_comment = partial(tuple.__new__, Comment)


def _call(decoder: Callable[[Any], Any], value: Any) -> Any:
    return decoder(value)


def _encode_imports(imports: tuple[RawImport, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple([tuple(raw) for raw in imports])


def _decode_imports(encoded: tuple[tuple[Any, ...], ...]) -> tuple[RawImport, ...]:
    return tuple(map(_new_import, encoded))


def _encode_failure(failure: ParseFailure | None) -> tuple[Any, ...] | None:
    return None if failure is None else tuple(failure)


def _decode_failure(encoded: tuple[Any, ...] | None) -> ParseFailure | None:
    return None if encoded is None else _new_failure(encoded)


# An ApiUse's fields up to its arguments, its arguments, and the fields after them.
_POSITIONAL = ApiUse._fields.index("positional")
_AFTER_KEYWORDS = ApiUse._fields.index("keywords") + 1


def _encode_uses(uses: tuple[ApiUse, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        [
            (
                *use[:_POSITIONAL],
                tuple([tuple(argument) for argument in use.positional]),
                tuple([(name, tuple(argument)) for name, argument in use.keywords]),
                *use[_AFTER_KEYWORDS:],
            )
            for use in uses
        ]
    )


def _decode_uses(encoded: tuple[tuple[Any, ...], ...]) -> tuple[ApiUse, ...]:
    if not encoded:
        return ()
    return tuple([_decode_use(use) for use in encoded])


def _decode_use(encoded: tuple[Any, ...]) -> ApiUse:
    positional = tuple(map(_new_argument, encoded[_POSITIONAL]))
    keywords = tuple(
        [(name, _new_argument(argument)) for name, argument in encoded[_POSITIONAL + 1]]
    )
    return _new_use((*encoded[:_POSITIONAL], positional, keywords, *encoded[_AFTER_KEYWORDS:]))


def _encode_names(names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(names))


def _decode_names(encoded: tuple[str, ...]) -> frozenset[str]:
    return frozenset(encoded) if encoded else _EMPTY_NAMES


def _encode_examined(bans: Bans) -> EncodedBans | None:
    return None if not bans and bans.measures else encode_bans(bans)


def _decode_examined(encoded: EncodedBans | None) -> Bans:
    return NO_BANS if encoded is None else decode_bans(encoded)


def _encode_comments(comments: tuple[Comment, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple([tuple(comment) for comment in comments])


def _decode_comments(encoded: tuple[tuple[Any, ...], ...]) -> tuple[Comment, ...]:
    return tuple(map(_new_comment, encoded)) if encoded else ()


def _same(value: Any) -> Any:
    return value


def _encode_classes(classes: tuple[ClassFact, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple([tuple(fact) for fact in classes])


def _decode_classes(encoded: tuple[tuple[Any, ...], ...]) -> tuple[ClassFact, ...]:
    if not encoded:
        return ()
    # Imported here: a warm run of rules that measure nothing never decodes a class.
    from fitness.model.classes import ClassFact

    return tuple(map(partial(tuple.__new__, ClassFact), encoded))


def _encode_functions(functions: tuple[FunctionFact, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple([tuple(fact) for fact in functions])


def _decode_functions(encoded: tuple[tuple[Any, ...], ...]) -> tuple[FunctionFact, ...]:
    if not encoded:
        return ()
    # Imported here, as for classes.
    from fitness.model.classes import FunctionFact

    return tuple(map(partial(tuple.__new__, FunctionFact), encoded))


# Each section's (encoder, decoder), by FileFacts field.
_SECTIONS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "imports": (_encode_imports, _decode_imports),
    "failure": (_encode_failure, _decode_failure),
    "uses": (_encode_uses, _decode_uses),
    "builtins": (_encode_names, _decode_names),
    "examined": (_encode_examined, _decode_examined),
    "comments": (_encode_comments, _decode_comments),
    "lines": (_same, _same),
    "classes": (_encode_classes, _decode_classes),
    "functions": (_encode_functions, _decode_functions),
}
# A KeyError here at import: a FileFacts section without a line in _SECTIONS.
_ENCODERS = tuple(_SECTIONS[name][0] for name in FileFacts._fields)
_DECODERS = tuple(_SECTIONS[name][1] for name in FileFacts._fields)
