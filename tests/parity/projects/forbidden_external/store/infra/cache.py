def remember(key: str) -> None:
    import redis

    redis.Redis().set(key, 1)
