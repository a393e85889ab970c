from shop.plugins.beta import x
