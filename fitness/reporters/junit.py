"""JUnit XML, valid against the Jenkins/xunit `junit-10.xsd`: test reports in any CI.

A testsuite per rule (configured, then each built-in kind that occurs), a
testcase per finding named `path:line:col`, and one passing testcase for a
rule without findings. A finding that fails the run (`--fail-on`) is a
`<failure>`; one below it passes, its text in `<system-out>`, so a CI that
shows test results shows no failed test on a green step. Names are unique in
a suite, as CI systems key test cases by name: a second finding at the same
place (in report order) is `path:line:col (2)`, a third `(3)`. The run's
notices come last, in a `fitness` testsuite: an error notice (such as fixed
baseline entries under `--strict-baseline`) is a failing testcase, the others
pass with their text.
junit-10.xsd allows `file` only on a testsuite, which spans many files, so the
path stands in the testcase's name and classname.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from fitness.model import Finding, Report, Severity
from fitness.reporters.base import RenderOptions
from fitness.reporters.catalogue import Described, described_rules, hop_text


def render_junit(report: Report, options: RenderOptions) -> str:
    """The report as `<testsuites>`, one `<testsuite>` per rule."""
    rules = described_rules(report)
    suites = [_suite(report, rule) for rule in rules]
    failures = sum(1 for finding in report.findings if report.fails_run(finding))
    tests = sum(max(len(report.findings_for(rule.id)), 1) for rule in rules)
    if report.notices:
        suites.append(_notices(report))
        tests += len(report.notices)
        failures += _failing(report)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="fitness" tests="{tests}" failures="{failures}" errors="0" '
        f'time="{_seconds(report.elapsed)}">',
        *suites,
        "</testsuites>",
    ]
    return "\n".join(lines) + "\n"


def _suite(report: Report, rule: Described) -> str:
    findings = report.findings_for(rule.id)
    failing = sum(1 for finding in findings if report.fails_run(finding))
    head = (
        f'  <testsuite name={_attr(rule.id)} tests="{max(len(findings), 1)}" '
        f'failures="{failing}" errors="0" skipped="0" time="{_seconds(rule.seconds)}">'
    )
    properties = [
        ("kind", rule.kind),
        ("severity", rule.severity.value),
        ("description", rule.description),
    ]
    for link in rule.adrs:  # a property each, in the order the rule cites them
        properties.append(("adr", link.label))
        if link.adr is not None:
            properties.append(("adr-path", report.repo_path(link.adr.path)))
    if rule.guidance:
        properties.append(("guidance", rule.guidance))
    lines = [head, "    <properties>"]
    lines.extend(f"      <property name={_attr(n)} value={_attr(v)}/>" for n, v in properties)
    lines.append("    </properties>")
    if not findings:
        case = f"    <testcase name={_attr(rule.id)} classname={_attr(rule.id)} "
        case += f'time="{_seconds(rule.seconds)}"'
        baselined = sum(1 for finding in report.baselined if finding.rule_id == rule.id)
        if baselined:  # passing, and saying why: what it finds is known
            said = f"baselined: {baselined} finding{'s' if baselined != 1 else ''} in the baseline"
            case += f">\n      <system-out>{escape(said)}</system-out>\n    </testcase>"
        else:
            case += "/>"
        lines.append(case)
    names = _unique(_where(report, finding) for finding in findings)
    lines.extend(_case(report, finding, name) for finding, name in zip(findings, names))
    lines.append("  </testsuite>")
    return "\n".join(lines)


def _failing(report: Report) -> int:
    return sum(1 for notice in report.notices if notice.severity is Severity.ERROR)


def _notices(report: Report) -> str:
    """The run's notices, a testcase each: failing for an error (it failed the run)."""
    failing = _failing(report)
    lines = [
        f'  <testsuite name="fitness" tests="{len(report.notices)}" failures="{failing}" '
        'errors="0" skipped="0" time="0.000">'
    ]
    places = [
        report.repo_path(notice.path) if notice.path else "fitness" for notice in report.notices
    ]
    names = _unique(
        f"{where}:{notice.line}" if notice.line is not None else where
        for notice, where in zip(report.notices, places)
    )
    for notice, where, name in zip(report.notices, places, names):
        body = escape(_xml_chars("\n".join((notice.message, *notice.details))))
        lines.append(f'    <testcase name={_attr(name)} classname={_attr(where)} time="0.000">')
        if notice.severity is Severity.ERROR:
            message = _attr(" ".join(notice.message.split()))
            lines.append(f'      <failure type="fitness" message={message}>{body}</failure>')
        else:
            lines.append(f"      <system-out>{body}</system-out>")
        lines.append("    </testcase>")
    lines.append("  </testsuite>")
    return "\n".join(lines)


def _where(report: Report, finding: Finding) -> str:
    loc = finding.location
    return f"{report.repo_path(loc.path)}:{loc.line}:{loc.column}"


def _unique(names: Iterable[str]) -> list[str]:
    """`names` in order, the second of a name and later ones numbered: `name (2)`, `name (3)`."""
    seen: Counter[str] = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def _case(report: Report, finding: Finding, name: str) -> str:
    path = report.repo_path(finding.location.path)
    body = escape(_xml_chars(_body(report, finding, path)))
    if report.fails_run(finding):
        message = " ".join(finding.message.split())  # one line
        outcome = (
            f"<failure type={_attr(finding.rule_id)} message={_attr(message)}>{body}</failure>"
        )
    else:
        outcome = f"<system-out>{body}</system-out>"
    return (
        f"    <testcase name={_attr(name)} classname={_attr(path)} "
        f'time="0.000">\n'
        f"      {outcome}\n"
        "    </testcase>"
    )


def _body(report: Report, finding: Finding, path: str) -> str:
    """Where, the message, every chain hop by hop, the ADR and the guidance."""
    loc = finding.location
    lines = [
        f"{path}:{loc.line}:{loc.column}: {finding.severity.value}: {finding.message}",
    ]
    for number, chain in enumerate(finding.chains, 1):
        lines.append(f"chain {number} of {len(finding.chains)}:")
        lines.extend(f"  {hop_text(hop)}" for hop in chain)
    links = report.adrs_of(finding)
    for link in links:
        where = f" ({report.repo_path(link.adr.path)})" if link.adr is not None else ""
        lines.append(f"ADR: {link.label}{where}")
    if not links and finding.adr:
        lines.append(f"ADR: {finding.adr}")
    if finding.guidance:
        lines.append(f"guidance: {finding.guidance}")
    return "\n".join(lines)


def escape(text: str) -> str:
    """Character data: `&`, `<` and `>` as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """A double-quoted attribute value; quotes, newlines and tabs as character references."""
    escaped = escape(_xml_chars(value)).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _seconds(value: float) -> str:
    """At most three decimals, as junit-10.xsd's SUREFIRE_TIME allows."""
    return f"{max(value, 0.0):.3f}"


def _xml_chars(text: str) -> str:
    """Characters XML 1.0 cannot hold (most control characters) replaced by U+FFFD."""
    return "".join(
        char
        if char in "\t\n\r"
        or (" " <= char <= "\ud7ff")
        or ("\ue000" <= char <= "\ufffd")
        or char >= "\U00010000"
        else "\ufffd"
        for char in text
    )
