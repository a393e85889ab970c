import json

import sqlalchemy


def send(name: str, payload: str) -> None:
    print(json.dumps({"event": name, "payload": payload}), sqlalchemy)
