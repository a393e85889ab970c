from __future__ import annotations

from typing import TYPE_CHECKING

import typing_extensions

if TYPE_CHECKING:
    from tc.ui.widgets import Widget

if typing_extensions.TYPE_CHECKING:
    from tc.ui import theme


def start(widget: Widget | None = None) -> str:
    if TYPE_CHECKING:
        from tc.ui.theme import COLOUR  # noqa: F401

    return "started"


def colour(module: theme) -> str:  # type: ignore[valid-type]
    return "none"
