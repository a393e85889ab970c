from shop import domain

__all__ = ["domain"]
