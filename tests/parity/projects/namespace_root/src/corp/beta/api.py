def call(value: str) -> str:
    return f"beta:{value}"
