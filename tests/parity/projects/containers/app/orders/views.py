from . import forms, serializers
from .models import Order


def page() -> str:
    return f"{forms.FORM} {serializers.dump(Order())}"
