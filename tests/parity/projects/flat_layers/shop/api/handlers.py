from ..domain.models import Order
from ..service import orders


def render(order: Order) -> str:
    return orders.describe(order)
