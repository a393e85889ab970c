"""`fitness history --every 1` over 30 commits of a git copy of the bench's Django.

    python bench/history.py [--commits 30] [--rounds 3] [--seed 24] [--out bench/RESULTS.md]

Standard library only; the venv is `bench/run.py`'s (fitness re-installed from the
working tree). `bench/.work/history-django/` gets a fresh copy of the venv's Django with
the bench's configurations (`bench/projects.py`), made a git repository: one commit of
it all, then `--commits` commits (fixed dates, an hour apart), each changing 1 to 3
modules chosen by a generator seeded with `--seed`:

- each chosen module gets a line `# history bench: commit N` appended (its imports stay
  the same: its facts are parsed again, its findings are not changed);
- in every third commit one of them also gets, or loses, an import line
  `import django.contrib.sitemaps  # history bench` (added in one such commit, removed
  in the next: the import graph changes, and back).

Then, alternated round by round (medians of the rounds):

- cold: `fitness check -j 2` with `.fitness_cache/` deleted (which holds the history's
  points too): it fills the facts cache with the newest commit's files;
- history: `fitness history --every 1 --since <first commit>` (every commit a point),
  right after the cold run: the points are all computed;
- history again: the same command, every point from the cache;
- warm: a plain `fitness check -j 2`, nothing changed;
- lint-imports: `lint-imports` with its cache primed.

The table goes into the history section of `--out` (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import environment
import report
from environment import log
from files import module_files
from measure import Command, ScenarioResult, run_once, run_scenario
from projects import PROJECTS

BENCH = Path(__file__).resolve().parent
START = "<!-- history: written by bench/history.py -->"
END = "<!-- history: end -->"
TIMES = "\u00d7"
IMPORT_LINE = "import django.contrib.sitemaps  # history bench\n"
FIRST_DATE = 1_767_225_600  # 2026-01-01 00:00 UTC, the first commit's date
IGNORED = ".fitness_cache/\n.import_linter_cache/\n__pycache__/\n"


@dataclass(frozen=True)
class Made:
    """The repository: its first commit, and what each later commit changed."""

    first: str
    changes: list[tuple[int, int]]  # per commit: modules changed, import lines added/removed
    import_commits: int


def _git(directory: Path, *argv: str, date: int = FIRST_DATE) -> str:
    stamp = f"@{date} +0000"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@localhost",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@localhost",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *argv],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def make_repository(venv: Path, directory: Path, commits: int, seed: int) -> Made:
    """A fresh copy of Django with the bench's configurations, and its commits."""
    django = next(project for project in PROJECTS if project.name == "django")
    log(f"history: copying Django into {directory}")
    environment.copy_package(venv, django.package, directory)
    django.write_configs(directory)
    (directory / ".gitignore").write_text(IGNORED)
    _git(directory, "init", "-q")
    _git(directory, "add", "-A")
    _git(directory, "commit", "-qm", "Django as the bench copies it")
    first = _git(directory, "rev-parse", "HEAD").strip()
    modules = module_files(directory, django.package)
    rng = random.Random(seed)
    imported: Path | None = None  # the module holding the added import line, if any
    changes = []
    import_commits = 0
    for number in range(1, commits + 1):
        chosen = rng.sample(modules, rng.randint(1, 3))
        if number % 3 == 0 and imported is not None and imported not in chosen:
            chosen[0] = imported  # the import line goes where it came: still 1 to 3 modules
        for path in chosen:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"# history bench: commit {number}\n")
        moved = 0
        if number % 3 == 0:
            import_commits += 1
            if imported is None:
                imported = chosen[0]
                with open(imported, "a", encoding="utf-8") as handle:
                    handle.write(IMPORT_LINE)
                moved = 1
            else:
                text = imported.read_text(encoding="utf-8")
                imported.write_text(text.replace(IMPORT_LINE, "", 1), encoding="utf-8")
                imported = None
                moved = -1
        _git(directory, "commit", "-qam", f"commit {number}", date=FIRST_DATE + 3600 * number)
        changed = len(_git(directory, "diff", "--name-only", "HEAD~1", "HEAD").split())
        changes.append((changed, moved))
    return Made(first, changes, import_commits)


def measure(
    venv: Path, directory: Path, first: str, rounds: int
) -> tuple[ScenarioResult, str, str]:
    """The scenario, and what the two history runs said on stderr (untimed runs first)."""
    fitness = str(venv / "bin" / "fitness")
    linter = str(venv / "bin" / "lint-imports")

    def forget() -> None:
        shutil.rmtree(directory / ".fitness_cache", ignore_errors=True)

    history = [fitness, "history", "--every", "1", "--since", first]
    check = [fitness, "check", "-j", "2"]
    cold = Command("fitness cold", check, directory, forget)
    first_history = Command("fitness history", history, directory, expect=0)
    second_history = Command("fitness history again", history, directory, expect=0)
    warm = Command("fitness warm", check, directory)
    lint = Command("lint-imports warm", [linter], directory)
    said = []
    run_once(cold)
    for _ in range(2):
        done = subprocess.run(history, cwd=directory, capture_output=True, text=True, check=True)
        said.append(done.stderr.strip())
        log(f"history: {said[-1]}")
    run_once(lint)  # prime import-linter's cache
    result = run_scenario(
        "history", [cold, first_history, second_history, warm, lint], rounds, rounds
    )
    return result, said[0], said[1]


def render(
    result: ScenarioResult, made: Made, points: int, said: tuple[str, str], head: list[str]
) -> str:
    def s(column: str) -> float:
        return result.seconds(column) or 0.0

    lint = s("lint-imports warm")
    warm = s("fitness warm")
    first = s("fitness history")
    again = s("fitness history again")
    per_point = first / points
    beyond = (first - warm) / points
    files = sorted(changed for changed, _ in made.changes)
    out = [START, "", "## History: `fitness history --every 1` over a git copy of Django", ""]
    out += [
        "`python bench/history.py` (see its docstring): the bench's Django in a git",
        f"repository, {len(made.changes)} commits after the first, each changing "
        f"{files[0]} to {files[-1]} modules (a comment line appended; in {made.import_commits} "
        "of them an import line added or removed, so the graph changes too); "
        f"`fitness history --every 1 --since <first commit>`: {points} points. "
        "Alternated round by round, medians of the rounds: a cold `fitness check -j 2` "
        "(`.fitness_cache/` deleted), the history (every point computed), the history "
        "again (every point from the cache), a warm `fitness check -j 2`, a warm "
        "`lint-imports`.",
        "",
        *head,
        f"- first history said: `{said[0]}`; the second: `{said[1]}`",
        "",
        "| fitness cold | fitness history | per point | per point beyond a warm check "
        "| history again | fitness warm | lint-imports warm |",
        "|---|---|---|---|---|---|---|",
        f"| {s('fitness cold'):.2f} s | {first:.2f} s | {per_point:.3f} s "
        f"({per_point / lint:.2f}{TIMES} lint-imports warm) | {beyond:.3f} s "
        f"| {again:.2f} s ({again / warm:.2f}{TIMES} fitness warm) | {warm:.2f} s "
        f"| {lint:.2f} s |",
        "",
        "| target | value | met |",
        "|---|---|---|",
        f"| a history point ≤ 1.0{TIMES} lint-imports warm | {per_point / lint:.2f}{TIMES} "
        f"| {'yes' if per_point <= lint else 'no'} |",
        f"| history again ≤ 2.0{TIMES} fitness warm | {again / warm:.2f}{TIMES} "
        f"| {'yes' if again <= 2 * warm else 'no'} |",
        "",
        "Every sample (seconds, in run order):",
        "",
    ]
    for column, samples in result.samples.items():
        out.append(f"- {column}: " + ", ".join(f"{x.seconds:.3f}" for x in samples) + " s")
    out += ["", END]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=BENCH / ".work")
    args = parser.parse_args()
    work = args.work.resolve()
    venv = work / "venv"
    environment.prepare_venv(venv)
    versions = environment.versions(venv)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    cores = environment.usable_cores()
    directory = work / "history-django"
    made = make_repository(venv, directory, args.commits, args.seed)
    result, first_said, second_said = measure(venv, directory, made.first, args.rounds)
    found = re.search(r"history: (\d+) points", first_said)
    points = int(found[1]) if found else args.commits + 1
    head = [
        f"- load average at start: {load}; usable cores at start: {cores}",
        "- load average at end: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + f"; usable cores at end: {environment.usable_cores()}",
        f"- fitness {versions.get('fitness', '?')}, import-linter "
        f"{versions.get('import-linter', '?')}, Django {versions.get('Django', '?')}; "
        f"{args.rounds} rounds; seed {args.seed}",
    ]
    section = render(result, made, points, (first_said, second_said), head)
    print(section)
    report.write_section(args.out, section, START, END)
    log(f"written to {args.out}")


if __name__ == "__main__":
    main()
