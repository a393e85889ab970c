import shop.one.api
