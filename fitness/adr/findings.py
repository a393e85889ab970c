"""Findings about decisions: citations that point nowhere or to a decision not in force.

A rule's `adr` is checked at the line of its `adr` key (in the file that sets
it: the configuration, or the rule pack); a code comment's reference at the
comment's line and column. Code comments are checked only in a project that
has an ADR directory: elsewhere `ADR 5` in a comment may mean anything.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from fitness.adr.directory import Decisions
from fitness.adr.references import Mention, is_record_path, mentions, resolve
from fitness.config.schema import AdrSettings, Rule
from fitness.model import (
    BUILT_IN_KINDS,
    Adr,
    AdrStatus,
    BadSuppression,
    Comment,
    Finding,
    Location,
)

# The finding kinds, each with its severity (`fitness.model.kinds`): a citation that
# is wrong fails a run; one of a decision that has moved on asks a person to look.
SEVERITIES = {kind.id: kind.severity for kind in BUILT_IN_KINDS if kind.topic == "adr"}


class Citation(NamedTuple):
    """Who cites (`subject`, as a message names it), what, where; `identity` names it stably."""

    subject: str
    cited: str
    location: Location
    identity: tuple[str, ...]


def adr_findings(
    decisions: Decisions,
    settings: AdrSettings,
    rules: Iterable[Rule],
    comments: Mapping[str, tuple[Comment, ...]],
) -> list[Finding]:
    """Every ADR finding: records that cannot be read, rules' and comments' citations."""
    findings = [
        _finding("adr-unreadable", Location(p.path, p.line, 1, p.line, 1), (p.path,), p.reason)
        for p in decisions.problems
    ]
    findings.extend(_dangling_successors(decisions))
    for rule in rules:
        if rule.adr is None:
            if settings.require_for_rules:
                findings.append(_required(rule))
            continue
        for index, cited in enumerate(rule.adrs):
            # one citation: the key's line; one of a list: its own line
            key = ("adr",) if not rule.more_adrs else ("adr", index)
            where = rule.locate((*rule.where.path, *key))
            line = where.line()
            location = Location(where.source.path, line, 1, line, 1)
            citation = Citation(f"rule {rule.id}", cited, location, (rule.id,))
            findings.extend(_checked(citation, cited_by(rule, decisions, cited), decisions))
    if decisions.dir is not None:
        for path, kept in comments.items():
            for citation, adr in _comment_citations(path, kept, decisions):
                findings.extend(_checked(citation, adr, decisions))
    return findings


def cited_by(rule: Rule, decisions: Decisions, cited: str | None = None) -> Adr | None:
    """The record a rule's `adr` cites (`cited`, one of them; default: the first); a path
    is relative to the file that sets the key."""
    cited = cited if cited is not None else rule.adr
    if cited is None:
        return None
    source = rule.locate((*rule.where.path, "adr")).source.path
    base = posixpath.dirname(source) if ":" not in source else ""
    return resolve(cited, decisions, base)


def _comment_citations(
    path: str, comments: tuple[Comment, ...], decisions: Decisions
) -> Iterator[tuple[Citation, Adr | None]]:
    base = path.rpartition("/")[0]
    for comment in comments:
        cited: set[object] = set()
        for mention in mentions(comment.text):
            if mention.text.lower().endswith(".md") and not is_record_path(
                mention.text, decisions, base
            ):
                continue  # a Markdown file that is not a record: README.md
            adr = resolve(mention.text, decisions, base)
            key = adr if adr is not None else mention.text
            if key not in cited:  # a Markdown link to a record names it twice: cite it once
                cited.add(key)
                yield _citation(path, comment, mention), adr
        slug = _suppression_slug(comment)
        if slug is not None:
            adr = decisions.named(slug.text)
            if (adr if adr is not None else slug.text) not in cited:
                yield _citation(path, comment, slug), adr


def _suppression_slug(comment: Comment) -> Mention | None:
    """The log4brains slug a suppression cites (`# fitness: ignore[x] 20230412-use-y why`).

    Elsewhere in a comment a slug is just words; as a suppression's first word
    after its ids it is a citation, checked like `ADR-0004`.
    """
    from fitness.policy.suppressions import read

    found = read("", comment)
    if found is None or isinstance(found, BadSuppression) or found.adr is None:
        return None
    if not found.adr[0].isdigit() or found.adr.lower().endswith(".md"):
        return None
    offset = comment.text.find(found.adr, found.location.column - comment.column)
    return Mention(found.adr, offset) if offset >= 0 else None


def _citation(path: str, comment: Comment, mention: Mention) -> Citation:
    column = comment.column + mention.offset
    location = Location(path, comment.line, column, comment.line, column + len(mention.text))
    return Citation("this comment", mention.text, location, (path,))


def _checked(citation: Citation, adr: Adr | None, decisions: Decisions) -> Iterator[Finding]:
    if adr is None:
        yield _finding(
            "adr-missing",
            citation.location,
            (*citation.identity, citation.cited),
            f"{citation.subject} cites {citation.cited}, {_nowhere(decisions)}",
        )
    elif adr.status is AdrStatus.SUPERSEDED:
        yield _finding(
            "adr-superseded",
            citation.location,
            (*citation.identity, adr.key),
            f"{citation.subject} cites {_named(adr)}, {_superseded(adr, decisions)}",
        )
    elif adr.status in (AdrStatus.PROPOSED, AdrStatus.REJECTED, AdrStatus.DEPRECATED):
        yield _finding(
            "adr-not-accepted",
            citation.location,
            (*citation.identity, adr.key),
            f"{citation.subject} cites {_named(adr)}, which is {adr.status.value}, not accepted",
        )


def _dangling_successors(decisions: Decisions) -> Iterator[Finding]:
    """`adr-missing` for each record superseded by a record the directory does not hold."""
    keys = {adr.key for adr in decisions.records}
    for adr in decisions.records:
        if adr.status is not AdrStatus.SUPERSEDED or adr.successor in keys:
            continue
        if adr.successor is None or adr.status_line is None:
            continue
        line = adr.status_line
        yield _finding(
            "adr-missing",
            Location(adr.path, line, 1, line, 1),
            (adr.key, adr.successor),
            f"{adr.key} is superseded by {adr.successor}, {_nowhere(decisions)}",
        )


def _nowhere(decisions: Decisions) -> str:
    if decisions.dir is None:
        return f"but the project has no ADR directory ({decisions.how}): set [tool.fitness.adr] dir"
    return f"which is no ADR in {decisions.dir}"


def _superseded(adr: Adr, decisions: Decisions) -> str:
    successor = next((a for a in decisions.records if a.key == adr.successor), None)
    if successor is None:
        return f"superseded by {adr.successor or 'a record it does not name'}"
    return f"superseded by {_named(successor)}: cite {successor.key} if it still holds"


def _named(adr: Adr) -> str:
    """`ADR-0004 "Keep the domain pure"`: a record as a message names it."""
    return f'{adr.key} "{adr.title}"' if adr.title else adr.key


def _required(rule: Rule) -> Finding:
    line = rule.where.line()
    return _finding(
        "adr-required",
        Location(rule.where.source.path, line, 1, line, 1),
        (rule.id,),
        f"rule {rule.id} cites no ADR, and [tool.fitness.adr] require_for_rules is on: "
        'add adr = "ADR-NNNN" naming the decision it enforces',
    )


def _finding(kind: str, location: Location, identity: tuple[str, ...], message: str) -> Finding:
    return Finding(
        rule_id=kind,
        severity=SEVERITIES[kind],
        template="{message}",
        args=(("message", message),),
        location=location,
        chains=(),
        modules=(),
        adr=None,
        guidance=None,
        identity=(kind, *identity),
    )
