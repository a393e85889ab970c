def render() -> str:
    return "fast"
