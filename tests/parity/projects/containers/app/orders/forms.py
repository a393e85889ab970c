from .serializers import dump

FORM = "order-form"


def preview() -> str:
    return dump(None)
