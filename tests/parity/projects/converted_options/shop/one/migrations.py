from shop.one import api
