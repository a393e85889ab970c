from app.orders.serializers import dump

from .serializers import render


def page() -> str:
    return render() + dump(None)
