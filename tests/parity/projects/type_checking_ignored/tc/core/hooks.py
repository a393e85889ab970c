import typing

if typing.TYPE_CHECKING:
    from ..ui import widgets
else:
    from ..ui import theme


def colour() -> str:
    return theme.COLOUR


def attach(widget: "widgets.Widget") -> None:
    return None
