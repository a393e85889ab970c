"""The `github` output read back by a parser of GitHub's workflow-command syntax.

Written from GitHub's documentation ("Workflow commands for GitHub Actions"), not from
our escaper: `::name key=value,key=value::data`, where data encodes `%`, CR and LF as
`%25`, `%0D`, `%0A`, and property values also encode `:` and `,` as `%3A`, `%2C`.
"""

from __future__ import annotations

import re

import pytest

from fitness.reporters import RenderOptions
from fitness.reporters.github import render_github
from reporters.hand_built import finding, report

_DATA = {"%25": "%", "%0D": "\r", "%0A": "\n"}
_PROPERTY = {**_DATA, "%3A": ":", "%2C": ","}


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """(command, properties, message) of one workflow-command line."""
    assert line.startswith("::"), line
    head, separator, data = line[2:].partition("::")
    assert separator, line
    name, _, fields = head.partition(" ")
    properties = {}
    for field in fields.split(",") if fields else []:
        key, equals, value = field.partition("=")
        assert equals, field
        properties[key] = _decode(value, _PROPERTY)
    return name, properties, _decode(data, _DATA)


def _decode(text: str, table: dict[str, str]) -> str:
    # One pass, so `%253A` reads back as the literal `%3A`.
    return re.sub("|".join(table), lambda match: table[match.group()], text)


@pytest.mark.parametrize(
    "text",
    ["100% sure", "a: b, c", "line\nbreak", "carriage\r\nreturn", "%3A%2C%25 literally", "::x::y"],
)
def test_message_and_file_round_trip(text: str) -> None:
    """What GitHub decodes is what the repository wrote, its line breaks shown as `\\x0a`."""
    path = f"src/{text}.py"
    one = finding(text, path=path)
    shown = text.replace("\r", "\\x0d").replace("\n", "\\x0a")

    line = render_github(report(one, root_in_repo=""), RenderOptions()).splitlines()[0]

    name, properties, message = parse(line)
    assert name == "error"
    assert properties["file"] == f"src/{shown}.py"
    assert properties["title"] == "pure (ADR-0004: Keep the domain pure)"
    assert (properties["line"], properties["col"]) == ("3", "1")
    assert (properties["endLine"], properties["endColumn"]) == ("3", "20")
    assert message.split("\n")[0] == shown
    assert message.endswith("a.x -> b.y (l.3)\nb.y -> c (l.7)\nLet services wire c.")
    assert "\n" not in line and "\r" not in line
