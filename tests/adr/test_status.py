"""Status words as every format writes them, normalised; lines that only link records."""

from __future__ import annotations

import pytest

from fitness.adr.status import Stated, in_project_words, stated
from fitness.model import AdrStatus


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Accepted", AdrStatus.ACCEPTED),
        ("accepted", AdrStatus.ACCEPTED),
        ("ACCEPTED", AdrStatus.ACCEPTED),
        ("Proposed", AdrStatus.PROPOSED),
        ("Rejected", AdrStatus.REJECTED),
        ("deprecated", AdrStatus.DEPRECATED),
        ("Superseded", AdrStatus.SUPERSEDED),
        ("Accepted on 2020-01-02", AdrStatus.ACCEPTED),
        ("[Accepted]", AdrStatus.ACCEPTED),
    ],
)
def test_status_words_case_insensitively(line: str, status: AdrStatus) -> None:
    assert stated(line) == Stated(status, line, None)


def test_draft_is_proposed() -> None:
    assert stated("Draft") == Stated(AdrStatus.PROPOSED, "Draft", None)
    assert stated("draft") == Stated(AdrStatus.PROPOSED, "draft", None)


def test_emphasis_and_html_comments_are_stripped() -> None:
    assert stated("*Accepted*") == Stated(AdrStatus.ACCEPTED, "Accepted", None)
    assert stated("__Rejected__") == Stated(AdrStatus.REJECTED, "Rejected", None)
    assert stated("accepted <!-- optional -->") == Stated(AdrStatus.ACCEPTED, "accepted", None)
    assert stated("<!-- optional --> proposed") == Stated(AdrStatus.PROPOSED, "proposed", None)


@pytest.mark.parametrize(
    ("line", "successor"),
    [
        # adr-tools' spelling, with the link it writes
        (
            "Superceded by [5. Capture card payments through an outbox](0005-capture-card-payments-through-an-outbox.md)",
            "0005-capture-card-payments-through-an-outbox.md",
        ),
        (
            "superseded by [ADR-0005](0005-orchestrate-jobs-with-dagster.md)",
            "0005-orchestrate-jobs-with-dagster.md",
        ),
        ("superseded by [ADR-0005](0005-x.md#decision-outcome)", "0005-x.md"),
        ('superseded by [ADR-0005](0005-x.md "the new one")', "0005-x.md"),
        ("superseded by ADR-0007", "ADR-0007"),
        ("Superseded by ADR-0007.", "ADR-0007"),
        ("superseded by: ADR-7", "ADR-7"),
        ("superseded by `ADR-0007`", "ADR-0007"),
        (
            "SUPERSEDED BY 20230412-read-settings-from-pyproject-toml",
            "20230412-read-settings-from-pyproject-toml",
        ),
    ],
)
def test_superseded_names_its_successor(line: str, successor: str) -> None:
    assert stated(line) == Stated(AdrStatus.SUPERSEDED, line, successor)


def test_superseded_by_nothing_names_no_successor() -> None:
    assert stated("Superseded") == Stated(AdrStatus.SUPERSEDED, "Superseded", None)
    assert stated("superseded by") == Stated(AdrStatus.SUPERSEDED, "superseded by", None)


def test_only_a_superseded_status_names_a_successor() -> None:
    assert stated("Deprecated by ADR-0009") == Stated(
        AdrStatus.DEPRECATED, "Deprecated by ADR-0009", None
    )


@pytest.mark.parametrize(
    "line",
    [
        "Supercedes [3. Call the card gateway synchronously](0003-call-the-card-gateway-synchronously.md)",
        "Supersedes ADR-0003",
        "Amends [2. Store money](0002-store-money.md)",
        "Amended by [9. Retry](0009-retry.md)",
        "Clarifies [4. Share](0004-share.md)",
        "Clarified by [6. Keep](0006-keep.md)",
        "Extends ADR-0002",
    ],
)
def test_lines_that_link_records_state_no_status(line: str) -> None:
    assert stated(line) is None


@pytest.mark.parametrize("line", ["", "   ", "---", "<!-- optional -->", "2024-01-02"])
def test_lines_that_state_nothing(line: str) -> None:
    assert stated(line) is None


def test_an_unknown_word_is_unknown_and_kept_as_written() -> None:
    assert stated("Pending") == Stated(AdrStatus.UNKNOWN, "Pending", None)
    assert stated("  In review <!-- ask Ana --> ") == Stated(AdrStatus.UNKNOWN, "In review", None)


WORDS = {
    "approved": AdrStatus.ACCEPTED,
    "approved with changes": AdrStatus.PROPOSED,
    "replaced": AdrStatus.SUPERSEDED,
}


def test_a_projects_word_states_its_mapped_status() -> None:
    assert in_project_words("**Approved**", WORDS) == Stated(AdrStatus.ACCEPTED, "Approved", None)


def test_the_longest_word_that_starts_the_text_wins() -> None:
    said = in_project_words("Approved with changes (2024-01-02)", WORDS)

    assert said == Stated(AdrStatus.PROPOSED, "Approved with changes (2024-01-02)", None)


def test_a_word_is_matched_whole_and_a_superseding_word_names_its_successor() -> None:
    assert in_project_words("Approvedish", WORDS) is None
    assert in_project_words("Replaced by [5. Y](0005-y.md)", WORDS) == Stated(
        AdrStatus.SUPERSEDED, "Replaced by [5. Y](0005-y.md)", "0005-y.md"
    )
