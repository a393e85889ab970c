"""`metrics`: thresholds on package metrics, and the stable-dependencies principle."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import Example, Key, graph_keys
from fitness.checks.findings import chain_finding, import_hop
from fitness.checks.graph_options import GraphOptions, parse_graph_options, rule_view
from fitness.config.table import ModuleRef, Table, kind_of
from fitness.graph import GraphView
from fitness.model import Finding, Hop, Location
from fitness.model.keys import Flag, Modules, Share, Whole
from fitness.views.metrics import Metrics, PackageMetrics, package_metrics

if TYPE_CHECKING:  # defined only when coverage is worked out
    from fitness.model.reach import Subjects

_COUNTS = ("max_efferent", "max_modules", "max_lines")
_SHARES = ("max_instability", "max_distance")  # numbers from 0 to 1

STABLE_TEMPLATE = (
    "{importer} (I={importer_instability}) depends on {imported} "
    "(I={imported_instability}), which is less stable"
)


class MetricsParams(NamedTuple):
    packages: tuple[ModuleRef, ...]
    depth: int
    max_efferent: int | None
    max_instability: float | None
    max_distance: float | None
    max_modules: int | None
    max_lines: int | None
    stable_dependencies: bool
    options: GraphOptions

    def module_refs(self) -> Iterable[ModuleRef]:
        return self.packages

    def subjects(self) -> Subjects:
        """The packages measured; a size threshold can fail without any import."""
        from fitness.model.reach import Subjects

        return Subjects(tuple(ref.expr for ref in self.packages), only_imports=False)


class MetricsKind:
    """Thresholds on the metrics of packages (`fitness metrics`), and stable dependencies.

    The packages are those `depth` levels below the top-level packages (a module
    above that depth is a package of its own), measured over the whole project;
    `packages` picks the ones checked (a package an expression names, or one
    inside it; default: every package at the depth, not a module above it such
    as the top-level package's own `__init__.py`). Coupling counts the project's own packages only:
    Ca the other packages that import one of its modules, Ce those one of its
    modules imports; instability I = Ce/(Ca+Ce), 0 without coupling;
    abstractness A the share of its classes that are abstract (`abc.ABC` base,
    `abc.ABCMeta` metaclass, an `abc.abstractmethod`, or a Protocol), 0 without
    classes; distance D = |A + I - 1|. A number over its `max_*` is a finding
    at the package's `__init__.py` (or first module), line 1, whose chains are
    the first import of each package counted. `stable_dependencies = true`:
    a package may import only packages at least as stable as itself (instability
    no higher: dependency-cruiser's `moreUnstable`); each import of a less
    stable package is a finding at its first import, with both instabilities.
    """

    description = (
        "thresholds on package coupling, instability, distance and size; stable dependencies"
    )

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> MetricsParams:
        counts = {key: _count(table, key) for key in _COUNTS}
        shares = {key: _share(table, key) for key in _SHARES}
        params = MetricsParams(
            packages=table.modules("packages", internal=True),
            depth=table.integer("depth", 1),
            max_efferent=counts["max_efferent"],
            max_instability=shares["max_instability"],
            max_distance=shares["max_distance"],
            max_modules=counts["max_modules"],
            max_lines=counts["max_lines"],
            stable_dependencies=table.boolean("stable_dependencies", False),
            options=parse_graph_options(table),
        )
        if not params.stable_dependencies and not any(
            table.has(key) for key in (*_COUNTS, *_SHARES)
        ):
            table.problem(
                None,
                "a metrics rule needs a limit: set max_efferent, max_instability, "
                "max_distance, max_modules, max_lines or stable_dependencies = true",
            )
        return params

    def summary(self, params: MetricsParams) -> str:
        which = ", ".join(ref.expr.text for ref in params.packages) or "every package"
        limits = [
            f"{key} {_shown(value)}"
            for key, value in (
                ("max_efferent", params.max_efferent),
                ("max_instability", params.max_instability),
                ("max_distance", params.max_distance),
                ("max_modules", params.max_modules),
                ("max_lines", params.max_lines),
            )
            if value is not None
        ]
        if params.stable_dependencies:
            limits.append("stable dependencies")
        return f"{which} (depth {params.depth}): {', '.join(limits)}"

    def check(self, params: MetricsParams, context: CheckContext) -> Iterable[Finding]:
        graph = context.graph
        view, findings = rule_view(params.options, context)
        pairs = [pair for pair in view.pairs if pair[1] in graph.modules]
        files = context.files
        measured = package_metrics(
            graph.modules,
            pairs,
            {module: facts.lines for module, (_, facts) in files.items()},
            {module: facts.classes for module, (_, facts) in files.items()},
            depth=params.depth,
        )
        for package in measured.packages:
            if not _checked(params, context, package.name):
                continue
            findings.extend(_thresholds(params, context, view, measured, package))
            if params.stable_dependencies:
                findings.extend(_unstable(context, view, measured, package, pairs))
        return findings


def _checked(params: MetricsParams, context: CheckContext, package: str) -> bool:
    """Whether the rule checks `package`: one `packages` names (or one inside it); without
    `packages`, every package at the depth (a module above it, such as a top-level
    package's `__init__.py`, is not one)."""
    if params.packages:
        if not any(ref.expr.covers(package) for ref in params.packages):
            return False
    elif package.count(".") != params.depth:
        return False
    return context.applies_to(package)


def _thresholds(
    params: MetricsParams,
    context: CheckContext,
    view: GraphView,
    measured: Metrics,
    package: PackageMetrics,
) -> list[Finding]:
    name = package.name
    out = [hop(view, measured, name, target) for target in package.efferent]
    into = [hop(view, measured, source, name) for source in package.afferent]
    found = []
    if params.max_efferent is not None and package.ce > params.max_efferent:
        found.append(
            _over(
                context, measured, package, "max_efferent", out,
                "{package}: efferent coupling {value} > max_efferent {limit} ({packages})",
                value=str(package.ce), limit=str(params.max_efferent),
                packages=", ".join(package.efferent),
            )
        )  # fmt: skip
    if params.max_instability is not None and package.instability > params.max_instability:
        found.append(
            _over(
                context, measured, package, "max_instability", [*out, *into],
                "{package}: instability {value} > max_instability {limit} "
                "(Ce {ce}: {efferent}; Ca {ca}: {afferent})",
                value=f"{package.instability:.2f}", limit=_shown(params.max_instability),
                ce=str(package.ce), efferent=", ".join(package.efferent) or "none",
                ca=str(package.ca), afferent=", ".join(package.afferent) or "none",
            )
        )  # fmt: skip
    if params.max_distance is not None and package.distance > params.max_distance:
        found.append(
            _over(
                context, measured, package, "max_distance", out,
                "{package}: distance from the main sequence {value} > max_distance {limit} "
                "(A {abstractness}: {abstract} of {classes} classes abstract; I {instability})",
                value=f"{package.distance:.2f}", limit=_shown(params.max_distance),
                abstractness=f"{package.abstractness:.2f}", abstract=str(package.abstract),
                classes=str(package.classes), instability=f"{package.instability:.2f}",
            )
        )  # fmt: skip
    if params.max_modules is not None and package.modules > params.max_modules:
        found.append(
            _over(
                context, measured, package, "max_modules", [],
                "{package}: {value} modules > max_modules {limit}",
                value=str(package.modules), limit=str(params.max_modules),
            )
        )  # fmt: skip
    if params.max_lines is not None and package.lines > params.max_lines:
        found.append(
            _over(
                context, measured, package, "max_lines", [],
                "{package}: {value} lines of code > max_lines {limit}",
                value=str(package.lines), limit=str(params.max_lines),
            )
        )  # fmt: skip
    return found


def _unstable(
    context: CheckContext,
    view: GraphView,
    measured: Metrics,
    package: PackageMetrics,
    pairs: Sequence[tuple[str, str]],
) -> list[Finding]:
    """A finding for each package `package` imports that is less stable than itself."""
    found = []
    members = measured.members
    for target in package.efferent:
        other = measured.get(target)
        if other is None or other.instability <= package.instability:
            continue
        importer, imported = measured.first_imports[(package.name, target)]
        inside, outside = set(members[package.name]), set(members[target])
        routes = sorted(pair for pair in pairs if pair[0] in inside and pair[1] in outside)
        found.append(
            chain_finding(
                context,
                view,
                STABLE_TEMPLATE,
                (package.name, target),
                [(view.edge(importer, imported),)],
                routes,
                importer_instability=f"{package.instability:.2f}",
                imported_instability=f"{other.instability:.2f}",
            )
        )
    return found


def hop(view: GraphView, measured: Metrics, source: str, target: str) -> Hop:
    """The first import (by module name) by which package `source` imports package `target`."""
    return import_hop(view, *measured.first_imports[(source, target)])


def _over(
    context: CheckContext,
    measured: Metrics,
    package: PackageMetrics,
    key: str,
    hops: list[Hop],
    template: str,
    **args: str,
) -> Finding:
    """A number over its limit, at line 1 of the package's `__init__.py` (or first module)."""
    rule = context.rule
    path = _home(context, measured.members[package.name])
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted({"package": package.name, **args}.items())),
        location=Location(path, 1, 1, 1, 1),
        chains=tuple((one,) for one in hops),
        modules=(package.name,),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, key, package.name),
    )


def _home(context: CheckContext, modules: Sequence[str]) -> str:
    """The package's own file (its `__init__.py`), else the first of its modules' files."""
    first = modules[0]  # sorted: the package itself comes before its submodules
    return context.files[first][0] if first in context.files else first


def _count(table: Table, key: str) -> int | None:
    return None if table.value(key) is None else table.integer(key, 0)


def _share(table: Table, key: str) -> float | None:
    value = table.value(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        table.problem(key, f"expected a number from 0 to 1, got {kind_of(value)}")
        return None
    if not 0 <= value <= 1:
        table.problem(key, f"expected a number from 0 to 1, got {value}")
        return None
    return float(value)


def _shown(value: float) -> str:
    return f"{value:g}"


# What `fitness explain metrics` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key(
        "packages",
        "(every package)",
        "module expressions: the packages checked (and those inside)",
        Modules(),
    ),
    Key(
        "depth",
        "1",
        "levels of packages below the top-level packages, as `fitness metrics --depth`",
        Whole(),
    ),
    Key("max_efferent", "(none)", "most other packages a package may import (Ce)", Whole()),
    Key("max_instability", "(none)", "highest instability I = Ce/(Ca+Ce), from 0 to 1", Share()),
    Key(
        "max_distance",
        "(none)",
        "highest distance from the main sequence |A + I - 1|, 0 to 1",
        Share(),
    ),
    Key("max_modules", "(none)", "most modules in a package", Whole()),
    Key(
        "max_lines",
        "(none)",
        "most lines of code in a package (blank and comment lines not counted)",
        Whole(),
    ),
    Key(
        "stable_dependencies",
        "false",
        "true: a package may import only packages at least as stable (instability no higher)",
        Flag(),
    ),
    *graph_keys(),
)

_FILES = {
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": (
        "from shop.services import checkout\nfrom shop.domain import order\n"
    ),
    "src/shop/services/__init__.py": "",
    "src/shop/services/checkout.py": "from shop.domain import order\nfrom shop import jobs\n",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "class Order:\n    pass\n",
    "src/shop/jobs.py": "from shop.domain import order\n",
}

EXAMPLES = (
    Example(
        "the services import two packages, within the limit",
        '[rules.small-services]\nkind = "metrics"\npackages = ["shop.services"]\n'
        "max_efferent = 2\n",
        _FILES,
    ),
    Example(
        "the API imports two packages, one more than its limit",
        '[rules.thin-api]\nkind = "metrics"\npackages = ["shop.api"]\nmax_efferent = 1\n',
        _FILES,
        (
            "src/shop/api/__init__.py:1:1: thin-api: shop.api: efferent coupling 2 > "
            "max_efferent 1 (shop.domain, shop.services)",
        ),
    ),
    Example(
        "the services (I=0.67) import the jobs (I=0.50): more stable, and so allowed",
        '[rules.stable]\nkind = "metrics"\nstable_dependencies = true\n',
        {**_FILES, "src/shop/api/__init__.py": "from shop.services import checkout\n"},
    ),
    Example(
        "the domain (I=0.25) imports the jobs (I=0.33), which are less stable",
        '[rules.stable]\nkind = "metrics"\nstable_dependencies = true\n',
        {**_FILES, "src/shop/domain/order.py": "from shop import jobs\n\nclass Order:\n    pass\n"},
        (
            "src/shop/domain/order.py:1:1: stable: shop.domain (I=0.25) depends on shop.jobs "
            "(I=0.33), which is less stable",
        ),
    ),
)
