"""Repository text made inert for a terminal or a CI log: the one place that decides how.

A pull request controls much of what fitness prints: ADR titles (YAML escapes
decode to any character), module names, file names, configuration values and
the messages built from them. Printed as they are, they could move the cursor,
hide text or make links (ESC sequences: CSI, OSC-8), or be read by GitHub
Actions as workflow commands (a line beginning `::`, or holding `##[`).

So the text, github and markdown reporters render a `report` neutralised here:
every control character (C0, DEL, C1, the Unicode line and paragraph separators
and the bidirectional overrides) is shown escaped (`\\x1b`, `\\u2028`), and
`##[` is broken (`#\\x23[`). `lines` then makes sure no line of an output begins
with `::` (after blanks, as the runner reads it) or holds `##[`.

A finding's chains are the exception: a run can hold thousands of hops and a
reporter prints a few, so the module names of a hop are passed through `text`
where a hop is printed (`hop_names`), not here.
"""

from __future__ import annotations

from fitness.model import (
    Adr,
    AdrLink,
    BaselineEntry,
    DecisionsOverview,
    Enforcement,
    Finding,
    Hop,
    Location,
    Notice,
    Report,
    RuleSummary,
    Suppressed,
    Suppression,
)


def _controls() -> dict[int, str]:
    codes = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
    codes += [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]  # bidirectional overrides
    codes.remove(0x09)  # a tab is only blank
    return {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in codes}


_CONTROLS = _controls()
_LOG_COMMAND = "##["  # GitHub's older workflow commands, read anywhere in a line
_BROKEN = "#\\x23["


def text(value: str) -> str:
    """One string a repository controls, on one line, with no control character or `##[`."""
    if _inert(value):  # nearly every string: as it is
        return value
    return value.translate(_CONTROLS).replace(_LOG_COMMAND, _BROKEN)


def _inert(value: str) -> bool:
    return value.isprintable() and _LOG_COMMAND not in value


def hop_names(hop: Hop) -> str:
    """`importer -> imported`, each passed through `text`."""
    return f"{text(hop.importer)} -> {text(hop.imported)}"


def message(value: str) -> str:
    """A message of one or more lines (an error on stderr), each passed through `text`."""
    return lines("\n".join(text(line) for line in value.split("\n")))


def lines(output: str) -> str:
    """`output` with no line beginning `::` (its first `:` shown as `\\x3a`) nor holding `##[`."""
    return "\n".join(_line(line) for line in output.split("\n"))


def _line(line: str) -> str:
    rest = line.lstrip()
    if rest.startswith("::"):
        line = line[: len(line) - len(rest)] + "\\x3a" + rest[1:]
    return line.replace(_LOG_COMMAND, _BROKEN)


def report(given: Report) -> Report:
    """`given` with every string a repository controls passed through `text`."""
    return given._replace(
        findings=tuple(finding(f) for f in given.findings),
        rules=tuple(_rule(rule) for rule in given.rules),
        root=text(given.root),
        root_in_repo=text(given.root_in_repo),
        suppressed=tuple(_suppressed(s) for s in given.suppressed),
        baselined=tuple(finding(f) for f in given.baselined),
        existing=tuple(finding(f) for f in given.existing),
        stale=tuple(_entry(entry) for entry in given.stale),
        since=None if given.since is None else text(given.since),
        notices=tuple(_notice(notice) for notice in given.notices),
    )


def overview(given: DecisionsOverview) -> DecisionsOverview:
    """What `fitness adr` shows, neutralised as `report` is."""
    return given._replace(
        dir=None if given.dir is None else text(given.dir),
        records=tuple(
            Enforcement(
                adr(row.adr),
                tuple((text(rule), count) for rule, count in row.rules),
                row.confirmation,
                tuple(rule._replace(id=text(rule.id)) for rule in row.confirming),
            )
            for row in given.records
        ),
        unenforced=tuple(adr(record) for record in given.unenforced),
        exemptions=tuple(
            each._replace(
                owner=None if each.owner is None else text(each.owner),
                path=text(each.path),
                rules=tuple(text(rule) for rule in each.rules),
            )
            for each in given.exemptions
        ),
    )


def finding(given: Finding) -> Finding:
    """What a reporter shows of a finding; its identity (the fingerprint) is kept as it is."""
    strings = (given.template, given.location.path, given.adr or "", given.guidance or "")
    if (
        all(_inert(value) for value in strings)
        and all(_inert(value) for _, value in given.args)
        and all(_inert(module) for module in given.modules)
    ):
        return given
    return given._replace(
        template=text(given.template),
        args=tuple((name, text(value)) for name, value in given.args),
        location=_location(given.location),
        modules=tuple(text(module) for module in given.modules),
        adr=_optional(given.adr),
        guidance=_optional(given.guidance),
    )


def adr(given: Adr) -> Adr:
    return given._replace(
        key=text(given.key),
        title=text(given.title),
        status_text=text(given.status_text),
        successor=_optional(given.successor),
        path=text(given.path),
        date=_optional(given.date),
    )


def _link(given: AdrLink) -> AdrLink:
    return AdrLink(text(given.cited), given.adr and adr(given.adr))


def _rule(given: RuleSummary) -> RuleSummary:
    link = given.adr
    return given._replace(
        id=text(given.id),
        kind=text(given.kind),
        adr=None if link is None else _link(link),
        more_adrs=tuple(_link(more) for more in given.more_adrs),
        include=tuple(map(text, given.include)),
        exclude=tuple(map(text, given.exclude)),
        description=text(given.description),
        guidance=_optional(given.guidance),
        tags=tuple(text(tag) for tag in given.tags),
    )


def _location(given: Location) -> Location:
    return given._replace(path=text(given.path))


def _suppressed(given: Suppressed) -> Suppressed:
    said: Suppression = given.suppression
    return Suppressed(
        finding(given.finding),
        said._replace(
            location=_location(said.location),
            ids=tuple(text(rule) for rule in said.ids),
            adr=_optional(said.adr),
            reason=text(said.reason),
        ),
    )


def _entry(given: BaselineEntry) -> BaselineEntry:
    return given._replace(rule=text(given.rule), summary=text(given.summary), path=text(given.path))


def _notice(given: Notice) -> Notice:
    return given._replace(
        message=text(given.message),
        path=_optional(given.path),
        details=tuple(text(detail) for detail in given.details),
    )


def _optional(value: str | None) -> str | None:
    return None if value is None else text(value)
