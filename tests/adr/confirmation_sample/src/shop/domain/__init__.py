from shop import api

__all__ = ["api"]
