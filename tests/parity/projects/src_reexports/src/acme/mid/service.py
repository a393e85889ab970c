from acme import VERSION


def run() -> str:
    return VERSION
