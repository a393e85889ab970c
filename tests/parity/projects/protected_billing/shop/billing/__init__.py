from shop.billing.api import charge
