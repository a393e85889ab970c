from typing import TYPE_CHECKING

if not TYPE_CHECKING:
    from tc.ui.theme import COLOUR
else:
    COLOUR = "unknown"


def load() -> str:
    return COLOUR
