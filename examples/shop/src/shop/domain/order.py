from dataclasses import dataclass

from . import events


@dataclass
class Order:
    id: str
    total: int

    def confirm(self) -> None:
        events.publish("order-confirmed", self.id)
