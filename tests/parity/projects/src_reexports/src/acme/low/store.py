from acme.low import models
from acme.mid import run


def load() -> str:
    return run() + models.NAME
