from .service import run

__all__ = ["run"]
