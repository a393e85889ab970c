from shop.plugins.beta import y
