"""SARIF `reportingDescriptor`s: one per configured rule and per built-in kind that occurs."""

from __future__ import annotations

from typing import Any

from fitness import __url__
from fitness.model import Report, Severity
from fitness.reporters.base import RenderOptions
from fitness.reporters.catalogue import Described, adr_target, markdown_text

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
# Code scanning keeps 10 tags per rule (20 are accepted); ours stay under it.
MAX_TAGS = 10


def descriptor(rule: Described, report: Report, options: RenderOptions) -> dict[str, Any]:
    """The rule's id, friendly name, descriptions, help naming its ADR, level and tags."""
    target = adr_target(rule.adr, report, options) if rule.adr is not None else None
    return {
        "id": rule.id,
        "name": _friendly_name(rule.id),
        "shortDescription": {"text": sentence(rule.summary)},
        "fullDescription": {"text": sentence(rule.description)},
        "help": {
            "text": _help_text(rule, report, options),
            "markdown": _help_markdown(rule, report, options),
        },
        "helpUri": target if target and "://" in target else f"{__url__}#{_anchor(rule)}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": _tags(rule), "precision": "very-high"},
    }


def sentence(text: str) -> str:
    """`text` ending with a period, as SARIF wants every message to."""
    text = text.rstrip()
    return text if text.endswith(".") else f"{text}."


def _help_text(rule: Described, report: Report, options: RenderOptions) -> str:
    lines = [sentence(rule.description)]
    for link in rule.adrs:
        target = adr_target(link, report, options)
        where = f" ({target})" if target else ""
        lines.append(f"Decision: {sentence(link.label + where)}")
    if rule.guidance:
        lines.append(sentence(rule.guidance))
    return "\n\n".join(lines)


def _help_markdown(rule: Described, report: Report, options: RenderOptions) -> str:
    lines = [markdown_text(sentence(rule.description))]
    for link in rule.adrs:
        target = adr_target(link, report, options)
        label = markdown_text(link.label)
        lines.append(f"**Decision:** [{label}]({target})" if target else f"**Decision:** {label}")
    if rule.guidance:
        lines.append(markdown_text(sentence(rule.guidance)))
    return "\n\n".join(lines)


def _friendly_name(rule_id: str) -> str:
    """`domain-is-pure` -> `DomainIsPure`: SARIF's friendly names are Pascal-case identifiers."""
    words = "".join(char if char.isalnum() else " " for char in rule_id).split()
    name = "".join(word[:1].upper() + word[1:] for word in words)
    # SARIF wants the name to differ from the id; the Multitool compares them ignoring case.
    return name if name.lower() != rule_id.lower() else f"{name}Rule"


def _tags(rule: Described) -> list[str]:
    tags = ["architecture", "maintainability", rule.kind]
    if rule.adr is not None:
        tags.append("adr")
    return tags[:MAX_TAGS]


def _anchor(rule: Described) -> str:
    return "files-fitness-cannot-read" if rule.kind == "built-in" else "configuration"
