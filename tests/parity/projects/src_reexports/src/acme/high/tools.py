def helper() -> str:
    return "help"
