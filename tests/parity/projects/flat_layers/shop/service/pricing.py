def price(total: int) -> int:
    return total


def price_and_render(total: int) -> str:
    from shop.api import handlers

    from ..domain.models import Order

    return handlers.render(Order(price(total)))
