from .models import Invoice


def render() -> str:
    return repr(Invoice())
