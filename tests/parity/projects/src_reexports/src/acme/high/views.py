from acme.low import store


def show() -> str:
    return store.load()
