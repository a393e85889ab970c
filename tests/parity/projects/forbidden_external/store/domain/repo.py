from store.infra.cache import remember


def save(key: str) -> None:
    remember(key)
