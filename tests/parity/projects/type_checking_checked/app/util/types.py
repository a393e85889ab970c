import typing

if typing.TYPE_CHECKING:
    from app.ui import widgets


def describe(widget: "widgets.Widget") -> str:
    return type(widget).__name__
