"""The orders API's tests (the example's: fitness reads them, never runs them)."""

from shop.api import orders


def test_orders_module_exists() -> None:
    assert orders
