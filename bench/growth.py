"""The growth curve: fitness and import-linter on synthetic layered packages of growing size.

    python bench/growth.py [--sizes 2000,10000,30000] [--rounds 3] [--out bench/RESULTS.md]

Standard library only; the venv is `bench/run.py`'s (fitness re-installed from the working
tree). Each size gets a project from `bench/synthetic.py` under `bench/.work/synthetic-N/`,
and, alternated round by round, as `bench/run.py` does:

- cold: fitness with `.fitness_cache/` deleted (`-j 2`), `lint-imports --no-cache`;
- warm: both with their caches primed, nothing changed;
- one file changed: before each run a line `# bench edit N` is appended to one module
  of the middle layer (its facts are those it had: fitness reuses its findings);
- one import changed: fitness, before each run a line `import synth.l9.m1` is appended
  to the same module (its imports change: the graph is updated, the rules run again).

The table goes into the growth section of `--out` (the rest of the file is kept), with
the medians, the peak RSS of the warm runs, and the growth factor between sizes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path

import environment
import report
import synthetic
from environment import log
from measure import Command, ScenarioResult, run_once, run_scenario

BENCH = Path(__file__).resolve().parent
START = "<!-- growth: written by bench/growth.py -->"
END = "<!-- growth: end -->"
TIMES = "\u00d7"  # the multiplication sign, as the rest of RESULTS.md writes ratios


def measure(venv: Path, work: Path, modules: int, rounds: int) -> dict[str, ScenarioResult]:
    project = work / f"synthetic-{modules}"
    log(f"synthetic {modules}: generating {project}")
    synthetic.generate(project, modules)
    fitness = str(venv / "bin" / "fitness")
    linter = str(venv / "bin" / "lint-imports")
    changed = project / synthetic.changed_file(modules)
    edits = iter(range(1, 1_000_000))

    def append(text: Callable[[int], str]) -> Callable[[], None]:
        def edit() -> None:
            with open(changed, "a", encoding="utf-8") as handle:
                handle.write(text(next(edits)))

        return edit

    def cmd(column: str, argv: list[str], prepare: Callable[[], None] | None = None) -> Command:
        return Command(column, argv, project, prepare)

    def forget() -> None:
        shutil.rmtree(project / ".fitness_cache", ignore_errors=True)

    results = {
        "cold": run_scenario(
            "cold",
            [
                cmd("fitness", [fitness, "check", "-j", "2"], forget),
                cmd("lint-imports", [linter, "--no-cache"]),
            ],
            rounds,
            rounds,
        )
    }
    warm = [cmd("fitness", [fitness, "check", "-j", "2"]), cmd("lint-imports", [linter])]
    for command in warm:
        run_once(command)  # prime the caches
    results["warm"] = run_scenario("warm", warm, rounds, rounds)
    comment = append(lambda n: f"# bench edit {n}\n")
    results["one file changed"] = run_scenario(
        "one file changed",
        [
            cmd("fitness", [fitness, "check", "-j", "2"], comment),
            cmd("lint-imports", [linter], comment),
        ],
        rounds,
        rounds,
    )
    new_import = append(lambda n: f"import {synthetic.PACKAGE}.l{synthetic.LAYERS - 1}.m1\n")
    results["one import changed"] = run_scenario(
        "one import changed",
        [cmd("fitness", [fitness, "check", "-j", "2"], new_import)],
        rounds,
        rounds,
    )
    return results


def render(sizes: list[int], found: dict[int, dict[str, ScenarioResult]], head: list[str]) -> str:
    def s(size: int, scenario: str, column: str) -> float:
        return found[size][scenario].seconds(column) or 0.0

    def peak(size: int, scenario: str, column: str) -> float:
        samples = found[size][scenario].samples[column]
        return statistics.median(sample.max_rss_kb for sample in samples) / 1024

    out = [START, "", "## Growth: synthetic layered packages", ""]
    out += [
        "`python bench/growth.py` (see its docstring): `bench/synthetic.py`'s packages, ten",
        "layers under one container, every module importing three modules of lower layers, one",
        "violation; fitness and lint-imports alternated, medians of the rounds.",
        "",
        *head,
        "",
        "| modules | fitness cold | lint-imports cold | fitness warm | lint-imports warm "
        "| warm ÷ lint-imports warm | fitness one file changed (÷ lint-imports warm) "
        "| lint-imports one file changed | fitness one import changed (÷ lint-imports warm) "
        "| warm peak RSS fitness / lint-imports |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        li_warm = s(size, "warm", "lint-imports")
        one = s(size, "one file changed", "fitness")
        imp = s(size, "one import changed", "fitness")
        warm = s(size, "warm", "fitness")
        out.append(
            f"| {size:,} | {s(size, 'cold', 'fitness'):.2f} s "
            f"| {s(size, 'cold', 'lint-imports'):.2f} s "
            f"| {warm:.2f} s | {li_warm:.2f} s "
            f"| {warm / li_warm:.2f}{TIMES} | {one:.2f} s ({one / li_warm:.2f}{TIMES}) "
            f"| {s(size, 'one file changed', 'lint-imports'):.2f} s "
            f"| {imp:.2f} s ({imp / li_warm:.2f}{TIMES}) "
            f"| {peak(size, 'warm', 'fitness'):.0f} MB "
            f"/ {peak(size, 'warm', 'lint-imports'):.0f} MB |"
        )
    out += ["", "Growth factor between sizes (time at the larger ÷ time at the smaller):", ""]
    out.append(
        "| sizes | modules | fitness cold | lint-imports cold | fitness warm | lint-imports warm "
        "| fitness one file changed | fitness one import changed |"
    )
    out.append("|---|---|---|---|---|---|---|---|")
    for small, large in zip(sizes, sizes[1:]):
        cells = [
            s(large, scenario, column) / s(small, scenario, column)
            for scenario, column in (
                ("cold", "fitness"),
                ("cold", "lint-imports"),
                ("warm", "fitness"),
                ("warm", "lint-imports"),
                ("one file changed", "fitness"),
                ("one import changed", "fitness"),
            )
        ]
        out.append(
            f"| {small:,} → {large:,} | {large / small:.1f}{TIMES} | "
            + " | ".join(f"{cell:.2f}{TIMES}" for cell in cells)
            + " |"
        )
    out += ["", "Every sample (seconds, in run order):", ""]
    for size in sizes:
        for result in found[size].values():
            for column, samples in result.samples.items():
                times = ", ".join(f"{sample.seconds:.3f}" for sample in samples)
                out.append(f"- {size:,} / {result.name} / {column}: {times} s")
    out += ["", END]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,30000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=BENCH / ".work")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    work = args.work.resolve()
    venv = work / "venv"
    environment.prepare_venv(venv)
    versions = environment.versions(venv)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    cores = environment.usable_cores()
    found = {size: measure(venv, work, size, args.rounds) for size in sizes}
    head = [
        f"- load average at start: {load}; usable cores at start: {cores}",
        "- load average at end: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + f"; usable cores at end: {environment.usable_cores()}",
        f"- fitness {versions.get('fitness', '?')}, import-linter "
        f"{versions.get('import-linter', '?')}; {args.rounds} rounds per scenario",
    ]
    section = render(sizes, found, head)
    print(section)
    report.write_section(args.out, section, START, END)
    log(f"written to {args.out}")


if __name__ == "__main__":
    main()
