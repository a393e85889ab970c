from store.app import usecases

from .entities import Product


def allowed(product: Product) -> bool:
    return usecases.count() >= 0
