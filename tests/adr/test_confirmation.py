"""The rules a record's Confirmation (MADR 4) or Validation (MADR 3) section names."""

from __future__ import annotations

import textwrap

from fitness.adr.confirmation import named_rules
from fitness.adr.records import read_record
from fitness.model import RuleMention


def named(text: str) -> tuple[RuleMention, ...]:
    return named_rules(textwrap.dedent(text).lstrip("\n").splitlines())


def test_madr_4_confirmation_under_the_decision_outcome() -> None:
    assert named(
        """
        # Keep the domain pure
        ## Decision Outcome
        Chosen option: fitness:not-yet, said before the section.
        ### Consequences
        * Good.
        ### Confirmation
        The rule fitness:domain-is-pure, and `layered` too.
        ## Pros and Cons of the Options
        fitness:after-the-section
        """
    ) == (
        RuleMention("domain-is-pure", 7, 10, True),
        RuleMention("layered", 7, 39, False),
    )


def test_madr_3_validation_runs_to_the_next_heading_of_its_level() -> None:
    assert named(
        """
        # Layers
        ## Validation
        `layered` checks it.
        ### Details
        fitness:still-inside
        ## Links
        `outside`
        """
    ) == (
        RuleMention("layered", 3, 2, False),
        RuleMention("still-inside", 5, 1, True),
    )


def test_each_rule_once_at_its_first_explicit_mention() -> None:
    assert named(
        """
        ### Confirmation:
        `layered` and `layered`;
        fitness:layered in CI.
        """
    ) == (RuleMention("layered", 3, 1, True),)


def test_comments_code_blocks_and_other_words_are_not_read() -> None:
    assert named(
        """
        ## Confirmation
        <!-- fitness:a-hint
        over two lines fitness:still-a-hint -->after the hint fitness:kept
        ```
        fitness:in-code
        ```
        `make lint` and `pytest -q`, docs/fitness:not-a-word, `fitness.toml`
        """
    ) == (RuleMention("kept", 3, 55, True),)


def test_a_title_named_confirmation_is_not_the_section() -> None:
    assert named("# Confirmation\nfitness:title-level\n") == ()


def test_the_record_reader_keeps_them_past_the_front_matter() -> None:
    record = read_record(
        "---\nstatus: accepted\n---\n# Pure domain\n### Confirmation\nfitness:domain-is-pure\n"
    )

    assert record.named == (RuleMention("domain-is-pure", 6, 1, True),)
