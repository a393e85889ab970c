from plug.c import bridge


def run() -> str:
    return bridge.forward("a")
