"""References to decisions: what each form resolves to, and what a comment mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.adr.directory import Decisions, read_decisions
from fitness.adr.references import Mention, is_record_path, mentions, resolve

SAMPLES = Path(__file__).parent / "samples"
ADR_TOOLS = read_decisions(SAMPLES / "adr_tools", None)  # doc/architecture
LOG4BRAINS = read_decisions(SAMPLES / "log4brains", None)  # docs/adr
FOUR = "doc/architecture/0004-share-the-orders-database.md"


def key(written: str, decisions: Decisions = ADR_TOOLS, base: str = "") -> str | None:
    found = resolve(written, decisions, base)
    return found.key if found is not None else None


@pytest.mark.parametrize(
    "written",
    ["ADR-0004", "ADR-4", "ADR 4", "adr-4", "adr_4", "ADR4", "Adr-004", "4", "0004", "  ADR-0004 "],
)
def test_by_number(written: str) -> None:
    assert key(written) == "ADR-0004"


@pytest.mark.parametrize(
    ("written", "base"),
    [
        (FOUR, ""),
        (f"/{FOUR}", "src/app"),  # from the project root
        (FOUR, "src/app"),  # not there relative to src/app, so from the root
        ("0004-share-the-orders-database.md", "doc/architecture"),
        ("./0004-share-the-orders-database.md", "doc/architecture"),
        ("../architecture/0004-share-the-orders-database.md", "doc/other"),
        (f"../../{FOUR}", "src/app"),
        (f"{FOUR}#status", ""),
        (f"[4. Share the orders database]({FOUR})", ""),
        ('[ADR-0004](0004-share-the-orders-database.md "Share")', "doc/architecture"),
        (f"https://example.com/{FOUR}", ""),
        (f"https://example.com/{FOUR}#consequences", ""),
        (f"https://github.com/acme/payments/blob/main/{FOUR}", ""),
        ("0004-share-the-orders-database", ""),  # the file name without .md
    ],
)
def test_by_path_link_or_file_name(written: str, base: str) -> None:
    assert key(written, base=base) == "ADR-0004"


@pytest.mark.parametrize(
    ("written", "base"),
    [
        ("ADR-0042", ""),
        ("42", ""),
        ("0004-share-the-orders-database.md", ""),  # relative to the root: no such file
        (f"../{FOUR}", ""),  # outside the project
        ("doc/architecture/0042-nothing.md", ""),
        ("doc/architecture/README.md", ""),
        ("share-the-orders-database", ""),
        ("use the orders database", ""),
        ("ADR-", ""),
        ("ADR-0004: Share the orders database", ""),
        ("", ""),
    ],
)
def test_what_resolves_to_nothing(written: str, base: str) -> None:
    assert key(written, base=base) is None


def test_log4brains_slugs() -> None:
    slug = "20230412-read-settings-from-pyproject-toml"

    assert key(slug, LOG4BRAINS) == slug
    assert key(f"docs/adr/{slug}.md", LOG4BRAINS) == slug
    assert key(f"[Read settings]({slug}.md)", LOG4BRAINS, "docs/adr") == slug
    assert key("20230412", LOG4BRAINS) is None  # a date is not a number
    assert key("read-settings-from-pyproject-toml", LOG4BRAINS) is None


def test_no_adr_directory_resolves_nothing(tmp_path: Path) -> None:
    nothing = read_decisions(tmp_path, None)

    assert (key("ADR-0004", nothing), key(FOUR, nothing), key("x", nothing)) == (None, None, None)


def found(text: str) -> list[Mention]:
    return list(mentions(text))


def test_numbered_mentions_with_their_offsets() -> None:
    assert found("# see ADR-0004") == [Mention("ADR-0004", 6)]
    assert found("# ADR 4 and adr-12, ADR4.") == [
        Mention("ADR 4", 2),
        Mention("adr-12", 12),
        Mention("ADR4", 20),
    ]
    assert found("# (ADR-0004), ADR_5") == [Mention("ADR-0004", 3), Mention("ADR_5", 14)]
    assert found("# fitness: ignore[no-orm] ADR-0004") == [Mention("ADR-0004", 26)]


def test_path_mentions() -> None:
    assert found("# see doc/architecture/0004-share.md.") == [
        Mention("doc/architecture/0004-share.md", 6)
    ]
    assert found("# ../../docs/adr/0004-x.md") == [Mention("../../docs/adr/0004-x.md", 2)]
    assert found("# see README.md") == [Mention("README.md", 6)]


def test_a_url_is_mentioned_whole() -> None:
    assert found("# https://example.com/docs/adr/0004-x.md") == [
        Mention("https://example.com/docs/adr/0004-x.md", 2)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "# adr-tools writes these",
        "# address the quadratic case",
        "# quadratic-4 probing",
        "# radr-4",
        "# ADR-0004-ish",
        "# ADR-0004a",
        "# ADRs 4 and 5",
        "# see the ADR",
        "# ADR-",
        "# foo/ADR-4",
        "# x.md5",
    ],
)
def test_what_is_not_a_mention(text: str) -> None:
    assert found(text) == []


def test_is_record_path() -> None:
    assert is_record_path(FOUR, ADR_TOOLS, "src/app") is True
    assert is_record_path("0042-not-yet.md", ADR_TOOLS, "doc/architecture") is True
    assert is_record_path("../../doc/architecture/0042-x.md", ADR_TOOLS, "src/app") is True
    assert is_record_path("README.md", ADR_TOOLS, "src/app") is False
    assert is_record_path("docs/guide.md", ADR_TOOLS, "") is False
    assert is_record_path(FOUR, read_decisions(SAMPLES / "missing", None), "") is False


def test_the_readme_and_templates_of_the_adr_directory_are_not_record_paths() -> None:
    assert is_record_path("doc/architecture/README.md", ADR_TOOLS, "") is False
    assert is_record_path("README.md", ADR_TOOLS, "doc/architecture") is False
    assert is_record_path("template.md", ADR_TOOLS, "doc/architecture") is False
