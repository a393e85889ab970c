"""SARIF 2.1.0 for GitHub code scanning (docs/sarif.md maps a report onto it).

One run; a result per finding with a line-independent
`primaryLocationLineHash`, its chains as `codeFlows` and the first chain's hops
as `relatedLocations` that the message links to. Code scanning's limits are
kept by leaving the least severe findings and the longest tails out, and the
run says what it left out (`properties.truncated`, an invocation notification).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple, Optional

from fitness import __url__, __version__
from fitness.model import Chain, Finding, Hop, Location, Notice, Report
from fitness.reporters.base import RenderOptions
from fitness.reporters.catalogue import Described, described_rules, hop_text, plural
from fitness.reporters.coverage_data import coverage_by_rule, skipped
from fitness.reporters.sarif_rules import LEVELS, descriptor, sentence

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
AUTOMATION_ID = "fitness/"  # the category code scanning files the alerts under; never changes
ROOT = "%SRCROOT%"


class Limits(NamedTuple):
    """Code scanning's limits on one run (docs.github.com: "SARIF results exceed limit")."""

    results: int = 5_000  # 25,000 accepted per run, of which code scanning keeps 5,000
    code_flows: int = 10  # ours: the shortest chains; the JSON report has every one
    thread_flow_locations: int = 1_000  # per result: 10,000 accepted, 1,000 kept
    related_locations: int = 100  # per result: 1,000 accepted, 100 kept
    gzipped_bytes: int = 10_000_000  # the upload limit is 10 MB, gzip-compressed


LIMITS = Limits()


def render_sarif(report: Report, options: RenderOptions, limits: Limits = LIMITS) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    import json  # imported here, like every reporter's needs: a run imports only its own

    rules = described_rules(report)
    index = {rule.id: position for position, rule in enumerate(rules)}
    kept = _most_severe(_listed(report), limits.results)
    total = len(report.findings) + len(report.existing if report.since is not None else ())
    while True:
        cut = _Cut()
        hashes = _Hashes()
        results = _results(report, kept, index, limits, cut, hashes)
        if options.include_suppressed:
            results += _not_counted(report, index, limits, cut, hashes)
        document = _document(report, options, rules, results, cut, total)
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if not kept or _gzipped_size(text, limits.gzipped_bytes) <= limits.gzipped_bytes:
            return text
        kept = kept[: len(kept) * 9 // 10]  # what is left out is said in the run's notes


class _Cut:
    """What was left out of the results, counted while they are built."""

    def __init__(self) -> None:
        self.code_flows = 0
        self.thread_flow_locations = 0
        self.related_locations = 0


class _Hashes:
    """`primaryLocationLineHash` values, unique in a run: `:n` counts every result with a hash."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def next(self, finding: Finding) -> str:
        key = finding.fingerprint[:16]
        self._seen[key] += 1
        return f"{key}:{self._seen[key]}"


Listed = tuple[Finding, Optional[str]]  # a finding, and its `baselineState` in a --since run


def _listed(report: Report) -> list[Listed]:
    """The findings that are results: those that count and, in a `--since` run, those there
    at its revision too (`unchanged`): code scanning takes an upload as every open alert,
    so leaving them out would close them on the pull request."""
    if report.since is None:
        return [(finding, None) for finding in report.findings]
    return [
        *((finding, "new") for finding in report.findings),
        *((finding, "unchanged") for finding in report.existing),
    ]


def _most_severe(findings: list[Listed], limit: int) -> list[Listed]:
    """At most `limit` findings, the most severe first chosen, kept in report order."""
    if len(findings) <= limit:
        return findings
    ranked = sorted(range(len(findings)), key=lambda i: -findings[i][0].severity.rank)
    return [findings[i] for i in sorted(ranked[:limit])]


def _document(
    report: Report,
    options: RenderOptions,
    rules: list[Described],
    results: list[dict[str, Any]],
    cut: _Cut,
    total: int,
) -> dict[str, Any]:
    notes = _truncation_notes(total, len(results), cut)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.config_path:  # which configuration judged the run, and at which revision
        configuration = {"path": report.repo_path(report.config_path)}
        invocation["properties"] = {
            "configuration": {**configuration, "revision": report.config_revision}
        }
    notifications = [_notification(report, notice) for notice in report.notices]
    notifications += [
        {"descriptor": {"id": "truncated"}, "level": "warning", "message": {"text": note}}
        for note in notes
    ]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "fitness",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": __url__,
                "rules": [descriptor(rule, report, options) for rule in rules],
            }
        },
        "automationDetails": {"id": AUTOMATION_ID},
        "invocations": [invocation],
        "originalUriBaseIds": {
            ROOT: {"description": {"text": "The root of the repository that was checked."}}
        },
        "columnKind": "unicodeCodePoints",  # Location columns count code points
        "results": results,
    }
    # What each rule reached, and what could not be analysed: code scanning keeps run properties.
    run["properties"] = {
        "coverage": coverage_by_rule(report),
        "unanalysed": skipped(report.unanalysed, report.repo_path),
    }
    if notes:
        run["properties"]["truncated"] = {
            "findings": total,
            "results": len(results),
            "codeFlows": cut.code_flows,
            "threadFlowLocations": cut.thread_flow_locations,
            "relatedLocations": cut.related_locations,
        }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _notification(report: Report, notice: Notice) -> dict[str, Any]:
    """A run-level notice as a SARIF notification (on its file when it has one)."""
    text = "\n".join((notice.message, *notice.details))
    found: dict[str, Any] = {
        "descriptor": {"id": notice.id},
        "level": notice.severity.value,
        "message": {"text": text},
    }
    if notice.path is not None:
        line = notice.line or 1
        location = _physical(report, Location(notice.path, line, 1, line, 1))
        found["locations"] = [{"physicalLocation": location}]
    return found


def _truncation_notes(total: int, shown: int, cut: _Cut) -> list[str]:
    notes = []
    if shown < total:
        notes.append(
            f"{total - shown} of {plural(total, 'finding')} are left out: code scanning keeps "
            f"{shown} results of a run (or a 10 MB upload); the most severe were kept. "
            "The JSON report lists every finding."
        )
    for count, what in (
        (cut.code_flows, "chain"),
        (cut.thread_flow_locations, "chain step"),
        (cut.related_locations, "related location"),
    ):
        if count:
            notes.append(
                f"{plural(count, what)} left out of the results, beyond code scanning's "
                "limits per result; the JSON report has every one."
            )
    return notes


def _results(
    report: Report,
    findings: list[Listed],
    index: dict[str, int],
    limits: Limits,
    cut: _Cut,
    hashes: _Hashes,
) -> list[dict[str, Any]]:
    results = []
    for finding, state in findings:
        result = _result(report, finding, index, limits, cut, hashes.next(finding))
        if state is not None:
            result["baselineState"] = state
        results.append(result)
    return results


def _not_counted(
    report: Report, index: dict[str, int], limits: Limits, cut: _Cut, hashes: _Hashes
) -> list[dict[str, Any]]:
    """The findings policy left out, each with a SARIF `suppressions` entry saying why.

    An inline suppression is `inSource` (its justification: the ADR and reason it
    gives) and its own location; a baseline entry is `external`. In a `--since` run these are
    `unchanged`: not what the change is judged on (the findings there at its
    revision are results already, see `_listed`).
    """
    results = _suppressed(report, index, limits, cut, hashes)
    if report.since is not None:
        for result in results:
            result["baselineState"] = "unchanged"
    return results


def _suppressed(
    report: Report, index: dict[str, int], limits: Limits, cut: _Cut, hashes: _Hashes
) -> list[dict[str, Any]]:
    results = []
    for suppressed in report.suppressed:
        said = " ".join(
            part for part in (suppressed.suppression.adr, suppressed.suppression.reason) if part
        )
        result = _result(
            report, suppressed.finding, index, limits, cut, hashes.next(suppressed.finding)
        )
        where = _physical(report, suppressed.suppression.location)
        result["suppressions"] = [
            {
                "kind": "inSource",
                "justification": said or "suppressed inline",
                "location": {"physicalLocation": where},
            }
        ]
        results.append(result)
    for finding in report.baselined:
        result = _result(report, finding, index, limits, cut, hashes.next(finding))
        result["suppressions"] = [{"kind": "external", "justification": "in the baseline"}]
        results.append(result)
    return results


def _result(
    report: Report,
    finding: Finding,
    index: dict[str, int],
    limits: Limits,
    cut: _Cut,
    line_hash: str,
) -> dict[str, Any]:
    """One finding (`_not_counted` adds a `suppressions` array to those policy left out)."""
    hops = finding.chain[: limits.related_locations]
    cut.related_locations += len(finding.chain) - len(hops)
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVELS[finding.severity],
        "message": {"text": _message(report, finding, hops)},
        "locations": [{"physicalLocation": _physical(report, finding.location)}],
        # Code scanning matches alerts across runs on this key; upload-sarif computes a
        # line-content hash only when it is absent. Ours never depends on a line.
        "partialFingerprints": {"primaryLocationLineHash": line_hash},
        "fingerprints": {"fitness/v1": finding.fingerprint},
    }
    if finding.undecided:  # the rule's other findings are certain ("very-high")
        result["properties"] = {"precision": "medium"}
    if hops:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(report, hop.location),
                "message": {"text": _escape(f"{hop.importer} imports {hop.imported}")},
            }
            for number, hop in enumerate(hops, 1)
        ]
    flows = _code_flows(report, finding.chains, limits, cut)
    if flows:
        result["codeFlows"] = flows
    return result


def _message(report: Report, finding: Finding, hops: Chain) -> str:
    """The message, the ADR, then the chain hop by hop, each hop a link to a related location."""
    decisions = report.adrs_of(finding)
    cited = "; ".join(link.label for link in decisions) if decisions else finding.adr
    text = _escape(finding.message) + (f" ({_escape(cited)})" if cited else "")
    if hops:
        links = [
            f"[{_escape(f'{hop.importer} -> {hop.imported}')}]({n})"
            for n, hop in enumerate(hops, 1)
        ]
        text = f"{sentence(text)} Chain: {', '.join(links)}"
    return sentence(text)


def _code_flows(
    report: Report, chains: tuple[Chain, ...], limits: Limits, cut: _Cut
) -> list[dict[str, Any]]:
    shown = chains[: limits.code_flows]
    cut.code_flows += len(chains) - len(shown)
    budget = limits.thread_flow_locations
    flows = []
    for number, chain in enumerate(shown, 1):
        steps = chain[:budget]
        cut.thread_flow_locations += len(chain) - len(steps)
        budget -= len(steps)
        if not steps:
            cut.code_flows += 1
            continue
        flows.append(
            {
                "message": {"text": f"Import chain {number} of {len(chains)}."},
                "threadFlows": [
                    {"locations": [_step(report, hop, n) for n, hop in enumerate(steps, 1)]}
                ],
            }
        )
    return flows


def _step(report: Report, hop: Hop, order: int) -> dict[str, Any]:
    return {
        "location": {
            "physicalLocation": _physical(report, hop.location),
            "message": {"text": sentence(hop_text(hop))},
        },
        "executionOrder": order,
    }


def _physical(report: Report, location: Location) -> dict[str, Any]:
    from urllib.parse import quote

    region: dict[str, int] = {"startLine": location.line, "startColumn": location.column}
    if (location.end_line, location.end_column) > (location.line, location.column):
        region["endLine"] = location.end_line
        region["endColumn"] = location.end_column  # exclusive, like ours
    return {
        "artifactLocation": {"uri": quote(report.repo_path(location.path)), "uriBaseId": ROOT},
        "region": region,
    }


def _escape(text: str) -> str:
    """Plain text in a SARIF message: `[`, `]` and `\\` escaped, so only our links are links."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _gzipped_size(text: str, limit: int) -> int:
    """The size gzip makes of `text`; its plain size when that is clearly under `limit`."""
    data = text.encode("utf-8")
    if len(data) + 1024 <= limit:  # gzip grows nothing by more than a few dozen bytes
        return len(data)
    import gzip

    return len(gzip.compress(data))
