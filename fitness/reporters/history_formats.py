"""The formats of `fitness history`, by name: each renders a `History` it is given."""

from __future__ import annotations

from collections.abc import Callable

from fitness.model.history import History


def _csv(history: History) -> str:
    from fitness.reporters.history_csv import render_history_csv

    return render_history_csv(history)


def _html(history: History) -> str:
    from fitness.reporters.history_html import render_history_html

    return render_history_html(history)


def _json(history: History) -> str:
    from fitness.reporters.history_json import render_history_json

    return render_history_json(history)


def _markdown(history: History) -> str:
    from fitness.reporters.history_markdown import render_history_markdown

    return render_history_markdown(history)


def _text(history: History) -> str:
    from fitness.reporters.history_text import render_history_text

    return render_history_text(history)


HISTORY_FORMATS: dict[str, Callable[[History], str]] = {
    "csv": _csv,
    "html": _html,
    "json": _json,
    "markdown": _markdown,
    "text": _text,
}
