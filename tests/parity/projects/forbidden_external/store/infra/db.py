import sqlalchemy.orm
from sqlalchemy import select

from . import cache


def count_rows() -> int:
    cache.remember("count")
    return len(str(select)) + len(str(sqlalchemy.orm))
