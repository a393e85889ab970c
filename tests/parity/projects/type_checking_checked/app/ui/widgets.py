from app.core import engine


class Widget:
    def draw(self) -> str:
        return engine.start(self)
