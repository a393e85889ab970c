from __future__ import annotations

from typing import TYPE_CHECKING

from app.util import types

if TYPE_CHECKING:
    from app.ui.widgets import Widget


def start(widget: Widget) -> str:
    return types.describe(widget)
