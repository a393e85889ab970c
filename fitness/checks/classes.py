"""`classes`: rules about the classes and functions a project defines, not its imports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from fitness.checks.base import CheckContext
from fitness.checks.docs import Example, Key
from fitness.checks.findings import spoken_list
from fitness.config.table import ModuleRef, Table
from fitness.model import Finding, Hop
from fitness.model.keys import Flag, Modules, Text

if TYPE_CHECKING:  # a warm run that reuses its findings imports neither
    from fitness.checks.class_tree import Definition, Lineage
    from fitness.model.reach import Subjects

MUST_NOT_SUBCLASS = "{what} {name} may not subclass {base}{through}"
MUST_SUBCLASS = "{what} {name} must subclass {base}"
MUST_LIVE_IN = "{what} {name} must live in {modules}"
MUST_BE_NAMED = "{what} {name} must be named {pattern}"
MUST_BE_ASYNC = "{what} {name} must be async"
MUST_NOT_BE_ASYNC = "{what} {name} must not be async"
MUST_NOT_BE_DECORATED = "{what} {name} may not be decorated with {decorator}"
# The condition could not be decided, or the selection: the message says what is unknown.
CANNOT_TELL = "fitness cannot tell whether {what} {name} subclasses {base}: {undecided}"
IF_SELECTED = " (if it subclasses {selector}: fitness cannot tell, {undecided})"

SELECTORS = ("in", "subclass_of", "decorated_with", "name")
CONDITIONS = (
    "must_not_subclass",
    "must_subclass",
    "must_live_in",
    "must_be_named",
    "must_be_async",
    "must_not_be_decorated_with",
)
CLASS_KEYS = ("subclass_of", "must_subclass", "must_not_subclass")
FUNCTION_KEYS = ("must_be_async",)
_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


class ClassesParams(NamedTuple):
    modules: tuple[ModuleRef, ...]  # `in`
    subclass_of: str | None
    decorated_with: str | None
    name: str | None
    must_not_subclass: str | None
    must_subclass: str | None
    must_live_in: tuple[ModuleRef, ...]
    must_be_named: str | None
    must_be_async: bool | None
    must_not_be_decorated_with: str | None

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*self.modules, *self.must_live_in)

    def subjects(self) -> Subjects:
        """The modules selected by `in` (every module without it); the rule reads definitions."""
        from fitness.model.reach import Subjects

        exprs = tuple(ref.expr for ref in self.modules) or None
        return Subjects(exprs, only_imports=False)

    @property
    def selects(self) -> tuple[str, ...]:
        """What the rule selects: ("class",), ("function",) or both."""
        if any(getattr(self, key) is not None for key in CLASS_KEYS):
            return ("class",)
        if self.must_be_async is not None:
            return ("function",)
        return ("class", "function")


class Classes:
    """Select classes and functions, and state what must hold of each.

    Selectors (at least one; a definition must match all given): `in`, module
    expressions for where it is defined; `subclass_of`, a dotted class name it
    inherits from, directly or through classes of the project (bases are
    resolved through imports and aliases, relative imports and re-exports from a
    package's `__init__`); `decorated_with`, a glob on its resolved decorators
    (`fastapi.APIRouter.get`; `*` spans dots); `name`, a glob on its own name
    (`*Repository`). Conditions (at least one): `must_not_subclass`,
    `must_subclass`, `must_live_in` (module expressions), `must_be_named` (a
    glob), `must_be_async` (true or false), `must_not_be_decorated_with` (a glob).

    A rule selects classes when it uses `subclass_of`, `must_subclass` or
    `must_not_subclass`; functions (module-level functions and methods) when it
    uses `must_be_async`; both otherwise. Mixing the two is a configuration error.
    Functions and classes defined inside functions are not seen.

    Decorators are named as imports resolve them, the call stripped
    (`@router.get("/")` is `router.get`); a name the module binds once to a call
    (`router = APIRouter()`) stands for an instance of what it calls, so
    `@router.get` is `fastapi.APIRouter.get`. A decorator defined in the module
    itself is named in full (`shop.api.cached`).

    A base that cannot be resolved (a name no import binds, a class the project
    does not define where the import says, an expression) is reported only when
    the rule needs it to decide: a `must_not_subclass` or `must_subclass` that
    cannot tell is a finding that names the unknown base, never a guess. Findings
    sit on the `class` or `def` keyword; a subclass finding carries the
    inheritance chain, one step per class.
    """

    description = (
        "classes and functions selected by module, base, decorator or name obey conditions"
    )

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        from fitness.checks.class_examples import EXAMPLES

        return EXAMPLES

    def parse(self, table: Table) -> ClassesParams:
        modules = table.modules("in", internal=True)
        live_in = table.modules("must_live_in", internal=True)
        if table.has("must_live_in") and table.empty_list("must_live_in"):
            table.problem("must_live_in", "must list at least one module")
        names = {key: _name(table, key) for key in CLASS_NAME_KEYS}
        globs = {key: _glob(table, key) for key in GLOB_KEYS}
        is_async = table.boolean("must_be_async", True) if table.has("must_be_async") else None
        params = ClassesParams(
            modules,
            names["subclass_of"],
            globs["decorated_with"],
            globs["name"],
            names["must_not_subclass"],
            names["must_subclass"],
            live_in,
            globs["must_be_named"],
            is_async,
            globs["must_not_be_decorated_with"],
        )
        if not any(table.has(key) for key in SELECTORS):
            table.problem(None, "a classes rule needs a selector: " + _either(SELECTORS))
        if not any(table.has(key) for key in CONDITIONS):
            table.problem(None, "a classes rule needs a condition: " + _either(CONDITIONS))
        classes = [key for key in CLASS_KEYS if table.has(key)]
        functions = [key for key in FUNCTION_KEYS if table.has(key)]
        if classes and functions:
            table.problem(
                functions[0],
                f"`{functions[0]}` applies to functions, `{classes[0]}` to classes: "
                "a rule selects one or the other",
            )
        return params

    def summary(self, params: ClassesParams) -> str:
        picked = [
            f"{key} {value}"
            for key, value in (
                ("in", ", ".join(ref.expr.text for ref in params.modules)),
                ("subclass_of", params.subclass_of),
                ("decorated_with", params.decorated_with),
                ("name", params.name),
            )
            if value
        ]
        demands = [
            f"{key} {value}"
            for key, value in (
                ("must_not_subclass", params.must_not_subclass),
                ("must_subclass", params.must_subclass),
                ("must_live_in", ", ".join(ref.expr.text for ref in params.must_live_in)),
                ("must_be_named", params.must_be_named),
                ("must_be_async", _word(params.must_be_async)),
                ("must_not_be_decorated_with", params.must_not_be_decorated_with),
            )
            if value
        ]
        what = " and ".join(
            f"{kind}es" if kind == "class" else "functions" for kind in params.selects
        )
        return f"{what} with {', '.join(picked)}: {', '.join(demands)}"

    def check(self, params: ClassesParams, context: CheckContext) -> Iterable[Finding]:
        from fnmatch import fnmatchcase

        from fitness.checks.class_tree import definitions, lineage

        findings: list[Finding] = []
        selectors = [ref.expr for ref in params.modules]
        for item in definitions(context, params.selects):
            if selectors and not any(expr.covers(item.module) for expr in selectors):
                continue
            if not context.applies_to(item.module):
                continue
            if params.name is not None and not fnmatchcase(item.short_name, params.name):
                continue
            if params.decorated_with is not None and not _decorated(item, params.decorated_with):
                continue
            family = lineage(context, item) if item.kind == "class" else None
            suffix = ""
            args: dict[str, str] = {}
            if params.subclass_of is not None:
                assert family is not None
                if family.chain(params.subclass_of) is None:
                    if not family.unknown:
                        continue
                    suffix = IF_SELECTED
                    args = {"selector": params.subclass_of, "undecided": family.undecided}
            findings.extend(_broken(params, context, item, family, suffix, args))
        return findings


def _broken(
    params: ClassesParams,
    context: CheckContext,
    item: Definition,
    family: Lineage | None,
    suffix: str,
    args: dict[str, str],
) -> Iterator[Finding]:
    """The findings of each condition `item` breaks."""
    from fnmatch import fnmatchcase

    def finding(condition: str, template: str, hops: tuple[Hop, ...] = (), **more: str) -> Finding:
        return _finding(context, item, condition, template + suffix, hops, {**args, **more})

    if params.must_not_subclass is not None and family is not None:
        chain = family.chain(params.must_not_subclass)
        if chain is not None:
            middle = [hop.imported for hop in chain[:-1]]
            through = spoken_list(middle) if middle else ""
            yield finding(
                "must_not_subclass",
                MUST_NOT_SUBCLASS,
                chain,
                base=params.must_not_subclass,
                through=f" (through {through})" if through else "",
            )
        elif family.unknown and not suffix:
            yield finding(
                "must_not_subclass",
                CANNOT_TELL,
                base=params.must_not_subclass,
                undecided=family.undecided,
            )
    must = params.must_subclass
    if must is not None and family is not None and family.chain(must) is None:
        if family.unknown and not suffix:
            yield finding(
                "must_subclass",
                CANNOT_TELL,
                base=must,
                undecided=family.undecided,
            )
        else:
            yield finding("must_subclass", MUST_SUBCLASS, base=must)
    if params.must_live_in and not any(ref.expr.covers(item.module) for ref in params.must_live_in):
        places = spoken_list([ref.expr.text for ref in params.must_live_in])
        yield finding("must_live_in", MUST_LIVE_IN, modules=places)
    pattern = params.must_be_named
    if pattern is not None and not fnmatchcase(item.short_name, pattern):
        yield finding("must_be_named", MUST_BE_NAMED, pattern=pattern)
    if params.must_be_async is not None and item.is_async != params.must_be_async:
        yield finding("must_be_async", MUST_BE_ASYNC if params.must_be_async else MUST_NOT_BE_ASYNC)
    banned = params.must_not_be_decorated_with
    if banned is not None:
        for decorator in item.decorators:
            if fnmatchcase(decorator, banned):
                yield finding(
                    "must_not_be_decorated_with", MUST_NOT_BE_DECORATED, decorator=decorator
                )
                break


def _finding(
    context: CheckContext,
    item: Definition,
    condition: str,
    template: str,
    hops: tuple[Hop, ...],
    args: dict[str, str],
) -> Finding:
    rule = context.rule
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        template=template,
        args=tuple(sorted({"what": item.kind, "name": item.qualified, **args}.items())),
        location=item.location,
        chains=(hops,) if hops else (),
        modules=(item.module,),
        adr=rule.adr,
        guidance=rule.message,
        identity=(rule.id, condition, item.qualified),
    )


def _decorated(item: Definition, pattern: str) -> bool:
    from fnmatch import fnmatchcase

    return any(fnmatchcase(decorator, pattern) for decorator in item.decorators)


def _name(table: Table, key: str) -> str | None:
    """A dotted class name, such as `sqlalchemy.orm.DeclarativeBase`."""
    text = table.string(key)
    if text is None:
        return None
    text = text.strip()
    if not _DOTTED.fullmatch(text):
        table.problem(key, f"'{text}' is not a dotted class name (such as 'shop.db.Base')")
        return None
    return text


def _glob(table: Table, key: str) -> str | None:
    text = table.string(key)
    if text is None:
        return None
    if not text.strip():
        table.problem(key, "must not be empty")
        return None
    return text.strip()


def _either(keys: tuple[str, ...]) -> str:
    return ", ".join(f"`{key}`" for key in keys[:-1]) + f" or `{keys[-1]}`"


def _word(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


CLASS_NAME_KEYS = ("subclass_of", "must_not_subclass", "must_subclass")
GLOB_KEYS = ("decorated_with", "name", "must_be_named", "must_not_be_decorated_with")

# What `fitness explain classes` prints.
KEYS = (
    Key("in", "[]", "selector: module expressions where the definitions live", Modules()),
    Key("subclass_of", "(none)", "selector: a dotted class name the class inherits from", Text()),
    Key("decorated_with", "(none)", "selector: a glob on the resolved decorators", Text()),
    Key("name", "(none)", "selector: a glob on the class or function name ('*Repository')", Text()),
    Key(
        "must_not_subclass",
        "(none)",
        "condition: a dotted class name it may not inherit from",
        Text(),
    ),
    Key("must_subclass", "(none)", "condition: a dotted class name it must inherit from", Text()),
    Key("must_live_in", "[]", "condition: module expressions it must be defined in", Modules()),
    Key("must_be_named", "(none)", "condition: a glob its name must match", Text()),
    Key("must_be_async", "(none)", "condition: true (async def) or false (plain def)", Flag()),
    Key("must_not_be_decorated_with", "(none)", "condition: a glob no decorator may match", Text()),
)
