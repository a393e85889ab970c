from .views import page

FORM = "invoice-form"


def preview() -> str:
    return page()
