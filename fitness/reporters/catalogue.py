"""The rules a report names, configured and built-in, as the CI formats describe them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from fitness.model import AdrLink, Hop, Report, Severity
from fitness.model.report import Skip
from fitness.reporters import neutral
from fitness.reporters.base import RenderOptions


class Described(NamedTuple):
    """A configured rule or a built-in finding kind: what SARIF, JUnit and Markdown show of it.

    `kind` is the rule kind (`layers`, ...) or `built-in`; `summary` is one line,
    `description` the whole of it; `seconds` how long its check took; `tags`
    what the configuration says it is about (`security`).
    """

    id: str
    kind: str
    severity: Severity
    summary: str
    description: str
    guidance: str | None
    adr: AdrLink | None
    seconds: float
    tags: tuple[str, ...] = ()
    more_adrs: tuple[AdrLink, ...] = ()  # the decisions it cites after `adr`

    @property
    def adrs(self) -> tuple[AdrLink, ...]:
        return (self.adr, *self.more_adrs) if self.adr is not None else ()


def described_rules(report: Report) -> list[Described]:
    """The configured rules in configuration order, then the other ids findings have, sorted.

    Those are built-in kinds (described from `report.kinds`), or an id no
    registry knows, described by its id alone.
    """
    rows = [
        Described(
            rule.id,
            rule.kind,
            rule.severity,
            rule.description,
            rule.description,
            rule.guidance,
            rule.adr,
            rule.seconds,
            rule.tags,
            rule.more_adrs,
        )
        for rule in report.rules
    ]
    configured = {rule.id for rule in report.rules}
    occurring = {f.rule_id for f in (*report.findings, *report.baselined, *report.existing)}
    occurring.update(s.finding.rule_id for s in report.suppressed)
    for rule_id in sorted(occurring - configured):
        kind = report.kind(rule_id)
        if kind is None:
            severity = next(f.severity for f in report.findings if f.rule_id == rule_id)
            rows.append(Described(rule_id, "built-in", severity, rule_id, rule_id, None, None, 0))
        else:
            rows.append(
                Described(
                    kind.id,
                    "built-in",
                    kind.severity,
                    kind.summary,
                    kind.description,
                    kind.help,
                    None,
                    0.0,
                )
            )
    return rows


def adr_target(link: AdrLink, report: Report, options: RenderOptions) -> str | None:
    """Where a resolved ADR's file is: a URL with `options.source_url`, else repository-relative."""
    if link.adr is None:
        return None
    path = report.repo_path(link.adr.path)
    return f"{options.source_url.rstrip('/')}/{path}" if options.source_url else path


def hop_text(hop: Hop) -> str:
    """`a.x -> b.y (l.3, local)`: the lines of every site, and how each is written."""
    sites = [" ".join([f"l.{site.location.line}", *site.kinds]) for site in hop.sites]
    return f"{neutral.hop_names(hop)} ({', '.join(sites)})"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def outside_text(count: int) -> str:
    """What a run given PATHs says of the findings it leaves out (`Report.outside`)."""
    return f"{plural(count, 'more finding')} in other files; run without PATH to see them"


def unanalysed_text(files: Sequence[Skip], shown: Callable[[str], str] = str) -> str:
    """The files that could not be analysed (`Report.unanalysed`), in one line, with why;
    `shown` turns a project-relative path into the path to show."""
    listed = ", ".join(f"{shown(skip.path)} ({skip.why})" for skip in files)
    return f"Not analysed ({plural(len(files), 'file')}): {listed}."


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: what would be markup, a link or HTML is escaped."""
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in text)


_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|#~&")


def fence(text: str, least: int = 1) -> str:
    """Backticks that open and close `text` as code: longer than any run of them it holds."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    return "`" * max(least, longest + 1)


def code_span(text: str) -> str:
    """`text` as inline code in a table cell (its `|` escaped, as GitHub reads tables)."""
    ticks = fence(text)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{ticks}{padded.replace('|', chr(92) + '|')}{ticks}"
