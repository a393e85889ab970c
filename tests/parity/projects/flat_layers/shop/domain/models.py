import shop.util.text


class Order:
    def __init__(self, total: int) -> None:
        self.total = total

    def label(self) -> str:
        return shop.util.text.shout(str(self.total))
