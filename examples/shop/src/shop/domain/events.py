"""Domain events.

The publish helper below was wired straight to the bus as a shortcut.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shop.domain.order import Order


def publish(name: str, payload: str) -> None:
    from shop.infrastructure.bus import send

    send(name, payload)
