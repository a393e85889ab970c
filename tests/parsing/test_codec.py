"""The codec: every FileFacts section to built-in types and back, exactly."""

from __future__ import annotations

import marshal

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
from fitness.model.classes import ClassFact, FunctionFact
from fitness.parsing.codec import decode, decode_bans, encode, encode_bans

IMPORT = RawImport("os.path", 0, ("join", "sep"), 2, 1, 2, 25, True, False, False)
USE = ApiUse(
    api="subprocess.run",
    written="sp.run",
    line=7,
    column=5,
    end_line=7,
    end_column=11,
    scope="Deploy.start",
    call=True,
    positional=(Argument(True, "ls"), Argument(False, None)),
    keywords=(("shell", Argument(True, True)), ("timeout", Argument(True, 3))),
    star_args=False,
    star_kwargs=True,
    type_checking=True,
    local=False,
    stated="subprocess.run",
)
BARE = USE._replace(
    api="pickle", written="import pickle", call=False, positional=(), keywords=(), stated=""
)
FULL = FileFacts(
    imports=(IMPORT, IMPORT._replace(module="yaml", names=(), dynamic=True)),
    failure=ParseFailure("KeyError: 'x'", 1, 1, "analysis"),
    uses=(USE, BARE),
    builtins=frozenset({"open", "eval", "exec"}),
    examined=Bans(frozenset({"subprocess", "pickle"}), frozenset({"exec", "eval"})),
    comments=(Comment(3, 12, "# see ADR-0004", False), Comment(5, 1, "# fitness: x", True)),
    lines=42,
    classes=(
        ClassFact("Port", 9, ("abc.ABC",), None, True, ("dataclasses.dataclass",)),
        ClassFact("Port.Row", 11, (), "abc.ABCMeta", False, (), 5),
    ),
    functions=(FunctionFact("Port.open", 10, 5, ("abc.abstractmethod",), True),),
)


def test_every_section_is_encoded_as_built_in_types_in_field_order() -> None:
    assert encode(FULL) == (
        (
            ("os.path", 0, ("join", "sep"), 2, 1, 2, 25, True, False, False, False),
            ("yaml", 0, (), 2, 1, 2, 25, True, False, True, False),
        ),
        ("KeyError: 'x'", 1, 1, "analysis"),
        (
            (
                *("subprocess.run", "sp.run", 7, 5, 7, 11, "Deploy.start", True),
                ((True, "ls"), (False, None)),
                (("shell", (True, True)), ("timeout", (True, 3))),
                *(False, True, True, False, "subprocess.run"),
            ),
            (
                *("pickle", "import pickle", 7, 5, 7, 11, "Deploy.start", False),
                (),
                (),
                *(False, True, True, False, ""),
            ),
        ),
        ("eval", "exec", "open"),
        (("pickle", "subprocess"), ("eval", "exec"), True),
        ((3, 12, "# see ADR-0004", False), (5, 1, "# fitness: x", True)),
        42,
        (
            ("Port", 9, ("abc.ABC",), None, True, ("dataclasses.dataclass",), 1),
            ("Port.Row", 11, (), "abc.ABCMeta", False, (), 5),
        ),
        (("Port.open", 10, 5, ("abc.abstractmethod",), True),),
    )
    assert len(encode(FULL)) == len(FileFacts._fields)


def test_facts_with_every_section_survive_marshal_exactly() -> None:
    decoded = decode(marshal.loads(marshal.dumps(encode(FULL))))

    assert decoded == FULL
    assert type(decoded) is FileFacts
    assert [type(raw) for raw in decoded.imports] == [RawImport, RawImport]
    assert type(decoded.failure) is ParseFailure
    assert [type(use) for use in decoded.uses] == [ApiUse, ApiUse]
    assert [type(argument) for argument in decoded.uses[0].positional] == [Argument, Argument]
    assert [(type(pair), type(pair[1])) for pair in decoded.uses[0].keywords] == [
        (tuple, Argument),
        (tuple, Argument),
    ]
    assert type(decoded.builtins) is frozenset
    assert [type(comment) for comment in decoded.comments] == [Comment, Comment]
    assert [type(fact) for fact in decoded.classes] == [ClassFact, ClassFact]
    assert [type(fact) for fact in decoded.functions] == [FunctionFact]
    assert type(decoded.examined) is Bans
    assert (type(decoded.examined.roots), type(decoded.examined.builtins)) == (
        frozenset,
        frozenset,
    )


def test_empty_sections_take_little_room_and_decode_to_the_shared_empty_values() -> None:
    facts = FileFacts((IMPORT,), None)

    encoded = encode(facts)
    decoded = decode(marshal.loads(marshal.dumps(encoded)))

    assert encoded == ((tuple(IMPORT),), None, (), (), None, (), 0, (), ())
    assert decoded == facts
    assert decoded.examined is NO_BANS  # what reusing facts checks first
    assert decoded.uses == ()
    assert decoded.builtins == frozenset()
    assert decoded.classes == ()


def test_bans_are_sorted_tuples_and_empty_bans_are_no_bans() -> None:
    asked = Bans(frozenset({"yaml", "os", "pickle"}), frozenset({"exec", "eval"}))

    assert encode_bans(asked) == (("os", "pickle", "yaml"), ("eval", "exec"), True)
    assert decode_bans(encode_bans(asked)) == asked
    assert decode_bans(((), (), True)) is NO_BANS
    assert decode_bans(((), (), False)) is UNMEASURED
    assert decode_bans(((), ("eval",), False)) == Bans(frozenset(), frozenset({"eval"}), False)
