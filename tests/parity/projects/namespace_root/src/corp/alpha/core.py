from ..tools import fmt


def report() -> str:
    return fmt.pretty("alpha")
