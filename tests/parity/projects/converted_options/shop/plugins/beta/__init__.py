from shop.two import core
