"""The progress bar appears once parsing has taken about a second, whatever the file count."""

from __future__ import annotations

import io

import pytest

from fitness import progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_bar_for_a_parse_that_ends_within_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    clock = Clock()
    bar = progress._Bar(clock)

    bar.start(30)
    for _ in range(30):
        clock.now += 0.03
        bar.advance()
    bar.finish()

    assert err.getvalue() == ""


def test_a_bar_once_a_second_has_passed_even_for_few_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    shown: list[tuple[int, int]] = []

    class FakeBar:
        def __init__(self, length: int, label: str, file: object) -> None:
            self.length, self.done = length, 0

        def __enter__(self) -> FakeBar:
            return self

        def __exit__(self, *exc: object) -> None:
            shown.append((self.length, self.done))

        def update(self, steps: int) -> None:
            self.done += steps

    monkeypatch.setattr("click.progressbar", FakeBar)
    clock = Clock()
    bar = progress._Bar(clock)

    bar.start(8)
    for _ in range(8):
        clock.now += 0.3
        bar.advance()
    bar.finish()

    assert shown == [(8, 8)]
