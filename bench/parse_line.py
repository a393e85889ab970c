"""Where parsing in fitness's own process beats starting workers, by source size and idle CPUs.

    python bench/parse_line.py [--rounds 20]

Run `bench/run.py` once first: this uses its venv and its copies of Django and
starlette (bench/.work). The samples are Django modules (none over 60 KB) taken
in one fixed random order until a sample holds its size, 25 KB to 400 KB, flat in
one package; and starlette. A round runs `fitness check` cold on each sample
three ways, in random order: parsing in this process, in workers with `-j 2`,
and with `-j 1` (fitness's line is moved out of the way for each). Before and
after each trio a probe measures the CPUs left idle by other work, as the report
head does (2.0: both idle); trios with both probes at 1.6 or more count as "two
idle CPUs", with both at 1.3 or less as "one". Prints the medians as Markdown.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from files import module_files

BENCH = Path(__file__).resolve().parent
SIZES_KB = (25, 50, 100, 150, 200, 300, 400)
LARGEST_KB = 60
CONFIG = (
    '[tool.fitness]\nsource_roots = ["."]\n\n'
    '[tool.fitness.rules.f]\nkind = "forbidden"\nfrom = ["{package}"]\nto = ["os"]\n'
)
# fitness's command line with its in-process line moved: 0 bytes means workers always.
RUN = (
    "import sys; import fitness.parsing.collect as c; c._IN_PROCESS_BYTES = {line}; "
    "from fitness.cli import main; sys.argv[0] = 'fitness'; main()"
)
WAYS = {"here": (1 << 40, 2), "workers -j 2": (0, 2), "workers -j 1": (0, 1)}


def samples(work: Path) -> list[Path]:
    """The sample projects under work/line/, made afresh."""
    django = work / "django"
    modules = [
        p for p in module_files(django, "django") if 0 < p.stat().st_size <= LARGEST_KB << 10
    ]
    random.Random(7).shuffle(modules)
    made = []
    for kb in SIZES_KB:
        project = work / "line" / f"sample{kb}"
        shutil.rmtree(project, ignore_errors=True)
        (project / "p").mkdir(parents=True)
        (project / "p" / "__init__.py").touch()
        total = 0
        for index, module in enumerate(modules):
            if total >= kb << 10:
                break
            shutil.copyfile(module, project / "p" / f"m{index}.py")
            total += module.stat().st_size
        (project / "pyproject.toml").write_text(CONFIG.format(package="p"))
        made.append(project)
    starlette = work / "line" / "starlette"
    shutil.rmtree(starlette, ignore_errors=True)
    shutil.copytree(work / "starlette" / "starlette", starlette / "starlette")
    (starlette / "pyproject.toml").write_text(CONFIG.format(package="starlette"))
    made.append(starlette)
    return made


_BURN = "s = 0\nfor i in range(2_000_000): s += i"


def _burn(copies: int) -> float:
    start = time.perf_counter()
    children = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(copies)]
    for child in children:
        child.wait()
    return time.perf_counter() - start


def idle() -> float:
    """CPUs left idle by other work: one busy loop's time, doubled, over two at once's."""
    return 2 * _burn(1) / _burn(2)


def cold(python: Path, project: Path, line: int, jobs: int) -> float:
    shutil.rmtree(project / ".fitness_cache", ignore_errors=True)
    argv = [str(python), "-c", RUN.format(line=line), "check", "-j", str(jobs)]
    start = time.perf_counter()
    subprocess.run(argv, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--work", type=Path, default=BENCH / ".work")
    args = parser.parse_args()
    python = args.work.resolve() / "venv" / "bin" / "python"
    projects = samples(args.work.resolve())
    trios: list[tuple[Path, tuple[float, float], dict[str, float]]] = []
    for round_ in range(args.rounds):
        for project in projects:
            before = idle()
            ways = list(WAYS.items())
            random.shuffle(ways)
            times = {way: cold(python, project, *how) for way, how in ways}
            probes = (before, idle())
            shown = ", ".join(f"{way} {1000 * t:.0f} ms" for way, t in times.items())
            print(f"round {round_ + 1} {project.name}: {shown}; idle {probes}", file=sys.stderr)
            trios.append((project, probes, times))
    for label, low, high in (("two idle CPUs", 1.6, 2.5), ("one idle CPU", 0.0, 1.3)):
        print(f"\n{label}: median wall time of a cold run, ms\n")
        print("| sample | KB | files | here | workers -j 2 | workers -j 1 | -j 2 minus here | n |")
        print("|---|---|---|---|---|---|---|---|")
        for project in projects:
            kept = [
                t
                for p, (a, b), t in trios
                if p == project and low <= min(a, b) <= max(a, b) <= high
            ]
            if not kept:
                continue
            sources = list(project.rglob("*.py"))
            kb = sum(p.stat().st_size for p in sources) / 1024
            median = {way: 1000 * statistics.median(t[way] for t in kept) for way in WAYS}
            gap = statistics.median(1000 * (t["workers -j 2"] - t["here"]) for t in kept)
            cells = " | ".join(f"{median[way]:.0f}" for way in WAYS)
            row = f"{project.name} | {kb:.0f} | {len(sources)} | {cells} | {gap:+.0f} | {len(kept)}"
            print(f"| {row} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
