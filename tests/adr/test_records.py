"""One record's text: title, status (and the line that gave it), successor and date."""

from __future__ import annotations

import pytest

from fitness.adr.records import NO_STATUS, Read, Unreadable, read_record
from fitness.model import AdrStatus

ACCEPTED = AdrStatus.ACCEPTED


def test_nygard_record() -> None:
    text = "# 4. Share the orders database\n\nDate: 2022-03-09\n\n## Status\n\nRejected\n\n## Context\n\nAccepted by nobody.\n"

    assert read_record(text) == Read(
        "Share the orders database", AdrStatus.REJECTED, "Rejected", 7, None, "2022-03-09"
    )


def test_the_last_status_line_of_the_section_wins() -> None:
    text = (
        "# 3. Call the gateway\n\nDate: 2022-03-01\n\n## Status\n\nProposed\n\nAccepted\n\n"
        "Superceded by [5. Use an outbox](0005-use-an-outbox.md)\n\n## Context\n\nAccepted\n"
    )

    assert read_record(text) == Read(
        "Call the gateway",
        AdrStatus.SUPERSEDED,
        "Superceded by [5. Use an outbox](0005-use-an-outbox.md)",
        11,
        "0005-use-an-outbox.md",
        "2022-03-01",
    )


def test_lines_linking_records_do_not_change_the_status() -> None:
    text = (
        "# 5. Use an outbox\n\n## Status\n\nAccepted\n\n"
        "Supercedes [3. Call the gateway](0003-call-the-gateway.md)\n\n"
        "Amended by [9. Retry](0009-retry.md)\n\nAmends [2. Money](0002-money.md)\n"
    )

    assert read_record(text) == Read("Use an outbox", ACCEPTED, "Accepted", 5, None, None)


def test_the_status_section_at_any_level_but_the_titles_with_or_without_a_colon() -> None:
    assert read_record("# X\n\n### Status:\n\nRejected\n") == Read(
        "X", AdrStatus.REJECTED, "Rejected", 5, None, None
    )
    # A level-1 "Status" is a title, not a section.
    assert read_record("# Status\n\nAccepted\n") == Read(
        "Status", AdrStatus.UNKNOWN, "", None, None, None
    )


def test_an_empty_status_section_ends_at_the_next_heading() -> None:
    assert read_record("# X\n\n## Status\n\n## Context\n\nAccepted\n") == Read(
        "X", AdrStatus.UNKNOWN, "", None, None, None
    )


def test_an_unknown_word_in_the_section_is_kept_as_written() -> None:
    assert read_record("# X\n\n## Status\n\nPending review\n") == Read(
        "X", AdrStatus.UNKNOWN, "Pending review", 5, None, None
    )


@pytest.mark.parametrize(
    "line",
    [
        "* Status: accepted",
        "- Status: accepted",
        "+ Status: accepted",
        "Status: accepted",
        "status:accepted",
        "**Status:** accepted",
        "**Status**: accepted",
        "* **Status:** accepted",
        "__Status:__ accepted",
        "* Status: accepted <!-- optional -->",
    ],
)
def test_status_lines(line: str) -> None:
    text = f"# Use X\n\n{line}\n* Date: 2021-03-02\n"

    assert read_record(text) == Read("Use X", ACCEPTED, "accepted", 3, None, "2021-03-02")


def test_madr2_superseded_by_a_link() -> None:
    text = "# Use cron\n\n* Status: superseded by [ADR-0005](0005-use-dagster.md)\n* Date: 2021-03-02\n"

    assert read_record(text) == Read(
        "Use cron",
        AdrStatus.SUPERSEDED,
        "superseded by [ADR-0005](0005-use-dagster.md)",
        3,
        "0005-use-dagster.md",
        "2021-03-02",
    )


def test_dates_in_all_their_spellings() -> None:
    for line in ("Date: 2022-02-07", "* Date: 2022-02-07 <!-- when -->", "**Date:** 2022-02-07"):
        assert read_record(f"# X\n\n{line}\n\nStatus: accepted\n").date == "2022-02-07"
    assert read_record("# X\n\nStatus: accepted\n").date is None
    assert read_record("# X\n\n* Date: <!-- YYYY-MM-DD -->\n").date is None


def test_front_matter_status_and_date_come_first() -> None:
    text = (
        "---\nstatus: superseded by ADR-0007\ndate: 2024-03-11\n---\n\n"
        "# Poll for updates\n\n## Status\n\nAccepted\n\n* Date: 2023-01-01\n"
    )

    assert read_record(text) == Read(
        "Poll for updates",
        AdrStatus.SUPERSEDED,
        "superseded by ADR-0007",
        2,
        "ADR-0007",
        "2024-03-11",
    )


def test_front_matter_without_status_then_the_body_decides() -> None:
    text = "---\ndate: 2024-01-02\n---\n# T\n\n* Status: rejected\n"

    assert read_record(text) == Read("T", AdrStatus.REJECTED, "rejected", 6, None, "2024-01-02")


def test_an_unknown_front_matter_status_is_kept_as_written() -> None:
    assert read_record("---\nstatus: Pending\n---\n# T\n") == Read(
        "T", AdrStatus.UNKNOWN, "Pending", 2, None, None
    )


def test_the_title_from_front_matter_when_there_is_no_heading() -> None:
    text = "---\nstatus: accepted\ntitle: From the matter\n---\n\nNo heading.\n"

    assert read_record(text) == Read("From the matter", ACCEPTED, "accepted", 2, None, None)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("# 12. Split refunds", "Split refunds"),
        ("# 1.\tTabbed", "Tabbed"),
        ("# Split refunds", "Split refunds"),
        ("#   Spaced out  ##", "Spaced out"),
        ("# 1.5 Percent fees", "1.5 Percent fees"),
        ("# 2024 plan", "2024 plan"),
    ],
)
def test_titles(heading: str, title: str) -> None:
    assert read_record(f"{heading}\n\nStatus: accepted\n").title == title


def test_the_title_is_the_first_level_one_heading() -> None:
    assert read_record("## Status\n\nAccepted\n\n# The title\n").title == "The title"
    assert read_record("Status: accepted\n").title == ""


def test_no_status() -> None:
    assert read_record("# Name tables\n\n* Deciders: Lena\n* Date: 2022-01-17\n") == Read(
        "Name tables", AdrStatus.UNKNOWN, "", None, None, "2022-01-17"
    )
    assert NO_STATUS == (
        "no status: add a '## Status' section, a '* Status: accepted' line or 'status:' front matter"
    )


def test_broken_front_matter_is_unreadable() -> None:
    with pytest.raises(Unreadable) as caught:
        read_record('---\nstatus: "accepted\n---\n# T\n')

    assert (caught.value.line, caught.value.reason) == (
        2,
        'front matter line 2: the " quote is not closed',
    )
