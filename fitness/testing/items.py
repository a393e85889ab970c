"""The pytest side of `fitness.testing`: each example of the chosen kinds as a test item."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fitness.testing import (
    ExampleFailure,
    check_example,
    check_has_both,
    check_keys,
    examples_of,
    plugin_kinds,
)


class ExamplesPlugin:
    """Adds the items before any other plugin selects or deselects (`-k`, `-m`)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        kinds = _chosen(config)
        added: list[pytest.Item] = []
        for kind in kinds:
            added.append(KindItem.from_parent(session, name=f"{kind}-examples", run=_both(kind)))
            added.append(KindItem.from_parent(session, name=f"{kind}-keys", run=_keys(kind)))
        for kind, name, example in examples_of(kinds):
            added.append(KindItem.from_parent(session, name=name, run=_example(kind, example)))
        items[:0] = added


class KindItem(pytest.Item):
    """One check of a kind's documentation: an example, its keys, or that it has both."""

    def __init__(self, *, run: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._run = run

    def runtest(self) -> None:
        self._run()

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExampleFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"fitness examples: {self.name}"


def _chosen(config: pytest.Config) -> list[str]:
    option = config.getoption("--fitness-kinds")
    if option:
        return [name.strip() for name in str(option).split(",") if name.strip()]
    ini = [str(name) for name in config.getini("fitness_kinds")]
    return ini or plugin_kinds()


def _example(kind: str, example: Any) -> Callable[[], None]:
    def run() -> None:
        with tempfile.TemporaryDirectory() as root:
            check_example(kind, example, Path(root))

    return run


def _both(kind: str) -> Callable[[], None]:
    return lambda: check_has_both(kind)


def _keys(kind: str) -> Callable[[], None]:
    return lambda: check_keys(kind)
