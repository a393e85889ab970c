class Invoice:
    def form(self) -> str:
        from .forms import FORM

        return FORM
