def render() -> str:
    return "slow"
