"""Run commands alternately and record wall time and peak RSS of each child process."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from environment import log


@dataclass(frozen=True)
class Command:
    """One column of a scenario: what to run, where, and what to do just before (untimed)."""

    column: str
    argv: Sequence[str]
    cwd: Path
    prepare: Callable[[], None] | None = None
    expect: int = 1  # the exit code that shows the tool ran (1: it found the violations)


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_kb: int  # the largest resident set of the child or any process it waited for


@dataclass
class ScenarioResult:
    """Every sample of every column of one scenario, in the order they were taken."""

    name: str
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    @property
    def runs(self) -> int:
        return min((len(s) for s in self.samples.values()), default=0)

    def seconds(self, column: str) -> float | None:
        found = self.samples.get(column)
        return statistics.median(s.seconds for s in found) if found else None

    def rss_mb(self, column: str) -> float | None:
        found = self.samples.get(column)
        return statistics.median(s.max_rss_kb for s in found) / 1024 if found else None


def run_once(command: Command) -> Sample:
    """Time one run from fork to exit; its output goes nowhere, its exit code is checked."""
    if command.prepare is not None:
        command.prepare()
    start = time.perf_counter()
    child = subprocess.Popen(
        list(command.argv),
        cwd=command.cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != command.expect:
        raise SystemExit(
            f"{command.column}: exit code {child.returncode}, expected {command.expect}: "
            f"{' '.join(map(str, command.argv))} (in {command.cwd})"
        )
    return Sample(elapsed, usage.ru_maxrss)


def run_scenario(
    name: str,
    commands: Sequence[Command],
    runs: int,
    slow_runs: int,
    slow_round_s: float = 120.0,
) -> ScenarioResult:
    """Rounds of A B C …; after the first round, a scenario slower than `slow_round_s`
    per round is cut to `slow_runs` rounds in all."""
    result = ScenarioResult(name, {c.column: [] for c in commands})
    planned = runs
    done = 0
    while done < planned:
        started = time.perf_counter()
        for command in commands:
            sample = run_once(command)
            result.samples[command.column].append(sample)
            log(
                f"{name} #{done + 1}/{planned} {command.column}: {sample.seconds:.3f} s, "
                f"{sample.max_rss_kb / 1024:.0f} MB"
            )
        done += 1
        if done == 1 and time.perf_counter() - started > slow_round_s:
            planned = min(runs, slow_runs)
    return result
