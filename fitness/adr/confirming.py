"""Whether each accepted decision is confirmed: the rules that confirm it exist, run and are kept.

A decision's confirming rules are those whose `adr` cites it and those its
Confirmation section names (`fitness.adr.confirmation`). For `fitness check`,
`confirmation_findings` checks that each rule an accepted record names exists
(`fitness:ID`; a word in backticks names a rule only when a rule has that id) and
runs. For `fitness adr`, `confirmation_of` says where a decision stands: `broken`
when a confirming rule is missing, does not run or has findings that count,
`confirmed` when each is kept (baselined findings are known debt, shown as
such on the rule), `unconfirmed` when no rule confirms it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from fitness.adr.directory import Decisions
from fitness.config.schema import Config
from fitness.model import (
    BUILT_IN_KINDS,
    Adr,
    AdrStatus,
    ConfirmingRule,
    Finding,
    Location,
    Report,
    RuleMention,
)

UNKNOWN = "adr-confirmation-unknown"
DISABLED = "adr-confirmation-disabled"
_SEVERITIES = {kind.id: kind.severity for kind in BUILT_IN_KINDS if kind.id in (UNKNOWN, DISABLED)}
_EXPLICIT = "fitness:"


class RuleIds(NamedTuple):
    """The configuration's rule ids: those that run, and why each of the others does not."""

    active: frozenset[str]
    off: Mapping[str, str]  # id -> why it does not run, as a message says it

    @classmethod
    def of(cls, config: Config) -> RuleIds:
        """The ids of `config` before `--select` / `--ignore` narrow it."""
        off: dict[str, str] = {
            rule.id: f"switched off (enabled = false, {rule.where})" for rule in config.disabled
        }
        for rule in config.dormant:
            off[rule.id] = (
                f'dormant (python = "{rule.python}" is not met by every Python '
                "the project supports)"
            )
        return cls(frozenset(rule.id for rule in config.rules), off)

    def names(self, mention: RuleMention) -> bool:
        """Whether `mention` names a rule: always for `fitness:ID`, else when one has that id."""
        return mention.explicit or mention.rule in self.active or mention.rule in self.off


def confirmation_findings(decisions: Decisions, config: Config) -> list[Finding]:
    """A finding for each rule an accepted record's Confirmation names that is not there
    (`adr-confirmation-unknown`) or does not run (`adr-confirmation-disabled`)."""
    ids = RuleIds.of(config)
    findings: list[Finding] = []
    for adr in decisions.records:
        if adr.status is not AdrStatus.ACCEPTED:
            continue
        for mention in adr.named:
            if mention.rule in ids.off:
                findings.append(_disabled(adr, mention, ids.off[mention.rule]))
            elif mention.explicit and mention.rule not in ids.active:
                findings.append(_unknown(adr, mention, ids))
    return findings


def confirmation_of(
    adr: Adr, citing: Sequence[str], report: Report, ids: RuleIds
) -> tuple[str | None, tuple[ConfirmingRule, ...]]:
    """Where `adr` stands (None unless accepted) and its confirming rules: `citing` (the
    rules whose `adr` cites it, in configuration order), then those only its record names."""
    named = {mention.rule: mention.line for mention in adr.named if ids.names(mention)}
    order = [*citing, *(rule for rule in named if rule not in citing)]
    rules = tuple(
        ConfirmingRule(rule, *_standing(rule, report, ids), rule in citing, named.get(rule))
        for rule in order
    )
    if adr.status is not AdrStatus.ACCEPTED:
        return None, rules
    if not rules:
        return "unconfirmed", rules
    if any(rule.status in ("broken", "missing", "disabled") for rule in rules):
        return "broken", rules
    return "confirmed", rules


def _standing(rule: str, report: Report, ids: RuleIds) -> tuple[str, int | None]:
    if rule in ids.active:
        return report.status_of(rule), len(report.findings_for(rule))
    return ("disabled" if rule in ids.off else "missing"), None


def _unknown(adr: Adr, mention: RuleMention, ids: RuleIds) -> Finding:
    from fitness.suggest import did_you_mean

    hint = did_you_mean(mention.rule, (*ids.active, *ids.off))
    return _finding(
        UNKNOWN,
        adr,
        mention,
        f"{_named(adr)} is confirmed by {_EXPLICIT}{mention.rule}, "
        f"which is no configured rule{hint}",
    )


def _disabled(adr: Adr, mention: RuleMention, why: str) -> Finding:
    return _finding(
        DISABLED,
        adr,
        mention,
        f"{_named(adr)} is confirmed by rule {mention.rule}, which is {why}: "
        "nothing checks the decision",
    )


def _finding(kind: str, adr: Adr, mention: RuleMention, message: str) -> Finding:
    width = len(mention.rule) + (len(_EXPLICIT) if mention.explicit else 0)
    location = Location(
        adr.path, mention.line, mention.column, mention.line, mention.column + width
    )
    return Finding(
        rule_id=kind,
        severity=_SEVERITIES[kind],
        template="{message}",
        args=(("message", message),),
        location=location,
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(kind, adr.key, mention.rule),
    )


def _named(adr: Adr) -> str:
    return f'{adr.key} "{adr.title}"' if adr.title else adr.key
