"""`dependencies`: the distributions each project imports, checked against what it declares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from fitness.checks.base import CheckContext
from fitness.checks.dependency_examples import EXAMPLES, KEYS
from fitness.checks.dependency_params import DependenciesParams
from fitness.checks.docs import Example, Key
from fitness.checks.findings import config_finding
from fitness.checks.statements import statement_finding
from fitness.checks.stdlib import STDLIB
from fitness.config.manifests import Group, Manifest, normalise
from fitness.config.table import ModuleRef, Table
from fitness.model import Finding, ImportEdge, Location
from fitness.model.expressions import ModuleExpr

if TYPE_CHECKING:  # the kind's decisions are imported when it checks, not when it is read
    from fitness.checks.dependency_cases import Case

# A rule that would check nothing fails rather than passes.
NO_MANIFEST = (
    "no project declares dependencies: there is no pyproject.toml with a [project] or "
    "[tool.poetry] table at or above the Python files, and the rule names no requirements file"
)

TEMPLATES = {
    "missing": "{importer} imports {imported}, but project {member} does not declare "
    "{distribution}: add it to {where} in {manifest}",
    "transitive": "{importer} imports {imported}, but project {member} does not declare "
    "{distribution}, installed only because {via} requires it: add it to {where} in {manifest}",
    "dev-only": "{importer} imports {imported} at run time, but project {member} declares "
    "{distribution} only in {sections}: move it to [project] dependencies",
    "optional": "{importer} imports {imported} at module level, but project {member} declares "
    "{distribution} only in the extra {extras} of {manifest}: the import fails without it; "
    "import it inside a function or under try/except ImportError",
    "not-allowed": "{importer} imports {imported} from {distribution}, which {package} "
    "may not use (it may use {allowed})",
    "unused": "project {member} declares {distribution} in {section}, but none of its modules "
    "imports it: remove it, or add it to the rule's ignore",
}


class Dependencies:
    """The third-party distributions each project (or uv workspace member) imports,
    checked against what its `pyproject.toml` declares.

    A project is each `[tool.uv.workspace]` member, or else each `pyproject.toml`
    with a `[project]` (or `[tool.poetry]`) table above the Python files; its
    modules are checked against its own declarations, and an import of another
    member's modules needs that member declared. An import names a distribution
    through the rule's `module_map`, the installed metadata where fitness runs
    (read, never imported), a table shipped with fitness, or its own name.

    Findings, at the import: *missing* (not declared; in test modules a dev group
    will do; an import in a `try` that catches ImportError is optional by design and
    never missing), *transitive* (not declared, installed only because a declared
    distribution requires it: known only when the environment says so), *dev-only*
    (declared only in a dependency group, or in an extra of `dev_extras`, but
    imported by modules outside the tests), *optional* (declared only in an extra,
    imported at module level outside `try/except ImportError`), *not-allowed* (a
    package of `allow` imports a distribution its list leaves out). At the
    declaration's line: *unused* (a runtime or optional dependency that no module
    imports; `ignore` lists those loaded by name; a `types-X` or `X-stubs` one is used
    when X is imported). Imports under `if TYPE_CHECKING:` and in `.pyi` files are
    read by type checkers only and are none of the cases at the import; a stub
    distribution never declares X for the others.
    """

    description = "the distributions each project imports, against those it declares"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> DependenciesParams:
        module_map: list[tuple[str, str]] = []
        sub = table.table("module_map")
        if sub is not None:
            for name in sub.names():
                value = sub.string(name)
                if value is not None:
                    module_map.append((name, value))
        allow: list[tuple[ModuleRef, tuple[str, ...]]] = []
        sub = table.table("allow")
        if sub is not None:
            for name in sub.names():
                listed = tuple(normalise(text) for text, _ in sub.strings(name))
                allow.append((ModuleRef(ModuleExpr(name), sub.where(name), True), listed))
        runtime: Group = "runtime"
        dev: Group = "dev"
        requirements = [(text, runtime) for text, _ in table.strings("requirements")]
        requirements += [(text, dev) for text, _ in table.strings("dev_requirements")]
        return DependenciesParams(
            ignore=tuple(normalise(text) for text, _ in table.strings("ignore")),
            module_map=tuple(module_map),
            allow=tuple(allow),
            requirements=tuple(requirements),
            dev_extras=tuple(text for text, _ in table.strings("dev_extras")),
            tests=table.modules("tests", internal=True),
        )

    def summary(self, params: DependenciesParams) -> str:
        allowed = f", {len(params.allow)} allow list(s)" if params.allow else ""
        return f"declared against imported distributions, per project{allowed}"

    def check(self, params: DependenciesParams, context: CheckContext) -> Iterable[Finding]:
        inputs = context.dependencies
        if inputs is None:
            return []
        from fitness.checks.dependency_cases import Import, classify, unused
        from fitness.config.distributions import Names, read_installed, shipped_table

        manifests = inputs.manifests
        if not manifests.members:
            return [config_finding(context, context.rule.where, "no-manifest", NO_MANIFEST)]
        names = Names(dict(params.module_map), read_installed(inputs.installed), shipped_table())
        paths = {module: path for module, (path, _) in context.files.items()}
        owners = {module: manifests.member_of(path) for module, path in paths.items()}
        guarded = {
            (path, raw.line, raw.column)
            for path, facts in context.files.values()
            for raw in facts.imports
            if raw.guarded
        }
        # A module that imports a distribution under a guard once (`try: import pygments`
        # / `except ImportError: return`) uses it only where that import succeeded.
        checked_first = {
            (edge.importer, edge.imported.partition(".")[0])
            for edge in context.graph.edges
            if edge.external and _where(edge) in guarded
        }
        found: list[Finding] = []
        used: dict[str, set[str]] = {}
        seen: set[tuple[str, str, str]] = set()
        for edge in sorted(context.graph.edges, key=lambda e: (e.location, e.imported)):
            member = owners.get(edge.importer)
            if member is None:
                continue
            if edge.external:
                top = edge.imported.partition(".")[0]
                if top in STDLIB or top in _NOT_DISTRIBUTED:
                    continue
                declared = {d.distribution for d in member.declared}
                distribution = names.distribution(edge.imported, declared)[0]
                used.setdefault(member.directory, set()).update(names.alternatives(edge.imported))
            else:
                other = owners.get(edge.imported)
                if other is None or other is member:
                    continue
                distribution = other.name
            if distribution == member.name:
                continue
            used.setdefault(member.directory, set()).add(distribution)
            if not context.applies_to(edge.importer):
                continue
            location = edge.location
            statement = Import(
                edge.importer,
                distribution,
                edge.type_checking,
                edge.local,
                _where(edge) in guarded
                or (edge.importer, edge.imported.partition(".")[0]) in checked_first,
                location.path.endswith(".pyi"),
                _is_test(params, edge.importer),
            )
            for case in classify(statement, member, names, params.dev_extras, _allowed(params)):
                key = (case.what, edge.importer, distribution)
                if key in seen:
                    continue
                seen.add(key)
                finding = statement_finding(context, edge, TEMPLATES[case.what], **case.args)
                identity = (context.rule.id, case.what, member.name, edge.importer, distribution)
                found.append(finding._replace(identity=identity))
        for member in manifests.members:
            if not any(owner is member for owner in owners.values()):
                continue  # a project with no module under the source roots is not checked
            for case in unused(member, used.get(member.directory, set()), params.ignore):
                found.append(_unused_finding(context, member, case))
        return found


# Not distributions: `__main__`, and standard-library modules of Pythons newer than the
# one fitness may run on (code guards their imports by version).
# `_typeshed` exists only for type checkers (under `if TYPE_CHECKING:`).
_NOT_DISTRIBUTED = frozenset(
    ("__future__", "__main__", "_typeshed", "annotationlib", "compression")
)


def _where(edge: ImportEdge) -> tuple[str, int, int]:
    return (edge.location.path, edge.location.line, edge.location.column)


def _allowed(params: DependenciesParams) -> tuple[tuple[ModuleExpr, tuple[str, ...]], ...]:
    return tuple((ref.expr, listed) for ref, listed in params.allow)


def _is_test(params: DependenciesParams, module: str) -> bool:
    """Whether `module` is test code: one `tests` names, or by default a module in a
    `tests` package, or a `test_*`, `*_test` or `conftest` module (a `test` package
    is often shipped for users, as `django.test`)."""
    if params.tests:
        return any(ref.expr.covers(module) for ref in params.tests)
    parts = module.split(".")
    last = parts[-1]
    return (
        "tests" in parts or last.startswith("test_") or last.endswith("_test") or last == "conftest"
    )


def _unused_finding(context: CheckContext, member: Manifest, case: Case) -> Finding:
    rule = context.rule
    line = int(case.args["line"])
    args = {key: value for key, value in case.args.items() if key != "line"}
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=TEMPLATES["unused"],
        args=tuple(sorted(args.items())),
        location=Location(case.args["path"], line, 1, line, 1),
        chains=(),
        modules=(),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, "unused", member.name, args["distribution"]),
    )
