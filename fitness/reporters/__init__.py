"""Reporters: each renders a `Report` it is given, and decides nothing."""

from __future__ import annotations

from fitness.reporters.base import RenderOptions, Reporter
from fitness.reporters.github import render_github
from fitness.reporters.json_report import render_json
from fitness.reporters.junit import render_junit
from fitness.reporters.markdown import render_markdown
from fitness.reporters.sarif import render_sarif
from fitness.reporters.text import render_text

REPORTERS: dict[str, Reporter] = {
    "github": render_github,
    "json": render_json,
    "junit": render_junit,
    "markdown": render_markdown,
    "sarif": render_sarif,
    "text": render_text,
}

__all__ = ["REPORTERS", "RenderOptions", "Reporter"]
