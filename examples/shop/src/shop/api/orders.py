from shop.api.schemas import Money
from shop.services.checkout import place_order


def post_order(payload: dict) -> dict:
    order = place_order(payload["customer"], Money(payload["total"]).cents)
    return {"id": order.id}
