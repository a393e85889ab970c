import shop.two.api
