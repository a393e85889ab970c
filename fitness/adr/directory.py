"""Where a project keeps its ADRs, and every record there, read.

The directory is `[tool.fitness.adr] dir` when set; else the one `.adr-dir`
names (adr-tools), else log4brains' `adrFolder` in `.log4brains.yml`, else the
first of `DEFAULT_DIRS` that exists. Records are the Markdown files whose name
starts with a number and a dash: `0004-use-x.md` (numbered, `ADR-0004`) or a
log4brains date slug `20200925-use-x.md` (named by its slug); `README.md`,
`index.md` and templates are not records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fitness.model import Adr, AdrStatus
from fitness.tree import Tree, read_text
from fitness.tree.names import shown
from fitness.tree.work import WORK

if TYPE_CHECKING:
    from fitness.adr.records import Read

DEFAULT_DIRS = ("doc/adr", "docs/adr", "docs/decisions", "docs/architecture/decisions")
# Patterns, compiled on first use (`re` caches them): most runs find no ADR directory.
_RECORD = r"(?P<digits>\d+)-.+\.md"
_DATE = r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_NOT_UTF8 = "its file name is not UTF-8 (shown with \\x escapes): rename it"
# Matched to the end of the line, its trailing blanks stripped after (one pass).
_ADR_FOLDER = r"^[ \t]+adrFolder[ \t]*:[ \t]*(?P<value>.+)$"


class RecordProblem(NamedTuple):
    """A record that cannot be read, or is read but cannot be told apart: where and why."""

    path: str
    line: int
    reason: str


class Decisions(NamedTuple):
    """The ADR directory (project-relative POSIX, None: none found) and what it holds."""

    dir: str | None
    records: tuple[Adr, ...]
    problems: tuple[RecordProblem, ...]
    how: str  # how the directory was found, or what was looked for

    def numbered(self, number: int) -> Adr | None:
        return next((adr for adr in self.records if adr.number == number), None)

    def at(self, path: str) -> Adr | None:
        return next((adr for adr in self.records if adr.path == path), None)

    def named(self, slug: str) -> Adr | None:
        """The record whose file name, without `.md`, is `slug`."""
        return next((adr for adr in self.records if _stem(adr.path) == slug), None)


def is_record_name(name: str) -> bool:
    """Whether a file named `name` in the ADR directory is a record (`0004-x.md`)."""
    return re.fullmatch(_RECORD, name) is not None


def find_dir(root: Path, configured: str | None, tree: Tree = WORK) -> tuple[str | None, str]:
    """The ADR directory relative to `root` in `tree`, and how it was found (or what was sought)."""
    if configured is not None:
        return _posix(configured), "[tool.fitness.adr] dir"
    named = _read_small(tree, root / ".adr-dir")
    if named and named.strip():
        return _posix(named.strip().splitlines()[0]), ".adr-dir"
    log4brains = _read_small(tree, root / ".log4brains.yml")
    folder = re.search(_ADR_FOLDER, log4brains or "", re.MULTILINE)
    if folder is not None:
        value = folder.group("value")
        value = value[0] + value[1:].rstrip(" \t")
        return _posix(value.strip("'\"")), ".log4brains.yml"
    for candidate in DEFAULT_DIRS:
        if tree.is_dir(str(root / candidate)):
            return candidate, "the default"
    looked = ", ".join((".adr-dir", ".log4brains.yml", *DEFAULT_DIRS))
    return None, f"looked for {looked}"


def read_decisions(
    root: Path,
    configured: str | None,
    tree: Tree = WORK,
    statuses: Mapping[str, AdrStatus] | None = None,
) -> Decisions:
    """Every record in the project's ADR directory in `tree`, sorted by file name.

    `statuses` maps the project's own status words (lower case) to fitness's.
    """
    directory, how = find_dir(root, configured, tree)
    if directory is None or not tree.is_dir(str(root / directory)):
        return Decisions(None, (), (), how if directory is None else f"{directory} ({how})")
    from fitness.adr.records import NO_STATUS, Unreadable, read_record  # only when there are ADRs

    records: list[Adr] = []
    problems: list[RecordProblem] = []
    read: list[tuple[Adr, str | None]] = []
    for entry in tree.entries(str(root / directory)):
        match = re.fullmatch(_RECORD, entry.name)
        if match is None or not entry.is_file:
            continue
        name = shown(entry.name)  # a name that is not UTF-8 is shown escaped, and said so
        relative = f"{directory}/{name}" if directory != "." else name
        if name != entry.name:
            problems.append(RecordProblem(relative, 1, _NOT_UTF8))
        try:
            found = read_record(read_text(tree, str(root / directory / entry.name), "utf-8-sig"))
        except Unreadable as exc:
            problems.append(RecordProblem(relative, exc.line, exc.reason))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(RecordProblem(relative, 1, f"cannot read: {_why(exc)}"))
            continue
        if statuses and found.status_line is not None:
            found = _in_project_words(found, statuses)
        if found.status_line is None:
            problems.append(RecordProblem(relative, 1, NO_STATUS))
        elif found.status is AdrStatus.UNKNOWN:
            problems.append(RecordProblem(relative, found.status_line, _unknown(found)))
        read.append((_record(relative, match.group("digits"), found), found.successor))
    seen: dict[int, str] = {}
    for adr, _ in read:
        if adr.number is None:
            continue
        if adr.number in seen:
            problems.append(RecordProblem(adr.path, 1, _duplicate(adr, seen[adr.number])))
        else:
            seen[adr.number] = adr.path
    draft = Decisions(directory, tuple(adr for adr, _ in read), (), how)
    for adr, successor in read:
        records.append(adr._replace(successor=_successor_key(draft, adr, successor)))
    problems.sort()
    return Decisions(directory, tuple(records), tuple(problems), how)


def _in_project_words(found: Read, statuses: Mapping[str, AdrStatus]) -> Read:
    from fitness.adr.status import in_project_words

    said = in_project_words(found.status_text, statuses)
    if said is None:
        return found
    return found._replace(status=said.status, successor=said.successor)


def _record(path: str, digits: str, found: Read) -> Adr:
    number = None if len(digits) == 8 and re.fullmatch(_DATE, digits) else int(digits)
    key = _stem(path) if number is None else f"ADR-{number:04d}"
    return Adr(
        key=key,
        number=number,
        title=found.title,
        status=found.status,
        status_text=found.status_text,
        successor=found.successor,
        path=path,
        status_line=found.status_line,
        date=found.date,
        named=found.named,
    )


def _successor_key(decisions: Decisions, adr: Adr, written: str | None) -> str | None:
    from fitness.adr.references import resolve

    if written is None:
        return None
    successor = resolve(written, decisions, adr.path.rpartition("/")[0])
    return successor.key if successor is not None else written


def _unknown(found: Read) -> str:
    return (
        f"unknown status '{found.status_text}': write one of proposed, accepted, rejected, "
        "deprecated or superseded by <ADR>, or map the word in [tool.fitness.adr] statuses"
    )


def _duplicate(adr: Adr, first: str) -> str:
    return (
        f"{adr.key} is also the number of {first}: a reference to {adr.key} means that one; "
        "renumber this record"
    )


def _stem(path: str) -> str:
    return path.rpartition("/")[2][: -len(".md")]


def _posix(path: str) -> str:
    return path.replace("\\", "/").strip().removeprefix("./").rstrip("/") or "."


def _read_small(tree: Tree, path: Path) -> str | None:
    try:
        return read_text(tree, str(path)) if tree.is_file(str(path)) else None
    except (OSError, UnicodeDecodeError):
        return None


def _why(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return f"not UTF-8 ({exc})"
