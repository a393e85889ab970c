import shop.billing.api
