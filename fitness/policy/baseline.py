"""The baseline file: the known findings a legacy codebase adopts fitness with.

`.fitness-baseline.json` holds one entry per line, sorted by rule and summary,
so a reviewer reads its diff: each entry's fingerprint (line-independent, see
`fitness.model.fingerprint`), rule, a summary of what it is about, where it was,
and how many findings share the fingerprint.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from fitness.atomic import write_atomic
from fitness.errors import UsageError
from fitness.model import BaselineEntry, Finding
from fitness.tree import Tree, read_text
from fitness.tree.work import WORK

SCHEMA = "fitness-baseline"
VERSION = 1


def entries_of(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """One entry per fingerprint, counting the findings that share it."""
    found: dict[str, BaselineEntry] = {}
    for finding in findings:
        known = found.get(finding.fingerprint)
        if known is not None:
            found[finding.fingerprint] = known._replace(occurrences=known.occurrences + 1)
        else:
            found[finding.fingerprint] = BaselineEntry(
                finding.fingerprint, finding.rule_id, summary(finding), finding.location.path, 1
            )
    return sorted(found.values(), key=_order)


def summary(finding: Finding) -> str:
    """What a finding is about, for a reviewer: `a -> b` for imports, else its names."""
    if finding.chains and len(finding.modules) == 2:
        return " -> ".join(finding.modules)
    return " ".join(finding.identity[1:]) or finding.location.path


def render(entries: Sequence[BaselineEntry]) -> str:
    import json

    lines = [
        json.dumps(
            {
                "fingerprint": entry.fingerprint,
                "rule": entry.rule,
                "count": entry.occurrences,
                "path": entry.path,
                "summary": entry.summary,
            },
            ensure_ascii=False,
        )
        for entry in sorted(entries, key=_order)
    ]
    body = ",\n    ".join(lines)
    items = f"[\n    {body}\n  ]" if lines else "[]"
    return f'{{\n  "schema": "{SCHEMA}",\n  "version": {VERSION},\n  "entries": {items}\n}}\n'


def write(path: Path, entries: Sequence[BaselineEntry]) -> None:
    try:
        write_atomic(path, render(entries))
    except OSError as exc:
        raise UsageError(f"cannot write the baseline {path}: {exc.strerror or exc}") from None


def read(path: Path, tree: Tree = WORK) -> list[BaselineEntry]:
    """The entries of the baseline at `path` in `tree`; a file that is not one is a usage error."""
    import json

    try:
        document = json.loads(read_text(tree, str(path)))
    except OSError as exc:
        raise UsageError(f"cannot read the baseline {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"{path}: not a fitness baseline (invalid JSON: {exc})") from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise UsageError(f'{path}: not a fitness baseline (no "schema": "{SCHEMA}")')
    if document.get("version") != VERSION:
        raise UsageError(
            f"{path}: baseline version {document.get('version')!r}; this fitness reads {VERSION}"
        )
    items = document.get("entries", [])
    if not isinstance(items, list):
        raise UsageError(f"{path}: not a fitness baseline (its entries are not a list)")
    entries = []
    for index, item in enumerate(items):
        try:
            entries.append(
                BaselineEntry(
                    str(item["fingerprint"]),
                    str(item["rule"]),
                    str(item.get("summary", "")),
                    str(item.get("path", "")),
                    int(item.get("count", 1)),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise UsageError(
                f"{path}: entry {index + 1} needs a fingerprint, a rule and a count"
            ) from None
    return entries


def _order(entry: BaselineEntry) -> tuple[str, str, str]:
    return entry.rule, entry.summary, entry.fingerprint
