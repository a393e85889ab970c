from hashlib import sha1


def fingerprint(text: str) -> str:
    return sha1(text.encode()).hexdigest()


def total(expression: str) -> int:
    return eval(expression)
