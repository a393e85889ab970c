"""Reporters: each renders a `Report` it is given, and decides nothing.

Each is imported when it renders: a run that prints text never imports the
SARIF or JUnit reporters (nor the json, html and urllib they need).
"""

from __future__ import annotations

from fitness.model import Report
from fitness.reporters.base import RenderOptions, Reporter
from fitness.reporters.text import render_text


def _github(report: Report, options: RenderOptions) -> str:
    from fitness.reporters.github import render_github

    return render_github(report, options)


def _json(report: Report, options: RenderOptions) -> str:
    from fitness.reporters.json_report import render_json

    return render_json(report, options)


def _junit(report: Report, options: RenderOptions) -> str:
    from fitness.reporters.junit import render_junit

    return render_junit(report, options)


def _markdown(report: Report, options: RenderOptions) -> str:
    from fitness.reporters.markdown import render_markdown

    return render_markdown(report, options)


def _sarif(report: Report, options: RenderOptions) -> str:
    from fitness.reporters.sarif import render_sarif

    return render_sarif(report, options)


REPORTERS: dict[str, Reporter] = {
    "github": _github,
    "json": _json,
    "junit": _junit,
    "markdown": _markdown,
    "sarif": _sarif,
    "text": render_text,
}

__all__ = ["REPORTERS", "RenderOptions", "Reporter"]
