"""Benchmark fitness against import-linter, tach and raw parsing on Django, sympy and starlette.

    python bench/run.py [--quick] [--out bench/RESULTS.md] [--only django|sympy|starlette]

See bench/README.md for what each scenario measures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import environment
import report
from environment import log
from files import all_python_files, module_files
from measure import Command, ScenarioResult, run_once, run_scenario
from projects import (
    ACYCLIC_CACHE,
    ACYCLIC_CONFIG,
    ACYCLIC_INI,
    PROJECTS,
    SECURITY_CACHE,
    SECURITY_CONFIG,
    SECURITY_EXTRA_CONFIG,
    Project,
    Verdict,
    fitness_verdict,
    importlinter_verdict,
    tach_verdict,
)

BENCH = Path(__file__).resolve().parent
WORKER = BENCH / "parse_worker.py"
Rounds = tuple[int, int]  # rounds per scenario, and for a scenario whose first round is slow


def _remover(path: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(path, ignore_errors=True)


class Tools:
    """The command lines of one project, all run from its directory with the venv's tools."""

    def __init__(self, venv: Path, directory: Path, project: Project) -> None:
        self.bin = venv / "bin"
        self.dir = directory
        self.project = project

    def _cmd(
        self,
        column: str,
        argv: list[object],
        prepare: Callable[[], None] | None = None,
        expect: int = 1,
    ) -> Command:
        return Command(column, [str(a) for a in argv], self.dir, prepare, expect)

    def fitness(
        self, jobs: int = 2, cold: bool = False, column: str = "fitness", config: str | None = None
    ) -> Command:
        cache = {None: ".fitness_cache", ACYCLIC_CONFIG: ACYCLIC_CACHE}.get(config, SECURITY_CACHE)
        prepare = _remover(self.dir / cache) if cold else None
        flags = ["--config", config] if config else []
        return self._cmd(column, [self.bin / "fitness", "check", "-j", jobs, *flags], prepare)

    def lint_imports(
        self, cold: bool = False, column: str = "lint-imports", config: str | None = None
    ) -> Command:
        flags = ["--no-cache"] if cold else []
        flags += ["--config", config] if config else []
        return self._cmd(column, [self.bin / "lint-imports", *flags])

    def tach(self, cold: bool = False) -> Command:
        prepare = _remover(self.dir / ".tach") if cold else None
        return self._cmd("tach", [self.bin / "tach", "check"], prepare)

    def worker(self, column: str, *args: object) -> Command:
        return self._cmd(column, [self.bin / "python", WORKER, *args], expect=0)

    def parse(self, column: str, mode: str, *jobs: int) -> Command:
        return self.worker(column, mode, self.dir, self.project.package, *jobs)


def verify(tools: Tools) -> list[Verdict]:
    """Run each tool once, show what it said, and stop unless it found violations of both rules."""
    verdicts = []
    for command, judge in (
        (tools.fitness(), fitness_verdict),
        (tools.lint_imports(), importlinter_verdict),
        (tools.tach(), tach_verdict),
    ):
        done = subprocess.run(
            command.argv,
            cwd=command.cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        verdict = judge(done.returncode, done.stdout)
        print(
            f"--- {verdict.tool}: exit {verdict.returncode}, layers {verdict.layers}, "
            f"forbidden {verdict.forbidden} ({verdict.unit})"
        )
        print(verdict.head)
        if not verdict.ran_its_rules:
            sys.stdout.write(done.stdout)
            raise SystemExit(f"{verdict.tool} did not report violations of both rules")
        verdicts.append(verdict)
    probe = "import importlib.util as u, sys; print(u.find_spec(sys.argv[1]).origin)"
    origin = subprocess.run(
        [
            tools.bin / "python",
            "-c",
            f"import sys, os; sys.path.insert(0, os.getcwd()); {probe}",
            tools.project.package,
        ],
        cwd=tools.dir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(origin).is_relative_to(tools.dir):
        raise SystemExit(f"import-linter would read {origin}, not the copy in {tools.dir}")
    return verdicts


def cold(tools: Tools, rounds: Rounds) -> ScenarioResult:
    return run_scenario(
        "cold",
        [
            tools.fitness(cold=True),
            tools.lint_imports(cold=True),
            tools.tach(cold=True),
            tools.parse("libcst -j2", "libcst", 2),
            tools.parse("libcst -j1", "libcst", 1),
            tools.parse("ast -j1", "ast"),
        ],
        *rounds,
    )


def warm(tools: Tools, rounds: Rounds) -> ScenarioResult:
    commands = [tools.fitness(), tools.lint_imports(), tools.tach()]
    for command in commands:
        run_once(command)  # prime the caches
    return run_scenario("warm", commands, *rounds)


def one_file_changed(tools: Tools, changed: Path, rounds: Rounds) -> ScenarioResult:
    """Warm runs, each after a comment line is appended to `changed` (restored at the end)."""
    original = changed.read_bytes()
    edits = iter(range(1, 1_000_000))

    def edit() -> None:
        with open(changed, "a", encoding="utf-8") as handle:
            handle.write(f"# bench edit {next(edits)}\n")

    commands = [tools.fitness(), tools.lint_imports(), tools.tach()]
    try:
        return run_scenario(
            "one file changed", [replace(c, prepare=edit) for c in commands], *rounds
        )
    finally:
        changed.write_bytes(original)


def security(tools: Tools, rounds: Rounds) -> tuple[ScenarioResult, ScenarioResult]:
    """Cold and warm runs with the built-in security pack on, beside the same runs without."""
    with_pack = "fitness +security"
    cold_result = run_scenario(
        "security cold",
        [
            tools.fitness(cold=True, column=with_pack, config=SECURITY_CONFIG),
            tools.fitness(cold=True),
            tools.parse("libcst -j2", "libcst", 2),
        ],
        *rounds,
    )
    commands = [tools.fitness(column=with_pack, config=SECURITY_CONFIG), tools.fitness()]
    for command in commands:
        run_once(command)
    return cold_result, run_scenario("security warm", commands, *rounds)


def ban_added(tools: Tools, rounds: Rounds) -> tuple[ScenarioResult, int, int]:
    """Runs after one ban is added to a warm security configuration, and how many files each
    re-parses (from fitness's debug log) out of how many import the banned root."""
    cache = tools.dir / SECURITY_CACHE
    snapshot = tools.dir / (SECURITY_CACHE + ".warm")
    run_once(tools.fitness(config=SECURITY_CONFIG))
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(cache, snapshot)

    def restore() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(snapshot, cache)

    added = replace(
        tools.fitness(column="fitness +1 ban", config=SECURITY_EXTRA_CONFIG), prepare=restore
    )
    result = run_scenario("ban added", [added], *rounds)
    restore()
    done = subprocess.run(
        [tools.bin / "fitness", "--debug", "check", "--config", SECURITY_EXTRA_CONFIG],
        cwd=tools.dir,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"re-examined for bans their facts lacked: (\d+)", done.stderr)
    reparsed = int(found[1]) if found else 0
    importing = sum(
        1
        for path in module_files(tools.dir, tools.project.package)
        if re.search(r"^\s*(import json\b|from json\b)", path.read_text("utf-8", "replace"), re.M)
    )
    shutil.rmtree(snapshot, ignore_errors=True)
    log(f"ban added: {reparsed} files re-parsed; {importing} modules import json")
    return result, reparsed, importing


def since(tools: Tools, changed: Path, rounds: Rounds) -> ScenarioResult:
    """Warm `fitness check --since HEAD~1` beside a plain warm run, in a git repository whose
    last commit changed one file: the second tree's analysis reads the warm cache."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost"}
    env.update(GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@localhost")
    git_dir = tools.dir / ".git"
    shutil.rmtree(git_dir, ignore_errors=True)
    original = changed.read_bytes()
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *argv], cwd=tools.dir, env=env, check=True)
    changed.write_bytes(original + b"\n# changed by the benchmark\n")
    subprocess.run(["git", "commit", "-qam", "one file"], cwd=tools.dir, env=env, check=True)
    try:
        plain = tools.fitness()
        with_since = replace(
            plain,
            column="fitness --since HEAD~1",
            argv=[*plain.argv, "--since", "HEAD~1"],
            expect=0,
        )
        for command in (plain, with_since):
            run_once(command)  # prime the caches
        return run_scenario("since", [with_since, plain], *rounds)
    finally:
        changed.write_bytes(original)
        shutil.rmtree(git_dir, ignore_errors=True)


def acyclic(tools: Tools, rounds: Rounds) -> report.AcyclicResult:
    """Warm runs of one acyclic rule over the top-level packages, in fitness and import-linter,
    beside the two tools' warm runs of the layers and forbidden rules (for what the graph costs).

    Untimed first: each acyclic run must exit 1. From fitness's output: its loops, and the
    imports it names to break them, also counted as pairs of top-level packages, the unit in
    which import-linter reports its breakers ("removing N dependencies").
    """
    fitness_acyclic = tools.fitness(column="fitness acyclic", config=ACYCLIC_CONFIG)
    linter_acyclic = tools.lint_imports(column="lint-imports acyclic", config=ACYCLIC_INI)
    outputs = []
    for command in (fitness_acyclic, linter_acyclic):
        done = subprocess.run(
            command.argv, cwd=command.cwd, capture_output=True, text=True, check=False
        )
        if done.returncode != 1:
            sys.stdout.write(done.stdout + done.stderr)
            raise SystemExit(f"{command.column} exited {done.returncode}, not 1")
        outputs.append(done.stdout)
    # One finding for the package: its loops counted, then the imports to remove.
    found_loops = re.search(
        r"^\S+:\d+:\d+: acyclic: import cycles in \S+ \((\d+) loops?\b.*?removing [^:]*: (.*)$",
        outputs[0],
        re.M,
    )
    loops = range(int(found_loops[1])) if found_loops else range(0)
    imports = re.findall(r"(\S+) -> (\S+) \(l\.\d+\)", found_loops[2]) if found_loops else []
    top = tools.project.package.count(".") + 2

    def child(module: str) -> str:
        return ".".join(module.split(".")[:top])

    pairs = {(child(a), child(b)) for a, b in imports}
    found = re.search(r"removing (\d+) dependenc", outputs[1])
    linter = int(found[1]) if found else 0
    log(
        f"acyclic: fitness {len(loops)} loops, {len(imports)} breaking imports "
        f"({len(pairs)} package pairs); import-linter {linter} dependencies"
    )
    commands = [fitness_acyclic, linter_acyclic, tools.fitness(), tools.lint_imports()]
    for command in commands:
        run_once(command)  # prime the caches
    result = run_scenario("acyclic warm", commands, *rounds)
    return report.AcyclicResult(result, len(loops), len(imports), len(pairs), linter)


def hungriest(tools: Tools, candidates: list[Path]) -> Path:
    """Of `candidates`, the file whose parse alone peaks highest.

    Byte size does not predict libcst's memory: sympy's 338 KB test_spin.py
    needs a third more than its 436 KB bench_solvers.py.
    """
    peaks = {}
    for path in candidates:
        peaks[path] = run_once(tools.worker("probe", "largest", path)).max_rss_kb
        log(f"memory probe {path.relative_to(tools.dir)}: {peaks[path] / 1024:.0f} MB")
    return max(candidates, key=peaks.__getitem__)


def memory(tools: Tools, largest: Path, hungriest: Path, rounds: Rounds) -> ScenarioResult:
    return run_scenario(
        "memory",
        [
            tools.fitness(jobs=1, cold=True, column="fitness -j 1 cold"),
            tools.worker("libcst largest file", "largest", largest),
            tools.worker("libcst hungriest file", "largest", hungriest),
            tools.worker("python + libcst", "baseline"),
        ],
        min(3, rounds[0]),
        1,
    )


def benchmark(
    project: Project, venv: Path, work: Path, rounds: Rounds, version: str
) -> report.PackageResult:
    directory = work / project.name
    log(f"{project.name}: copying the package into {directory}")
    environment.copy_package(venv, project.package, directory)
    project.write_configs(directory)
    parsed = module_files(directory, project.package)
    sizes = {p: p.stat().st_size for p in parsed}
    by_size = sorted(parsed, key=sizes.__getitem__, reverse=True)
    largest = by_size[0]
    changed = directory / project.changed_file
    tools = Tools(venv, directory, project)
    verdicts = verify(tools)
    hungry = hungriest(tools, by_size[: report.HUNGRY_CANDIDATES])
    return report.PackageResult(
        project=project,
        version=version,
        files_parsed=len(parsed),
        files_all=len(all_python_files(directory, project.package)),
        megabytes=sum(sizes.values()) / 1e6,
        largest=(str(largest.relative_to(directory)), sizes[largest]),
        hungriest=(str(hungry.relative_to(directory)), sizes[hungry]),
        changed=(project.changed_file, changed.stat().st_size),
        verdicts=verdicts,
        cold=cold(tools, rounds),
        warm=warm(tools, rounds),
        one_file=one_file_changed(tools, changed, rounds),
        memory=memory(tools, largest, hungry, rounds),
        security=None if project.small else security(tools, rounds),
        ban_added=None if project.small else ban_added(tools, rounds),
        acyclic=acyclic(tools, rounds) if project.acyclic else None,
        since=None if project.small else since(tools, changed, rounds),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs (1 for slow scenarios)")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=BENCH / ".work")
    parser.add_argument("--only", action="append", choices=[p.name for p in PROJECTS])
    args = parser.parse_args()
    rounds: Rounds = (3, 1) if args.quick else (7, 3)
    runs, slow_runs = rounds
    work = args.work.resolve()
    venv = work / "venv"
    environment.prepare_venv(venv)
    versions = environment.versions(venv)
    machine = environment.machine()
    results = []
    for project in PROJECTS:
        if args.only and project.name not in args.only:
            continue
        version = versions.get(project.name.capitalize(), versions.get(project.name, "?"))
        results.append(benchmark(project, venv, work, rounds, version))
    machine["load average at end"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    machine["usable cores at end"] = environment.usable_cores()
    mode = "quick" if args.quick else "full"
    mode += f" ({runs} runs per scenario, {slow_runs} when one round takes over 120 s)"
    text = report.render(machine, versions, mode, results)
    print(text)
    report.write(args.out, text)
    log(f"written to {args.out}")


if __name__ == "__main__":
    main()
