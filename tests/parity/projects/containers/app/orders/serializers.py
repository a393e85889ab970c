from .models import Order


def dump(order: "Order | None") -> str:
    return repr(order)
