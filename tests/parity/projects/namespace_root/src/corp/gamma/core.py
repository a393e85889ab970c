from corp.beta.api import call


def go() -> str:
    return call("gamma")
