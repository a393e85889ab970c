from shop.one import core
