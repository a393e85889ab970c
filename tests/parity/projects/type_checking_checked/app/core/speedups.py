try:
    from app.ui.fast import render
except ImportError:
    from app.ui.slow import render


def go() -> str:
    return render()
