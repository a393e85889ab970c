"""The Markdown report: per package a table of medians, the targets, and the raw samples."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from measure import ScenarioResult
from projects import Project, Verdict

PEERS = ["lint-imports", "tach"]
PARSES = ["libcst -j2", "libcst -j1", "ast -j1"]
X = "\N{MULTIPLICATION SIGN}"
HUNGRY_CANDIDATES = 5  # the largest modules whose lone parse is measured for memory
MEMORY = ["fitness -j 1 cold", "libcst largest file", "libcst hungriest file", "python + libcst"]


@dataclass
class AcyclicResult:
    """Warm runs of an acyclic rule in both tools, and what the untimed first runs found."""

    scenario: ScenarioResult
    loops: int  # fitness's findings: distinct loops among the top-level packages
    breakers: int  # the imports (importing module pairs) fitness names to break them all
    breaker_pairs: int  # the same imports as pairs of top-level packages
    linter_breakers: int  # the dependencies (package pairs) import-linter would remove


@dataclass
class PackageResult:
    project: Project
    version: str
    files_parsed: int  # importable modules: what fitness and the raw parses read
    files_all: int  # every *.py file
    megabytes: float  # of the parsed files
    largest: tuple[str, int]  # path and size of the largest module
    hungriest: tuple[str, int]  # of the largest few, the one whose lone parse needs most memory
    changed: tuple[str, int]
    verdicts: list[Verdict]
    cold: ScenarioResult
    warm: ScenarioResult
    one_file: ScenarioResult
    memory: ScenarioResult
    # With the security pack: (cold, warm); after one ban is added: (runs, re-parsed, importing).
    security: tuple[ScenarioResult, ScenarioResult] | None = None
    ban_added: tuple[ScenarioResult, int, int] | None = None
    acyclic: AcyclicResult | None = None
    since: ScenarioResult | None = None


@dataclass(frozen=True)
class Target:
    description: str
    value: float
    limit: float
    unit: str  # X or " s"

    @property
    def met(self) -> bool:
        return self.value <= self.limit


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _cell(result: ScenarioResult, column: str, fitness: float | None) -> str:
    seconds = result.seconds(column)
    if seconds is None:
        return "—"
    if fitness is None or column == "fitness":
        return _s(seconds)
    return f"{_s(seconds)} ({fitness / seconds:.2f}{X})"


def targets(r: PackageResult) -> list[Target]:
    def t(result: ScenarioResult, column: str) -> float:
        value = result.seconds(column)
        assert value is not None, (result.name, column)
        return value

    warm, li_warm, tach_warm = t(r.warm, "fitness"), t(r.warm, "lint-imports"), t(r.warm, "tach")
    cold = t(r.cold, "fitness")
    if r.project.small:  # fixed costs dominate: start-up, imports, parsing in this process
        return [
            Target(
                f"cold (-j 2) ≤ 3{X} lint-imports cold", cold / t(r.cold, "lint-imports"), 3.0, X
            ),
            Target(f"warm ≤ 0.8{X} lint-imports warm", warm / li_warm, 0.8, X),
            Target(f"warm ≤ 1.0{X} tach", warm / tach_warm, 1.0, X),
        ]
    rss = r.memory.rss_mb("fitness -j 1 cold") or 0.0
    parse_rss = r.memory.rss_mb("libcst hungriest file") or 1.0
    targets = [
        Target(f"warm ≤ 0.5{X} lint-imports warm", warm / li_warm, 0.5, X),
        Target(f"warm ≤ 1.0{X} tach", warm / tach_warm, 1.0, X),
        Target(
            f"one file changed ≤ 1.0{X} lint-imports warm",
            t(r.one_file, "fitness") / li_warm,
            1.0,
            X,
        ),
        Target(
            f"cold (-j 2) ≤ 1.15{X} raw libcst parse with 2 processes",
            cold / t(r.cold, "libcst -j2"),
            1.15,
            X,
        ),
        Target(
            f"cold peak RSS (-j 1) ≤ 1.2{X} the libcst process parsing the hungriest single file",
            rss / parse_rss,
            1.2,
            X,
        ),
    ]
    limit = r.project.cold_limit_s
    if limit is not None:
        targets.insert(-1, Target(f"cold (-j 2) ≤ {limit:g} s", cold, limit, " s"))
    if r.security is not None:
        pack_cold, pack_warm = r.security
        targets += [
            Target(
                f"security pack: cold (-j 2) ≤ 1.10{X} raw libcst parse with 2 processes",
                t(pack_cold, "fitness +security") / t(pack_cold, "libcst -j2"),
                1.10,
                X,
            ),
            Target(
                f"security pack: warm ≤ 1.1{X} warm without the pack",
                t(pack_warm, "fitness +security") / t(pack_warm, "fitness"),
                1.1,
                X,
            ),
        ]
    return targets


def _package(r: PackageResult) -> list[str]:
    p = r.project
    out = [
        f"## {p.package} {r.version}",
        "",
        f"{r.files_parsed} modules parsed ({r.files_all} `*.py` files in all), "
        f"{r.megabytes:.1f} MB; largest module `{r.largest[0]}` ({r.largest[1] / 1024:.0f} KB); "
        f"one-file-changed edits `{r.changed[0]}` ({r.changed[1] / 1024:.0f} KB).",
        "",
        f"Median wall time; in brackets fitness ÷ that column (below 1.00{X} fitness is faster).",
        "",
        "| scenario | fitness | lint-imports | tach | libcst -j2 | libcst -j1 | ast -j1 | runs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, result in (
        ("cold", r.cold),
        ("warm", r.warm),
        ("one file changed", r.one_file),
    ):
        fitness = result.seconds("fitness")
        cells = [_cell(result, c, fitness) for c in ["fitness", *PEERS, *PARSES]]
        out.append(f"| {label} | {' | '.join(cells)} | {result.runs} |")
    m = r.memory
    rss = {c: m.rss_mb(c) or 0.0 for c in MEMORY}
    fit = rss["fitness -j 1 cold"]
    serial = r.cold.rss_mb("libcst -j1") or 0.0
    out += [
        "",
        f"Peak RSS (median of {m.runs}): fitness cold with `-j 1` {fit:.0f} MB "
        f"(in {_s(m.seconds('fitness -j 1 cold') or 0)}); "
        f"a fresh interpreter that imports libcst {rss['python + libcst']:.0f} MB; "
        f"the same parsing only the largest module {rss['libcst largest file']:.0f} MB "
        f"(fitness is {fit / rss['libcst largest file']:.2f}{X} that); "
        f"of the {HUNGRY_CANDIDATES} largest modules, the one whose lone parse needs most memory "
        f"is `{r.hungriest[0]}` ({r.hungriest[1] / 1024:.0f} KB): "
        f"{rss['libcst hungriest file']:.0f} MB (fitness is "
        f"{fit / rss['libcst hungriest file']:.2f}{X} that); "
        f"parsing every module in one process (`libcst -j1`, cold) {serial:.0f} MB.",
        "",
    ]
    out += _security(r)
    out += _acyclic(r)
    out += _since(r)
    out += [
        "| target | value | limit | met |",
        "|---|---|---|---|",
    ]
    for target in targets(r):
        value = f"{target.value:.3f}{target.unit}"
        limit = f"{target.limit:g}{target.unit}"
        out.append(
            f"| {target.description} | {value} | {limit} | {'yes' if target.met else '**no**'} |"
        )
    out += ["", "Violations found by the untimed first run (exit code 1 expected):", ""]
    out += ["| tool | exit | layers | forbidden | counted as |", "|---|---|---|---|---|"]
    for v in r.verdicts:
        out.append(f"| {v.tool} | {v.returncode} | {v.layers} | {v.forbidden} | {v.unit} |")
    out += ["", "<details><summary>First lines of each tool's output</summary>", ""]
    for v in r.verdicts:
        out += [f"{v.tool}:", "", "```", v.head, "```", ""]
    out += ["</details>", ""]
    return out


def _security(r: PackageResult) -> list[str]:
    if r.security is None or r.ban_added is None:
        return []
    pack_cold, pack_warm = r.security
    added, reparsed, importing = r.ban_added
    out = [
        'With the built-in security pack (`extends = ["fitness:security"]`, 9 banned-api '
        "rules) beside the same two graph rules; in brackets fitness +security ÷ that column:",
        "",
        "| scenario | fitness +security | fitness | libcst -j2 | runs |",
        "|---|---|---|---|---|",
    ]
    for label, result in (("cold", pack_cold), ("warm", pack_warm)):
        pack = result.seconds("fitness +security")
        cells = [_cell(result, c, pack) for c in ["fitness +security", "fitness", "libcst -j2"]]
        cells[0] = _s(pack or 0.0)
        out.append(f"| {label} | {' | '.join(cells)} | {result.runs} |")
    out += [
        "",
        f"A run after adding one ban (`json.loads`, a root the pack does not look at) to the "
        f"warm security configuration: {_s(added.seconds('fitness +1 ban') or 0.0)} "
        f"(median of {added.runs}); it re-parsed {reparsed} files, of the {importing} modules "
        f"that import json (and {r.files_parsed} in all).",
        "",
    ]
    return out


def _since(r: PackageResult) -> list[str]:
    if r.since is None:
        return []
    since = r.since.seconds("fitness --since HEAD~1") or 0.0
    plain = r.since.seconds("fitness") or 0.0
    return [
        "Pull-request mode on a warm cache, in a git repository whose last commit changed "
        f"`{r.project.changed_file}`: `fitness check --since HEAD~1` {_s(since)} (it reads "
        "HEAD~1's tree from git's objects and analyses it too, reading the cache), "
        f"a plain warm run {_s(plain)}: "
        f"{since / plain if plain else 0.0:.2f}x (median of {r.since.runs}).",
        "",
    ]


def _acyclic(r: PackageResult) -> list[str]:
    if r.acyclic is None:
        return []
    a = r.acyclic
    columns = ["fitness acyclic", "lint-imports acyclic", "fitness", "lint-imports"]
    mine = a.scenario.seconds("fitness acyclic") or 0.0
    cells = [_s(mine)]
    for column in columns[1:]:
        seconds = a.scenario.seconds(column)
        cells.append(f"{_s(seconds)} ({mine / seconds:.2f}{X})" if seconds else "—")
    return [
        f"One `acyclic` rule over `{r.project.package}`'s top-level packages (`packages = "
        f'["{r.project.package}"]`, `depth = 0`) beside import-linter\'s `acyclic_siblings` '
        "on the same packages (`ancestors`, `depth = 0`), warm (caches primed), and each "
        "tool's warm run of the layers and forbidden rules for scale; in brackets fitness "
        "acyclic ÷ that column:",
        "",
        f"| scenario | {' | '.join(columns)} | runs |",
        "|---|---|---|---|---|---|",
        f"| warm | {' | '.join(cells)} | {a.scenario.runs} |",
        "",
        f"fitness found {a.loops} distinct loops and named {a.breakers} imports that break "
        f"them all, between {a.breaker_pairs} pairs of top-level packages; import-linter "
        f"would remove {a.linter_breakers} dependencies (pairs of top-level packages).",
        "",
    ]


def _samples(r: PackageResult) -> list[str]:
    out = [f"### {r.project.package}", ""]
    extra: list[ScenarioResult] = []
    if r.security is not None:
        extra += list(r.security)
    if r.ban_added is not None:
        extra.append(r.ban_added[0])
    if r.acyclic is not None:
        extra.append(r.acyclic.scenario)
    if r.since is not None:
        extra.append(r.since)
    for result in (r.cold, r.warm, r.one_file, r.memory, *extra):
        for column, samples in result.samples.items():
            times = ", ".join(f"{s.seconds:.3f}" for s in samples)
            peak = max(s.max_rss_kb for s in samples) / 1024
            out.append(f"- {result.name} / {column}: {times} s (peak RSS {peak:.0f} MB)")
    out.append("")
    return out


def render(
    machine: dict[str, str], versions: dict[str, str], mode: str, results: list[PackageResult]
) -> str:
    out = ["# fitness benchmark", ""]
    out += [f"- {key}: {value}" for key, value in machine.items()]
    out.append("- tools: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    out += [f"- mode: {mode}", ""]
    for r in results:
        out += _package(r)
    out += ["## Every sample (seconds, in run order)", ""]
    for r in results:
        out += _samples(r)
    return "\n".join(out)


# The sections other scripts write into the report, each between its two markers, kept
# when `bench/run.py` rewrites the file.
KEPT_SECTIONS = (
    ("<!-- growth: written by bench/growth.py -->", "<!-- growth: end -->"),
    ("<!-- history: written by bench/history.py -->", "<!-- history: end -->"),
    ("<!-- lsp: written by bench/lsp_latency.py -->", "<!-- lsp: end -->"),
)


def write(path: Path, text: str) -> None:
    """Write the report; the sections `bench/growth.py`, `bench/history.py` and
    `bench/lsp_latency.py` wrote there are kept, in the order they were."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = []
    for start, end in KEPT_SECTIONS:
        at = old.find(start)
        finish = old.find(end, at)
        if at >= 0 and finish >= 0:
            kept.append((at, old[at : finish + len(end)]))
    for _, section in sorted(kept):
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def write_section(path: Path, section: str, start: str, end: str) -> None:
    """Put `section` in place of the one between `start` and `end` in `path` (at its end if
    it has none); the rest of the file is kept."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        text = before + section.rstrip("\n") + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
