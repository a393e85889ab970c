from sqlalchemy.orm import Session


def save(obj: object) -> None:
    with Session() as session:
        session.add(obj)
