from corp.beta import api


def pretty(value: str) -> str:
    return api.call(value).title()
