from ..domain import models
from . import pricing


def place_order(total: int) -> "models.Order":
    return models.Order(pricing.price(total))


def describe(order: "models.Order") -> str:
    return f"order of {order.total}"
