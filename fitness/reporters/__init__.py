"""Reporters: each renders a `Report` it is given, and decides nothing."""

from __future__ import annotations

from fitness.reporters.base import RenderOptions, Reporter
from fitness.reporters.json_report import render_json
from fitness.reporters.text import render_text

REPORTERS: dict[str, Reporter] = {
    "json": render_json,
    "text": render_text,
}

__all__ = ["REPORTERS", "RenderOptions", "Reporter"]
