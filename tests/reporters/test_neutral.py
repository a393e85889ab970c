"""`neutral`: repository text made inert, character by character and line by line."""

from __future__ import annotations

import pytest

from fitness.reporters import neutral
from reporters.hand_built import finding, report


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("plain text: a.b -> c (l.3)", "plain text: a.b -> c (l.3)"),
        ("tab\tstays", "tab\tstays"),
        ("a\nb\rc\x00d", "a\\x0ab\\x0dc\\x00d"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        (
            "\x1b]8;;https://e.example\x1b\\x\x1b]8;;\x07",
            "\\x1b]8;;https://e.example\\x1b\\x\\x1b]8;;\\x07",
        ),
        ("del\x7f c1\x85\x9b", "del\\x7f c1\\x85\\x9b"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"),
        ("##[error]x ###[y", "#\\x23[error]x ##\\x23[y"),
        ("::error::x", "::error::x"),  # mid-line in every output; `lines` guards line starts
        ("café ✓ \u00a0", "café ✓ \u00a0"),
    ],
)
def test_text(given: str, shown: str) -> None:
    assert neutral.text(given) == shown


def test_lines_guard_line_starts_and_log_commands() -> None:
    output = "ok\n::error::x\n  \t::warning::y\nmid ::z\nplain ##[group]g\n"

    assert neutral.lines(output) == (
        "ok\n\\x3a:error::x\n  \t\\x3a:warning::y\nmid ::z\nplain #\\x23[group]g\n"
    )


def test_message_escapes_within_its_lines_and_guards_each() -> None:
    assert (
        neutral.message("a\x1b[2J\n::stop-commands::t\r")
        == "a\\x1b[2J\n\\x3a:stop-commands::t\\x0d"
    )


def test_report_keeps_fingerprints_and_neutralises_what_is_shown() -> None:
    hostile = finding("m\n::error::x", path="src/a/\x1b.py", name="a.\x1b")
    given = report(hostile)

    shown = neutral.report(given)

    [one] = shown.findings
    assert one.fingerprint == hostile.fingerprint
    assert (one.message, one.location.path) == ("m\\x0a::error::x", "src/a/\\x1b.py")
    assert one.chains == hostile.chains  # a hop's names are made inert where it is printed
    assert neutral.hop_names(one.chain[0]) == "a.\\x1b -> b.y"
    assert shown.rules == given.rules  # nothing to escape: the same values
