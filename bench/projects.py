"""The benchmarked code bases and the equivalent rules written for each tool."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SECURITY_CONFIG = "fitness-security.toml"
SECURITY_EXTRA_CONFIG = "fitness-security-extra.toml"
SECURITY_CACHE = ".fitness_cache_security"
ACYCLIC_CONFIG = "fitness-acyclic.toml"
ACYCLIC_CACHE = ".fitness_cache_acyclic"
ACYCLIC_INI = "importlinter-acyclic.ini"


@dataclass(frozen=True)
class Project:
    """A package copied into its own project directory, and the rules checked on it."""

    name: str  # the directory under bench/.work and the heading in the report
    package: str  # the top-level package
    layers: tuple[str, ...]  # top to bottom
    forbidden_from: str
    forbidden_to: str
    changed_file: str  # the module edited in the one-file-changed scenario
    cold_limit_s: float | None  # the absolute target for a cold fitness run, if any
    small: bool = False  # a few dozen files: judged against lint-imports' cold and warm runs
    acyclic: bool = False  # also time an acyclic rule over the top-level packages

    def fitness_toml(self) -> str:
        layers = ", ".join(f'"{layer}"' for layer in self.layers)
        return (
            "[tool.fitness]\n"
            'source_roots = ["."]\n\n'
            "[tool.fitness.rules.layers]\n"
            'kind = "layers"\n'
            f"layers = [{layers}]\n\n"
            "[tool.fitness.rules.forbidden]\n"
            'kind = "forbidden"\n'
            f'from = ["{self.forbidden_from}"]\n'
            f'to = ["{self.forbidden_to}"]\n'
        )

    def security_toml(self, extra_ban: bool = False) -> str:
        """The same rules with the built-in security pack on, cached apart from the plain runs.

        `extra_ban` adds one banned name (`json.loads`) whose root the pack does
        not look at, to measure a run after a ban is added.
        """
        text = self.fitness_toml().replace(
            "[tool.fitness]\n",
            f'[tool.fitness]\nextends = ["fitness:security"]\ncache_dir = "{SECURITY_CACHE}"\n',
            1,
        )
        if extra_ban:
            text += (
                '\n[tool.fitness.rules.bench-extra-ban]\nkind = "banned-api"\n'
                'apis = ["json.loads"]\n'
            )
        return text

    def acyclic_toml(self) -> str:
        """One `acyclic` rule over the package's children, its top-level packages (depth 0)."""
        return (
            "[tool.fitness]\n"
            'source_roots = ["."]\n'
            f'cache_dir = "{ACYCLIC_CACHE}"\n\n'
            "[tool.fitness.rules.acyclic]\n"
            'kind = "acyclic"\n'
            f'packages = ["{self.package}"]\n'
            "depth = 0\n"
        )

    def acyclic_ini(self) -> str:
        """import-linter's `acyclic_siblings` on the same packages, the same depth."""
        return (
            "[importlinter]\n"
            f"root_package = {self.package}\n\n"
            "[importlinter:contract:acyclic]\n"
            "name = acyclic\n"
            "type = acyclic_siblings\n"
            f"ancestors =\n    {self.package}\n"
            "depth = 0\n"
        )

    def importlinter_ini(self) -> str:
        layers = "".join(f"    {layer}\n" for layer in self.layers)
        return (
            "[importlinter]\n"
            f"root_package = {self.package}\n\n"
            "[importlinter:contract:layers]\n"
            "name = layers\n"
            "type = layers\n"
            f"layers =\n{layers}\n"
            "[importlinter:contract:forbidden]\n"
            "name = forbidden\n"
            "type = forbidden\n"
            f"source_modules =\n    {self.forbidden_from}\n"
            f"forbidden_modules =\n    {self.forbidden_to}\n"
        )

    def tach_toml(self) -> str:
        """Each layer is a tach module in a tach layer of the same short name.

        tach has no forbidden rule between arbitrary modules; the nearest is
        `cannot_depend_on` on the `from` module, which makes the `to` package a
        module too (one with no layer and no constraints of its own).
        """
        short = [layer.rsplit(".", 1)[-1] for layer in self.layers]
        text = 'source_roots = ["."]\n'
        text += f"layers = [{', '.join(f'{s!r}' for s in short)}]\n".replace("'", '"')
        for layer, name in zip(self.layers, short):
            text += f'\n[[modules]]\npath = "{layer}"\nlayer = "{name}"\n'
            if layer == self.forbidden_from:
                text += f'cannot_depend_on = ["{self.forbidden_to}"]\n'
        if self.forbidden_from not in self.layers:
            text += f'\n[[modules]]\npath = "{self.forbidden_from}"\n'
            text += f'cannot_depend_on = ["{self.forbidden_to}"]\n'
        if self.forbidden_to not in self.layers:
            text += f'\n[[modules]]\npath = "{self.forbidden_to}"\n'
        return text

    def write_configs(self, project: Path) -> None:
        (project / "pyproject.toml").write_text(self.fitness_toml())
        (project / SECURITY_CONFIG).write_text(self.security_toml())
        (project / SECURITY_EXTRA_CONFIG).write_text(self.security_toml(extra_ban=True))
        (project / ".importlinter").write_text(self.importlinter_ini())
        (project / "tach.toml").write_text(self.tach_toml())
        if self.acyclic:
            (project / ACYCLIC_CONFIG).write_text(self.acyclic_toml())
            (project / ACYCLIC_INI).write_text(self.acyclic_ini())


PROJECTS = [
    Project(
        name="django",
        package="django",
        layers=("django.contrib", "django.views", "django.db", "django.utils"),
        forbidden_from="django.db",
        forbidden_to="django.forms",
        changed_file="django/http/response.py",
        cold_limit_s=6.0,
    ),
    Project(
        name="sympy",
        package="sympy",
        layers=("sympy.solvers", "sympy.simplify", "sympy.polys", "sympy.core"),
        forbidden_from="sympy.core",
        forbidden_to="sympy.printing",
        changed_file="sympy/core/relational.py",
        cold_limit_s=60.0,
        acyclic=True,
    ),
    # A small project (36 modules, 0.26 MB), where a cold run is mostly fixed costs.
    # The router composes middleware (`Mount(middleware=...)`); the OpenTelemetry
    # middleware imports `starlette.routing`, and requests names the application and
    # the router under TYPE_CHECKING. The data structures run nothing in threads,
    # but `UploadFile` imports `starlette.concurrency`. (tach lets a layer import a
    # lower one whatever `cannot_depend_on` says, so the forbidden pair is not two layers.)
    Project(
        name="starlette",
        package="starlette",
        layers=(
            "starlette.applications",
            "starlette.routing",
            "starlette.middleware",
            "starlette.responses",
            "starlette.requests",
            "starlette.datastructures",
        ),
        forbidden_from="starlette.datastructures",
        forbidden_to="starlette.concurrency",
        changed_file="starlette/requests.py",
        cold_limit_s=None,
        small=True,
    ),
]


@dataclass(frozen=True)
class Verdict:
    """What one tool reported on the first run: violations per rule, and in what unit."""

    tool: str
    returncode: int
    layers: int
    forbidden: int
    unit: str
    head: str  # the first lines of the output, for the record

    @property
    def ran_its_rules(self) -> bool:
        return self.returncode == 1 and self.layers > 0 and self.forbidden > 0


def _head(output: str, lines: int = 8) -> str:
    kept = [line for line in output.splitlines() if line.strip() and "═" not in line]
    kept = [line for line in kept if not set(line) <= set("╔╗╚╝║╣╠╩╦─│▶◀└┘┐▲ ")]
    return "\n".join(kept[:lines])


def fitness_verdict(returncode: int, output: str) -> Verdict:
    rules = re.findall(r"^\S+:\d+:\d+: (\S+): ", output, re.MULTILINE)
    return Verdict(
        "fitness",
        returncode,
        rules.count("layers"),
        rules.count("forbidden"),
        "illegal package pairs",
        _head(output),
    )


def importlinter_verdict(returncode: int, output: str) -> Verdict:
    counts = {"layers": 0, "forbidden": 0}
    contract = None
    lines = output.splitlines()
    for line, underline in zip(lines, [*lines[1:], ""]):
        if line in counts and underline and set(underline) == {"-"}:
            contract = line
        elif contract and "is not allowed to import" in line:
            counts[contract] += 1
    return Verdict(
        "lint-imports",
        returncode,
        counts["layers"],
        counts["forbidden"],
        "illegal package pairs",
        _head(output.split("Contracts\n---------", 1)[-1]),
    )


def tach_verdict(returncode: int, output: str) -> Verdict:
    fails = [line for line in output.splitlines() if line.startswith("[FAIL]")]
    return Verdict(
        "tach",
        returncode,
        sum("is lower than layer" in line for line in fails),
        sum("cannot depend on" in line for line in fails),
        "direct imports",
        _head(output),
    )
