def call(value: str) -> str:
    return f"b:{value}"
