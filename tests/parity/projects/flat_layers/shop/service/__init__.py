from .orders import place_order
