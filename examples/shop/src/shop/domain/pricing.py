from shop.api.schemas import Money


def with_vat(amount: Money) -> Money:
    return Money(round(amount.cents * 1.2), amount.currency)
