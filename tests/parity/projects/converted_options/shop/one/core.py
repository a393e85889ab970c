import shop.two
