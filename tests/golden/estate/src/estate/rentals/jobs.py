import importlib

service = importlib.import_module("estate.rentals.service")
