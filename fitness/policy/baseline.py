"""The baseline file: the known findings a legacy codebase adopts fitness with.

`.fitness-baseline.json` holds one entry per line, sorted by rule and summary,
so a reviewer reads its diff: each entry's fingerprint (line-independent, see
`fitness.model.fingerprint`), rule, a summary of what it is about, where it was,
how many findings share the fingerprint and, for a finding about imports, the
module-level imports its routes used, one per line (`importer -> imported`, no
line numbers): a finding that needs another import is new. Version 1 files,
which had no imports, are still read (their entries cover by fingerprint alone).
An entry may carry `until` (an ISO date, the last day it covers its findings) and
`owner` (`@team`): `fitness baseline --until DATE --owner @team` stamps the
entries it adds; files without them are read as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from fitness.atomic import write_atomic
from fitness.errors import UsageError
from fitness.model import BaselineEntry, Finding
from fitness.policy.known import text_of
from fitness.tree import Tree, read_text
from fitness.tree.work import WORK

SCHEMA = "fitness-baseline"
VERSION = 2
READS = (1, 2)


def entries_of(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """One entry per fingerprint, counting the findings that share it, with their imports."""
    found: dict[str, BaselineEntry] = {}
    imports: dict[str, set[str]] = {}
    for finding in findings:
        fingerprint = finding.fingerprint
        known = found.get(fingerprint)
        if known is not None:
            found[fingerprint] = known._replace(occurrences=known.occurrences + 1)
        else:
            found[fingerprint] = BaselineEntry(
                fingerprint, finding.rule_id, summary(finding), finding.location.path, 1
            )
        if finding.routes is not None:
            imports.setdefault(fingerprint, set()).update(map(text_of, finding.routes.pairs))
    entries = (
        entry._replace(imports=tuple(sorted(imports.get(entry.fingerprint, ()))))
        for entry in found.values()
    )
    return sorted(entries, key=_order)


def summary(finding: Finding) -> str:
    """What a finding is about, for a reviewer: `a -> b` for imports, else its names."""
    if finding.chains and len(finding.modules) == 2:
        return " -> ".join(finding.modules)
    return " ".join(finding.identity[1:]) or finding.location.path


def render(entries: Sequence[BaselineEntry]) -> str:
    import json

    lines = [_line(entry, json.dumps) for entry in sorted(entries, key=_order)]
    body = ",\n    ".join(lines)
    items = f"[\n    {body}\n  ]" if lines else "[]"
    return f'{{\n  "schema": "{SCHEMA}",\n  "version": {VERSION},\n  "entries": {items}\n}}\n'


def _line(entry: BaselineEntry, dumps: Callable[..., str]) -> str:
    """An entry on one line; its imports (if any) follow, one per line, closing the entry."""
    fields: dict[str, object] = {
        "fingerprint": entry.fingerprint,
        "rule": entry.rule,
        "count": entry.occurrences,
        "path": entry.path,
        "summary": entry.summary,
    }
    if entry.until is not None:
        fields["until"] = entry.until
    if entry.owner is not None:
        fields["owner"] = entry.owner
    text = dumps(fields, ensure_ascii=False)
    if not entry.imports:
        return text
    imports = ",\n      ".join(dumps(item, ensure_ascii=False) for item in entry.imports)
    return f'{text[:-1]}, "imports": [\n      {imports}\n    ]}}'


def write(path: Path, entries: Sequence[BaselineEntry]) -> None:
    try:
        write_atomic(path, render(entries))
    except OSError as exc:
        raise UsageError(f"cannot write the baseline {path}: {exc.strerror or exc}") from None


def read(path: Path, tree: Tree = WORK) -> list[BaselineEntry]:
    """The entries of the baseline at `path` in `tree`; a file that is not one is a usage error."""
    import json

    try:
        text = read_text(tree, str(path))
        document = json.loads(text)
    except OSError as exc:
        raise UsageError(f"cannot read the baseline {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"{path}: not a fitness baseline (invalid JSON: {exc})") from None
    except RecursionError:
        raise UsageError(f"{path}: not a fitness baseline (values nested too deeply)") from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise UsageError(f'{path}: not a fitness baseline (no "schema": "{SCHEMA}")')
    version = document.get("version")
    if version not in READS:
        raise UsageError(
            f"{path}: baseline version {version!r}; this fitness reads versions 1 and {VERSION}"
        )
    items = document.get("entries", [])
    if not isinstance(items, list):
        raise UsageError(f"{path}: not a fitness baseline (its entries are not a list)")
    entries = []
    starts = _starts(text, len(items))
    for index, item in enumerate(items):
        try:
            entries.append(
                BaselineEntry(
                    str(item["fingerprint"]),
                    str(item["rule"]),
                    str(item.get("summary", "")),
                    str(item.get("path", "")),
                    int(item.get("count", 1)),
                    _imports(item) if version == VERSION else None,
                    _stamp(path, index, item, "until"),
                    _stamp(path, index, item, "owner"),
                    starts[index],
                )
            )
        except (KeyError, TypeError, ValueError, OverflowError):  # a count of Infinity or 1e400
            raise UsageError(
                f"{path}: entry {index + 1} needs a fingerprint, a rule and a count, "
                "and its imports must be a list of 'importer -> imported'"
            ) from None
    return entries


def _stamp(path: Path, index: int, item: dict[str, object], key: str) -> str | None:
    """An entry's `until` (an ISO date) or `owner` (a non-empty string), if it has one."""
    from fitness.policy.suppressions import is_date

    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or (key == "until" and not is_date(value)):
        wanted = "a date written YYYY-MM-DD" if key == "until" else "a name such as @team"
        raise UsageError(f"{path}: entry {index + 1}: {key} must be {wanted}, got {value!r}")
    return value


def _starts(text: str, count: int) -> list[int]:
    """The line each entry starts on, as `render` writes them (a fingerprint opens each);
    0 for every entry of a file laid out otherwise."""
    lines = [
        number
        for number, line in enumerate(text.splitlines(), 1)
        if line.lstrip().startswith('{"fingerprint"')
    ]
    return lines if len(lines) == count else [0] * count


def _imports(item: dict[str, object]) -> tuple[str, ...]:
    imports = item.get("imports", [])
    if not isinstance(imports, list) or not all(
        isinstance(text, str) and " -> " in text for text in imports
    ):
        raise ValueError("imports")
    return tuple(imports)


def _order(entry: BaselineEntry) -> tuple[str, str, str]:
    return entry.rule, entry.summary, entry.fingerprint
