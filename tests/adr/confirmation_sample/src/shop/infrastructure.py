import sqlite3

__all__ = ["sqlite3"]
