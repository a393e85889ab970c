"""Which bans a file needs, known from its facts, and when cached facts serve a run."""

from __future__ import annotations

import pytest

from fitness.model import NO_BANS, ApiUse, Argument, Bans, FileFacts, RawImport
from fitness.parsing.examined import needed, reusable, trimmed, wider


def imported(module: str, level: int = 0, dynamic: bool = False) -> RawImport:
    return RawImport(module, level, (), 1, 1, 1, 10, False, False, dynamic)


def use(api: str) -> ApiUse:
    return ApiUse(
        api, api, 1, 1, 1, 5, "", True, (Argument(True, 1),), (), False, False, False, False
    )


def bans(*roots: str, builtins: tuple[str, ...] = ()) -> Bans:
    return Bans(frozenset(roots), frozenset(builtins))


FACTS = FileFacts(
    imports=(
        imported("xml.etree.ElementTree"),
        imported("os"),
        imported("yaml", dynamic=True),
        imported("pickle", level=1),  # from .pickle import ...: this project's module
        imported("", level=2),
    ),
    failure=None,
    uses=(use("xml.etree.ElementTree.parse"), use("yaml.load"), use("builtins.eval"), use("os")),
    builtins=frozenset({"eval", "print"}),
    examined=bans("xml", "yaml", "os", builtins=("eval",)),
)


@pytest.mark.parametrize(
    ("configured", "need"),
    [
        (bans("xml", "pickle", "json", builtins=("eval", "exec")), bans("xml", builtins=("eval",))),
        (bans("yaml"), bans("yaml")),  # a dynamic import counts
        (bans("pickle"), NO_BANS),  # a relative import does not
        (bans("xml.etree"), NO_BANS),  # roots are top-level names
        (bans(builtins=("print", "open")), bans(builtins=("print",))),
        (NO_BANS, NO_BANS),
    ],
)
def test_a_file_needs_the_roots_it_imports_and_the_builtins_it_mentions(
    configured: Bans, need: Bans
) -> None:
    assert needed(FACTS, configured) == need


def test_facts_examined_for_what_the_file_needs_are_reused_as_they_are() -> None:
    assert reusable(FACTS, bans("xml", "yaml", "os", "pickle", builtins=("eval", "exec"))) is FACTS


@pytest.mark.parametrize(
    "configured",
    [bans("xml", "json"), bans(builtins=("print",)), bans("os", builtins=("print", "eval"))],
)
def test_facts_lacking_a_ban_the_file_needs_are_not_reused(configured: Bans) -> None:
    facts = FACTS._replace(examined=bans("os", builtins=("eval",)))

    assert reusable(facts, configured) is None


@pytest.mark.parametrize(
    ("configured", "apis"),
    [
        (bans("yaml"), ["yaml.load"]),
        (bans("xml", "json"), ["xml.etree.ElementTree.parse"]),
        (bans(builtins=("eval",)), ["builtins.eval"]),
        (bans("builtins"), []),  # the file does not import builtins
        (bans("os", builtins=("exec",)), ["os"]),
        (NO_BANS, []),
    ],
)
def test_facts_examined_for_more_are_narrowed_to_what_the_file_needs(
    configured: Bans, apis: list[str]
) -> None:
    narrowed = reusable(FACTS, configured)

    assert narrowed == FACTS._replace(
        uses=tuple(use(api) for api in apis), examined=needed(FACTS, configured)
    )


def test_a_use_of_builtins_is_kept_for_its_root_and_for_its_name() -> None:
    facts = FileFacts(
        (imported("builtins"),),
        None,
        (use("builtins.eval"), use("builtins.open.x")),
        frozenset({"eval", "open"}),
        bans("builtins", builtins=("eval", "open")),
    )

    assert reusable(facts, bans("builtins")) == facts._replace(examined=bans("builtins"))
    assert reusable(facts, bans(builtins=("open",))) == facts._replace(
        uses=(use("builtins.open.x"),), examined=bans(builtins=("open",))
    )


def test_fresh_facts_keep_only_the_bans_the_file_needs_of_those_examined() -> None:
    fresh = FACTS._replace(
        examined=bans("xml", "yaml", "os", "pickle", "json", builtins=("exec", "eval"))
    )

    assert trimmed(fresh) == FACTS
    assert trimmed(FACTS._replace(examined=NO_BANS)) == FACTS._replace(examined=NO_BANS)


def test_wider_bans_have_the_roots_and_builtins_of_both() -> None:
    assert wider(bans("os", builtins=("eval",)), bans("yaml", builtins=("exec",))) == bans(
        "os", "yaml", builtins=("eval", "exec")
    )
    first = bans("os")
    assert wider(first, NO_BANS) is first
