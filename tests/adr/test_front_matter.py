"""MADR front matter: the hand-read YAML subset, value by value, and every way it breaks."""

from __future__ import annotations

import pytest

from fitness.adr.front_matter import BrokenFrontMatter, FrontMatter, front_matter


def read(text: str) -> FrontMatter | None:
    return front_matter(text.split("\n"))


def broken(text: str) -> tuple[int, str]:
    with pytest.raises(BrokenFrontMatter) as caught:
        read(text)
    return caught.value.line, caught.value.reason


def test_plain_scalars_with_their_lines_and_the_line_after() -> None:
    text = "---\nstatus: accepted\ndate: 2024-01-22\n---\n# Use X\n"

    assert read(text) == FrontMatter({"status": ("accepted", 2), "date": ("2024-01-22", 3)}, end=5)


def test_keys_are_lower_cased_and_dots_close_it_too() -> None:
    assert read("---\nStatus: Accepted\n...\n") == FrontMatter({"status": ("Accepted", 2)}, 4)


def test_no_front_matter() -> None:
    assert read("# Use X\n\n* Status: accepted\n") is None
    assert read("") is None
    assert front_matter([]) is None


@pytest.mark.parametrize(
    ("value", "read_as"),
    [
        ("accepted # we agreed on 2024-01-22", "accepted"),
        ("a#b", "a#b"),
        ("http://example.com/x#y", "http://example.com/x#y"),
        ("superseded by ADR-0004", "superseded by ADR-0004"),
        ("'superseded by [ADR-0004](0004-x.md)'", "superseded by [ADR-0004](0004-x.md)"),
        ("'it''s accepted'", "it's accepted"),
        ("'a \\n stays'", "a \\n stays"),
        ("''", ""),
        ('"accepted"', "accepted"),
        ('"a \\"quoted\\" word"', 'a "quoted" word'),
        ('"back\\\\slash and \\/ slash"', "back\\slash and / slash"),
        ('"line\\nbreak\\ttab"', "line\nbreak\ttab"),
        ('"it\'s"', "it's"),
        ('"accepted" # a comment', "accepted"),
        ("'accepted'   # a comment", "accepted"),
    ],
)
def test_scalars(value: str, read_as: str) -> None:
    assert read(f"---\nstatus: {value}\n---\n") == FrontMatter({"status": (read_as, 2)}, 4)


def test_comments_blank_lines_and_nested_or_list_values_are_skipped() -> None:
    text = (
        "---\n"
        "# MADR 4 front matter\n"
        "\n"
        "decision-makers:\n"
        "  - Ana Lima\n"
        "  - Jonas Berg\n"
        "consulted:\n"
        "- SEO agency\n"
        "links:\n"
        "  issue: 42\n"
        "status: accepted\n"
        "empty:\n"
        "---\n"
    )

    assert read(text) == FrontMatter({"status": ("accepted", 11)}, 14)


def test_a_flow_list_is_a_list_value_and_is_skipped() -> None:
    text = "---\ndecision-makers: [Ana Lima, Jonas Berg]\nstatus: accepted\n---\n"

    assert read(text) == FrontMatter({"status": ("accepted", 3)}, 5)


def test_a_comment_after_a_tab_is_a_comment() -> None:
    assert read("---\ndate: 2024-01-22\t# when we met\n---\n") == FrontMatter(
        {"date": ("2024-01-22", 2)}, 4
    )


def test_unicode_escapes_in_double_quotes() -> None:
    assert read('---\ntitle: "Caf\\u00e9 \\x41"\n---\n') == FrontMatter({"title": ("Café A", 2)}, 4)


def test_front_matter_never_closed() -> None:
    assert broken("---\nstatus: accepted\n\n# Use X\n") == (
        1,
        "the front matter opened on line 1 is never closed with '---'",
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('status: "accepted', 'front matter line 3: the " quote is not closed'),
        ("status: 'accepted", "front matter line 3: the ' quote is not closed"),
        ("status: 'it''s", "front matter line 3: the ' quote is not closed"),
        ('status: "ends in \\"', 'front matter line 3: the " quote is not closed'),
        ('status: "accepted" since May', "front matter line 3: text after the closing quote"),
        ("status: 'accepted'x", "front matter line 3: text after the closing quote"),
        ("status accepted", "front matter line 3 is not 'key: value'"),
        ("status:accepted", "front matter line 3 is not 'key: value'"),
        ("<!-- status: accepted -->", "front matter line 3 is not 'key: value'"),
    ],
)
def test_broken_lines(line: str, reason: str) -> None:
    assert broken(f"---\ndate: 2024-01-22\n{line}\n---\n") == (3, reason)
