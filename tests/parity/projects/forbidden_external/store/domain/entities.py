class Product:
    name = "thing"
