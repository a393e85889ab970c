"""The history as one JSON document (docs/history.schema.json): a point per sampled commit,
every finding followed across them, and the summary."""

from __future__ import annotations

import json
from typing import Any

from fitness import __version__
from fitness.model.history import History, HistoryPoint, Tracked
from fitness.reporters.history_common import SEVERITIES, instant

VERSION = 1


def render_history_json(history: History) -> str:
    return json.dumps(history_document(history), indent=2, ensure_ascii=False) + "\n"


def history_document(history: History) -> dict[str, Any]:
    oldest = history.summary.oldest
    return {
        "schema": "fitness-history",
        "version": VERSION,
        "fitness": __version__,
        "rules": list(history.rules),
        "points": [_point(history, point) for point in history.points],
        "findings": [_finding(item) for item in history.findings],
        "summary": {
            "added": history.summary.added,
            "fixed": history.summary.fixed,
            "open": history.summary.open,
            "oldest": None if oldest is None else oldest.key,
        },
    }


def _point(history: History, point: HistoryPoint) -> dict[str, Any]:
    by_rule = dict(point.by_rule)
    by_severity = dict(point.by_severity)
    return {
        "commit": point.commit,
        "tree": point.tree,
        "date": instant(point.timestamp),
        "status": point.status,
        "error": point.error,
        "total": point.total,
        "by_rule": {rule: by_rule.get(rule, 0) for rule in history.rules},
        "by_severity": {level: by_severity.get(level, 0) for level in SEVERITIES},
        "modules": point.modules,
        "imports": point.imports,
        "cycles": point.cycles,
        "baseline": point.baseline,
        "metrics": dict(point.metrics),
    }


def _finding(item: Tracked) -> dict[str, Any]:
    return {
        "key": item.key,
        "rule": item.rule_id,
        "severity": item.severity,
        "message": item.message,
        "path": item.path,
        "line": item.line,
        "introduced": item.introduced,
        "introduced_date": instant(item.introduced_at),
        "before_history": item.before,
        "fixed": item.fixed,
        "fixed_date": None if item.fixed_at is None else instant(item.fixed_at),
        "age_days": item.age_days,
        "grew_by": list(item.grew_by),
    }
