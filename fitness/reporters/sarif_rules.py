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
SECURITY = "security"
# Code scanning ranks a rule tagged `security` by this score: 7.0-8.9 is high,
# 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.0", Severity.NOTE: "2.0"}


def descriptor(rule: Described, report: Report, options: RenderOptions) -> dict[str, Any]:
    """The rule's id, friendly name, descriptions, help naming its ADR, level and tags.

    `helpUri` is the (first) ADR file's URL when there is one, else fitness's own page
    (`fitness.__url__`, the tool's `informationUri`). A rule tagged `security`
    carries a `security-severity` from its severity, so code scanning lists its
    alerts as security alerts.
    """
    target = adr_target(rule.adr, report, options) if rule.adr is not None else None
    properties: dict[str, Any] = {"tags": _tags(rule), "precision": "very-high"}
    if SECURITY in rule.tags:
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return {
        "id": rule.id,
        "name": _friendly_name(rule.id),
        "shortDescription": {"text": sentence(rule.summary)},
        "fullDescription": {"text": sentence(rule.description)},
        "help": {
            "text": _help_text(rule, report, options),
            "markdown": _help_markdown(rule, report, options),
        },
        "helpUri": target if target and "://" in target else __url__,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
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
    """The configured tags; `architecture` and `maintainability` unless it is about security;
    the rule kind; `adr` when it cites one."""
    tags = list(rule.tags)
    if SECURITY not in tags:
        tags += ["architecture", "maintainability"]
    tags.append(rule.kind)
    if rule.adr is not None:
        tags.append("adr")
    return list(dict.fromkeys(tags))[:MAX_TAGS]
