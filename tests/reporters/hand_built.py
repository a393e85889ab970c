"""Hand-built reports for the CI formats: a rule citing a resolved ADR, a chain, escaping."""

from __future__ import annotations

from fitness.model import (
    Adr,
    AdrLink,
    AdrStatus,
    Finding,
    Hop,
    Location,
    Report,
    RuleSummary,
    Severity,
    Site,
)

ADR = Adr(
    key="ADR-0004",
    number=4,
    title="Keep the domain pure",
    status=AdrStatus.ACCEPTED,
    status_text="Accepted",
    successor=None,
    path="docs/adr/0004-pure-domain.md",
    status_line=3,
    date=None,
)


def site(path: str, line: int) -> Site:
    return Site(Location(path, line, 1, line, 20), local=False, type_checking=False, dynamic=False)


def finding(
    message: str = "a must not import c",
    path: str = "src/a/x.py",
    line: int = 3,
    severity: Severity = Severity.ERROR,
    rule: str = "pure",
    chain: bool = True,
    name: str = "a.x",
) -> Finding:
    hops = (
        (Hop(name, "b.y", (site(path, line),)), Hop("b.y", "c", (site("src/b/y.py", 7),)))
        if chain
        else ()
    )
    return Finding(
        rule_id=rule,
        severity=severity,
        template="{text}",
        args=(("text", message),),
        location=Location(path, line, 1, line, 20),
        chains=(hops,) if hops else (),
        modules=("a", "c"),
        adr="ADR-0004",
        guidance="Let services wire c.",
        identity=(rule, name, path),
    )


PURE = RuleSummary(
    "pure",
    "forbidden",
    Severity.ERROR,
    AdrLink("ADR-0004", ADR),
    "a must not import c",
    "Let services wire c.",
    0.25,
)


def report(
    *findings: Finding,
    root_in_repo: str = "services/app",
    rules: tuple[RuleSummary, ...] = (PURE,),
    fail_on: Severity | None = Severity.ERROR,
) -> Report:
    return Report(
        findings=findings,
        rules=rules,
        files=3,
        modules=3,
        elapsed=1.5,
        failed=True,
        root="/repo/services/app",
        root_in_repo=root_in_repo,
        fail_on=fail_on,
    )
