from store.infra import db


def count() -> int:
    return db.count_rows()
