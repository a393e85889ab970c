"""The points of a history kept in the cache, so that tomorrow's run checks only the new ones.

A point is stored as JSON in the cache directory (`history-KEY.json`), named by a
hash of what decides it: the commit's tree id, the configuration text it was
judged by (or that it was its own), where the configuration lies in the
repository, and the versions of fitness and of this format. A file that cannot be
read or does not hold a point is ignored and made again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fitness import __version__
from fitness.atomic import write_atomic
from fitness.logs import Logger
from fitness.model.history import HistoryPoint, PointFinding
from fitness.parsing.cache import own_directory

FORMAT = 2
log = Logger("fitness.cache")


def point_key(tree: str, config_text: bytes | None, config_place: str) -> str:
    """The name of a point's record: `config_text` None means each commit's own configuration."""
    digest = hashlib.sha256()
    judged = "own" if config_text is None else hashlib.sha256(config_text).hexdigest()
    for part in (str(FORMAT), __version__, tree, judged, config_place):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()[:32]


def load_point(
    directory: Path | None, key: str, commit: str, timestamp: int
) -> HistoryPoint | None:
    """The point stored under `key`, for `commit` (the same tree may be several commits')."""
    if directory is None:
        return None
    try:
        stored = json.loads((directory / f"history-{key}.json").read_text("utf-8"))
        return _decode(stored, commit, timestamp)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
        log.debug("cache: ignoring the history point %s (%s)", key, exc)
        return None


def save_point(directory: Path | None, key: str, point: HistoryPoint) -> None:
    if directory is None:
        return
    try:
        own_directory(directory)
        write_atomic(directory / f"history-{key}.json", json.dumps(_encode(point)))
    except OSError as exc:
        log.warning("cannot write the cache %s: %s", directory / f"history-{key}.json", exc)


def _encode(point: HistoryPoint) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "tree": point.tree,
        "status": point.status,
        "error": point.error,
        "by_rule": [list(pair) for pair in point.by_rule],
        "by_severity": [list(pair) for pair in point.by_severity],
        "modules": point.modules,
        "imports": point.imports,
        "cycles": point.cycles,
        "baseline": point.baseline,
        "findings": [[*found[:-1], list(found.imports)] for found in point.findings],
        "metrics": [list(pair) for pair in point.metrics],
    }


def _decode(stored: dict[str, Any], commit: str, timestamp: int) -> HistoryPoint | None:
    if stored.get("format") != FORMAT:
        return None
    return HistoryPoint(
        commit=commit,
        tree=str(stored["tree"]),
        timestamp=timestamp,
        status=str(stored["status"]),
        error=None if stored["error"] is None else str(stored["error"]),
        by_rule=tuple((str(rule), int(count)) for rule, count in stored["by_rule"]),
        by_severity=tuple((str(level), int(count)) for level, count in stored["by_severity"]),
        modules=int(stored["modules"]),
        imports=int(stored["imports"]),
        cycles=int(stored["cycles"]),
        baseline=None if stored["baseline"] is None else int(stored["baseline"]),
        findings=tuple(
            PointFinding(str(k), str(r), str(s), str(m), str(p), int(n), tuple(map(str, i)))
            for k, r, s, m, p, n, i in stored["findings"]
        ),
        metrics=tuple((str(name), float(value)) for name, value in stored["metrics"]),
    )
