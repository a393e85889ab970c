from shop.domain import Order
from shop.infrastructure.db import save


def place_order(customer: str, total: int) -> Order:
    order = Order(id=customer + "-1", total=total)
    save(order)
    return order
