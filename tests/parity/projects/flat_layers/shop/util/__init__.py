"""Utilities. This __init__ imports the service layer, which matters only if
`import shop.util.text` is taken to import shop.util as well (it runs this file at
run time; grimp records only shop.util.text)."""

from shop.service import orders as _orders  # noqa: F401
