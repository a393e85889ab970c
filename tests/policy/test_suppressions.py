"""Reading `# fitness:` directives from the comments a file keeps."""

from __future__ import annotations

import pytest

from fitness.model import Comment, Location, Suppression
from fitness.policy.suppressions import BadSuppression, read, suppressions

NO_IDS = "a suppression must name what it suppresses: '# fitness: ignore[rule-id] why'"


def test_a_trailing_suppression_speaks_to_its_own_line() -> None:
    comment = Comment(3, 22, "# fitness: ignore[layers] ADR-0011 legacy code", False)

    assert read("src/app/m.py", comment) == Suppression(
        Location("src/app/m.py", 3, 22, 3, 68), ("layers",), (3,), "ADR-0011", "legacy code"
    )


def test_a_suppression_alone_on_its_line_speaks_to_the_next_line() -> None:
    comment = Comment(7, 5, "# fitness: ignore[ban] the reason", True)

    assert read("m.py", comment) == Suppression(
        Location("m.py", 7, 5, 7, 38), ("ban",), (8,), None, "the reason"
    )


def test_several_ids_are_split_on_commas_and_stripped() -> None:
    comment = Comment(1, 1, "# fitness: ignore[ a-rule ,other-rule,, third ]", False)

    found = read("m.py", comment)

    assert isinstance(found, Suppression)
    assert found.ids == ("a-rule", "other-rule", "third")
    assert (found.adr, found.reason) == (None, "")


def test_the_directive_may_follow_another_comment_and_is_located_at_its_hash() -> None:
    comment = Comment(2, 10, "# noqa: F401  # fitness: ignore[x] why", False)

    found = read("m.py", comment)

    assert isinstance(found, Suppression)
    assert found.location == Location("m.py", 2, 24, 2, 48)
    assert (found.ids, found.lines, found.reason) == (("x",), (2,), "why")


def test_spelling_is_case_and_blank_insensitive() -> None:
    comment = Comment(1, 1, "#Fitness :  IGNORE[x]", False)

    found = read("m.py", comment)

    assert isinstance(found, Suppression)
    assert found.ids == ("x",)


@pytest.mark.parametrize(
    ("text", "adr", "reason"),
    [
        ("ADR-0011 legacy code", "ADR-0011", "legacy code"),
        ("adr 5 legacy", "adr 5", "legacy"),
        ("ADR_12", "ADR_12", ""),
        ("0003-use-postgres until the port", "0003-use-postgres", "until the port"),
        ("docs/adr/0001-x.md because", "docs/adr/0001-x.md", "because"),
        ("legacy code", None, "legacy code"),
        ("ADR-0011x is not an ADR", None, "ADR-0011x is not an ADR"),
        ("", None, ""),
    ],
)
def test_the_first_word_may_cite_an_adr_and_the_rest_is_the_reason(
    text: str, adr: str | None, reason: str
) -> None:
    found = read("m.py", Comment(1, 1, f"# fitness: ignore[x] {text}".rstrip(), False))

    assert isinstance(found, Suppression)
    assert (found.adr, found.reason) == (adr, reason)


@pytest.mark.parametrize(
    "text",
    ["# fitness: ignore", "# fitness: ignore why", "# fitness: ignore[]", "# fitness: ignore[ , ]"],
)
def test_a_suppression_without_ids_is_refused(text: str) -> None:
    assert read("m.py", Comment(4, 1, text, True)) == BadSuppression(
        Location("m.py", 4, 1, 4, 1 + len(text)), NO_IDS
    )


def test_an_unclosed_id_list_is_refused() -> None:
    text = "# fitness: ignore[a, b why"

    assert read("m.py", Comment(1, 1, text, False)) == BadSuppression(
        Location("m.py", 1, 1, 1, 1 + len(text)), NO_IDS
    )


def test_an_unknown_directive_is_refused_with_its_verb() -> None:
    assert read("m.py", Comment(2, 3, "# fitness: skip[x]", False)) == BadSuppression(
        Location("m.py", 2, 3, 2, 21),
        "unknown directive 'fitness: skip'; write '# fitness: ignore[rule-id] why'",
    )


@pytest.mark.parametrize("text", ["# ADR-0004 says so", "# see fitness docs", "# fitnessx: y"])
def test_a_comment_without_a_directive_is_none(text: str) -> None:
    assert read("m.py", Comment(1, 1, text, False)) is None


def test_suppressions_reads_every_file_in_order_and_skips_plain_comments() -> None:
    comments = {
        "a.py": (
            Comment(1, 1, "# ADR-0001", True),
            Comment(2, 8, "# fitness: ignore[x]", False),
        ),
        "b.py": (Comment(5, 1, "# fitness: ignore", True),),
    }

    assert list(suppressions(comments)) == [
        Suppression(Location("a.py", 2, 8, 2, 28), ("x",), (2,), None, ""),
        BadSuppression(Location("b.py", 5, 1, 5, 18), NO_IDS),
    ]


@pytest.mark.parametrize(
    ("text", "codes", "end"),
    [
        ("# noqa: S301", ("S301",), 13),
        ("# noqa:S301,S403", ("S301", "S403"), 17),
        ("# NOQA: S301 S403  because", ("S301", "S403"), 18),
        ("# type: ignore  # noqa: S301", ("S301",), 29),
    ],
)
def test_ruffs_noqa_with_codes_speaks_to_its_own_line_only(
    text: str, codes: tuple[str, ...], end: int
) -> None:
    comment = Comment(4, 1, text, True)
    start = text.index("# noqa") if "# noqa" in text else text.index("# NOQA")

    assert read("m.py", comment) == Suppression(
        Location("m.py", 4, 1 + start, 4, end), codes, (4,), None, "", noqa=True
    )


@pytest.mark.parametrize("text", ["# noqa", "# noqa  # expect: x", "# noqa: ", "# noqa-ish"])
def test_a_bare_noqa_names_no_code_and_is_no_suppression(text: str) -> None:
    assert read("m.py", Comment(1, 1, text, False)) is None


def test_until_and_owner_are_read_anywhere_after_the_ids_and_left_out_of_the_reason() -> None:
    text = "# fitness: ignore[layers] ADR-0011 until=2027-03-31 owner=@payments legacy adapter"
    found = read("m.py", Comment(3, 1, text, False))

    assert isinstance(found, Suppression)
    assert (found.adr, found.reason, found.until, found.owner) == (
        "ADR-0011",
        "legacy adapter",
        "2027-03-31",
        "@payments",
    )
    later = read(
        "m.py", Comment(3, 1, "# fitness: ignore[x] legacy owner=@a until=2027-01-09", False)
    )
    assert isinstance(later, Suppression)
    assert (later.reason, later.until, later.owner) == ("legacy", "2027-01-09", "@a")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "# fitness: ignore[x] until=2027-02-30 why",
            "until=2027-02-30 is not a date: write until=YYYY-MM-DD (the last day it applies)",
        ),
        (
            "# fitness: ignore[x] until=31/03/2027 why",
            "until=31/03/2027 is not a date: write until=YYYY-MM-DD (the last day it applies)",
        ),
        ("# fitness: ignore[x] owner= why", "owner= needs a value: write owner=@team"),
        (
            "# fitness: ignore[x] owner=@a owner=@b",
            "the suppression gives owner= twice: write it once",
        ),
    ],
)
def test_an_until_or_owner_that_cannot_be_read_refuses_the_suppression(text: str, why: str) -> None:
    found = read("m.py", Comment(1, 1, text, False))

    assert found == BadSuppression(Location("m.py", 1, 1, 1, 1 + len(text)), why)


def test_a_word_that_merely_ends_in_until_is_reason_text() -> None:
    found = read("m.py", Comment(1, 1, "# fitness: ignore[x] wait-until=later", False))

    assert isinstance(found, Suppression)
    assert (found.until, found.reason) == (None, "wait-until=later")
