from ...util import text
from ..models import Order


def check(order: Order) -> str:
    return text.shout("ok" if order.total < 100 else "too much")
