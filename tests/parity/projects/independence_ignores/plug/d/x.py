from .. import shared


def go() -> str:
    return shared.relay()
