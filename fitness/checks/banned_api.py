"""`banned-api`: modules, attributes and calls that must not be used, whatever the alias."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from fitness.checks.api_names import shown
from fitness.checks.banned_entries import ENTRY, BannedEntry, entries
from fitness.checks.base import CheckContext
from fitness.checks.call_conditions import Judgement, judge
from fitness.checks.docs import REQUIRED, Example, Key
from fitness.config.schema import IMPORT_MODES
from fitness.config.table import ModuleRef, Table
from fitness.model import ApiUse, Finding, Location, Severity
from fitness.model.keys import Either, ListOf, Modules, Text, Words

if TYPE_CHECKING:  # defined only when coverage is worked out
    from fitness.model.reach import Subjects


class BannedApiParams(NamedTuple):
    apis: tuple[BannedEntry, ...]
    allow_in: tuple[ModuleRef, ...]
    type_checking: bool  # count uses under `if TYPE_CHECKING:`

    def module_refs(self) -> Iterable[ModuleRef]:
        return self.allow_in

    def subjects(self) -> Subjects:
        """Every module's uses are examined; `allow_in` only exempts some."""
        from fitness.model.reach import Subjects

        return Subjects(None, only_imports=False)


class BannedApi:
    """Banned modules, attributes and calls, found through every alias.

    Each `apis` entry is a name, or a table `{ name = "...", when = { ... },
    message = "..." }`. A name is a module (`pickle`), an attribute at any depth
    (`pickle.loads`, `datetime.datetime.utcnow`) or a builtin: a name whose
    first segment is one of the interpreter's builtins (`eval`, `open`) means
    the builtin, and `builtins.eval` spells the same. After the first segment,
    `*` stands for one segment and `**` for one or more, as in module
    expressions: `subprocess.*` bans every attribute of `subprocess` (and what
    lies under them) but not importing the module itself.

    A use matches a name when its canonical name is the name or lies under it:
    a ban on `pickle` matches `import pickle`, `from pickle import loads` and
    `pickle.loads(x)`; a ban on `xml.etree` matches `xml.etree.ElementTree.parse`.
    Each fact is one finding. A module imported whole is reported at the
    import and at each later reference (with a ban on `pickle`, `import
    pickle as p` then `p.loads(x)` is two findings: `pickle (as p) is banned`
    and `pickle.loads (as p.loads) is banned`). A name a from-import brings
    is reported at the import only, when the same entry matches both:
    `from typing import List` is one finding however often `List` is used
    (a `when` entry, which an import cannot meet, reports the calls).
    Aliases are followed through variables that hold a loaded module
    (`m = importlib.import_module("pickle")`, `m = __import__("pickle")`,
    then `m.loads(x)`) and through star imports (`from pickle import *`,
    then `loads(x)`; with `pickle` itself banned, the import is the finding).
    When several entries match one use, the finding comes from the most
    specific: a decided match before an undecided one, then the name spelling
    out the most segments, then the first listed.

    `when` restricts an entry to calls whose arguments match, all conditions
    together. A key is a keyword argument (`shell`) or a position counted from
    0 (`"0"`); a call's positional arguments are never matched to keyword
    names, so `subprocess.run(cmd, shell=True)` is seen through `shell`, and
    `{ "1" = ... }` looks at the second positional argument only. A value is
    `true`/`false`, an integer, a string, or a list of those meaning any of
    them (`when = { mode = ["w", "a"] }`). TOML has no null, so the string
    `"None"` is Python's None; Python's `"True"` and `"False"` are refused
    (write `true`, `false`). `"!<literal>"`, alone, means anything but that
    literal (`"!false"`, `"!0"`, `"!None"`, `"!'r'"`: a string after `!` is
    quoted), and a string in quotes (`"'None'"`, `"'True'"`) is that string.
    A condition holds when the call passes the literal, or one of the list
    (`"!..."`: passes another literal, or leaves the argument out); `true`
    holds for any truthy literal (`shell=True`, `shell=1`, `shell="yes"`) and
    `false` for any falsy one but None (`verify=False`, `verify=0`,
    `verify=""`; None often means "the default", and only `"None"` matches it);
    an argument fitness does not evaluate (a name, a call) satisfies neither.
    `missing = "Loader"` (or a list, keyword names and positions) holds when the
    call does not pass that argument, so `yaml.load(f)` is found and
    `yaml.load(f, Loader=SafeLoader)` is not. An entry with `when` matches
    calls only: a reference such as `f = subprocess.run`, or its import,
    cannot be judged and is not reported. When `**kwargs` (for a keyword) or
    `*args` (for a position) could supply an argument the call leaves out,
    fitness cannot decide: the call is reported one severity below the rule's
    (a warning for an error rule, a note for a warning rule), with a message
    that says so ("fitness cannot tell whether this call passes shell=True
    through **kwargs (so a warning, not an error)"). The key `missing` is the condition, never a
    keyword argument named so.

    `ruff` (`ruff = "S301"`, or a list) names ruff's rule codes for the same
    fact: ruff's `# noqa: S301` on the line silences the entry's finding too
    (a bare `# noqa` does not).

    `allow_in` lists module expressions where uses are allowed, the modules
    they match and everything inside them. `type_checking = "ignore"` leaves
    out uses under `if TYPE_CHECKING:` (default from `[tool.fitness]`, then
    "check"). A finding's guidance is the entry's `message`, else the rule's.
    Its fingerprint is the rule, the module, the API, the qualified name of the
    enclosing functions and classes (`Order.save`) and which finding of that
    API in that scope it is, counted in file order: never a line number.
    """

    description = "banned modules, attributes and calls, found through every alias"

    @property
    def keys(self) -> tuple[Key, ...]:
        return KEYS

    @property
    def examples(self) -> tuple[Example, ...]:
        return EXAMPLES

    def parse(self, table: Table) -> BannedApiParams:
        default = table.default("type_checking", "check")
        return BannedApiParams(
            apis=tuple(entries(table)),
            allow_in=table.modules("allow_in", internal=False),
            type_checking=table.choice("type_checking", IMPORT_MODES, default) == "check",
        )

    def summary(self, params: BannedApiParams) -> str:
        banned = ", ".join(entry.describe() for entry in params.apis)
        allowed = ", ".join(ref.expr.text for ref in params.allow_in)
        return f"bans {banned}" + (f" (allowed in {allowed})" if allowed else "")

    def check(self, params: BannedApiParams, context: CheckContext) -> Iterable[Finding]:
        findings = []
        files = context.files
        # Extraction gathers the uses every rule asks for: a use under another root is
        # another rule's, and skipping it by its first segment saves matching every entry.
        roots = {entry.name.root for entry in params.apis}
        for module in sorted(module for module, (_, facts) in files.items() if facts.uses):
            path, facts = files[module]
            uses = [_absolute(use, module, path) for use in facts.uses]
            ours = [use for use in uses if use.api.partition(".")[0] in roots]
            if not ours or not context.applies_to(module) or _allowed(module, params.allow_in):
                continue
            seen: dict[tuple[str, str], int] = {}  # uses found so far of each (api, scope)
            for use, match in _matches(params, ours):
                occurrence = seen[use.api, use.scope] = seen.get((use.api, use.scope), 0) + 1
                findings.append(_finding(context, module, path, use, *match, occurrence))
        return findings


def _matches(
    params: BannedApiParams, uses: list[ApiUse]
) -> Iterator[tuple[ApiUse, tuple[BannedEntry, Judgement]]]:
    """The uses of one file that an entry matches, each fact once, in file order.

    An import that is a finding states the fact for the names it binds: a use
    of such a name that the same entry matches is not reported again.
    """
    matched = []
    for use in sorted(uses, key=_position):
        if use.type_checking and not params.type_checking:
            continue
        match = _best_match(params.apis, use)
        if match is not None:
            matched.append((use, match))
    stated = {
        (use.api, match[0].where) for use, match in matched if use.written.startswith("from ")
    }
    for use, match in matched:
        if not use.stated or (use.stated, match[0].where) not in stated:
            yield use, match


def _absolute(use: ApiUse, module: str, path: str) -> ApiUse:
    """A use through a relative import (`..infra.db.connect`), named from the file's package."""
    if not use.api.startswith("."):
        return use
    return use._replace(api=_named(use.api, module, path), stated=_named(use.stated, module, path))


def _named(api: str, module: str, path: str) -> str:
    if not api.startswith("."):
        return api
    level = len(api) - len(api.lstrip("."))
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    parts = package.split(".") if package else []
    if level - 1 > len(parts) - 1 or not parts:
        return api  # beyond the top package: Python refuses it, and no entry matches
    base = ".".join(parts[: len(parts) - (level - 1)])
    rest = api[level:]
    return f"{base}.{rest}" if rest else base


def _best_match(
    entries: Iterable[BannedEntry], use: ApiUse
) -> tuple[BannedEntry, Judgement] | None:
    """The most specific entry that matches `use`, and how the call meets its conditions."""
    best: tuple[tuple[bool, int, int], BannedEntry, Judgement] | None = None
    for order, entry in enumerate(entries):
        if not entry.name.matches(use.api):
            continue
        judgement = judge(entry.conditions, use)
        if not judgement.matches:
            continue
        rank = (bool(judgement.undecided), -entry.name.specificity, order)
        if best is None or rank < best[0]:
            best = (rank, entry, judgement)
    return None if best is None else (best[1], best[2])


def _finding(
    context: CheckContext,
    module: str,
    path: str,
    use: ApiUse,
    entry: BannedEntry,
    judgement: Judgement,
    occurrence: int,
) -> Finding:
    rule = context.rule
    args = {"api": shown(use.api)}
    template = "{api}"
    alias = _alias(use)
    if alias is not None:
        args["alias"] = alias
        template += " (as {alias})"
    if entry.conditions:
        args["conditions"] = " and ".join(c.describe() for c in entry.conditions)
        template += " {conditions}"
    template += " is banned"
    severity = rule.severity
    if judgement.undecided:
        args["undecided"] = " or ".join(judgement.undecided)
        template += ", and fitness cannot tell whether this call passes {undecided}"
        severity = _LOWER[rule.severity]
        if severity is not rule.severity:
            args["lowered"] = f"a {severity.value}, not {_ARTICLE[rule.severity]}"
            template += " (so {lowered})"
    return Finding(
        rule_id=rule.id,
        severity=severity,
        template=template,
        args=tuple(sorted(args.items())),
        location=Location(path, use.line, use.column, use.end_line, use.end_column),
        chains=(),
        modules=(module,),
        adr=rule.adr,
        guidance=entry.message if entry.message is not None else rule.message,
        identity=(rule.id, module, use.api, use.scope, str(occurrence)),
        ruff=entry.ruff,
    )


# A call fitness cannot judge is reported one severity below the rule's.
_LOWER = {
    Severity.ERROR: Severity.WARNING,
    Severity.WARNING: Severity.NOTE,
    Severity.NOTE: Severity.NOTE,
}
_ARTICLE = {Severity.ERROR: "an error", Severity.WARNING: "a warning", Severity.NOTE: "a note"}


def _alias(use: ApiUse) -> str | None:
    """How the code spelled the use, when that is not the API's own name.

    An import statement shows its `as` name only: `import pickle` is the API itself.
    """
    written = use.written
    if written in (use.api, shown(use.api)):
        return None
    if written.startswith(("import ", "from ")):
        _, alias_as, alias = written.rpartition(" as ")
        return alias.strip() if alias_as else None
    return written


def _allowed(module: str, refs: Iterable[ModuleRef]) -> bool:
    """Whether `module` is one that `allow_in` names, or inside one."""
    return any(ref.expr.covers(module) for ref in refs)


def _position(use: ApiUse) -> tuple[int, int, int, int]:
    return (use.line, use.column, use.end_line, use.end_column)


# What `fitness explain banned-api` prints and tests/checks/test_kind_examples.py runs.
KEYS = (
    Key(
        "apis",
        REQUIRED,
        'names, or tables { name = "...", when = { ... }, message = "...", ruff = "S301" }',
        ListOf(Either((Text(), ENTRY)), 1),
    ),
    Key("allow_in", "[]", "module expressions where the uses are allowed", Modules()),
    Key(
        "type_checking",
        '"check" (or [tool.fitness]\'s)',
        '"ignore" leaves out uses under `if TYPE_CHECKING:`',
        Words(IMPORT_MODES),
    ),
)

_RULE = """\
[rules.no-shell]
kind = "banned-api"
apis = [{ name = "subprocess.run", when = { shell = true } }, "pickle"]
"""

EXAMPLES = (
    Example(
        "subprocess.run without a shell; json instead of pickle",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/tasks.py": "import json\nimport subprocess\n\nsubprocess.run(['ls'])\n",
        },
    ),
    Example(
        "a shell through an alias, and pickle",
        _RULE,
        {
            "src/shop/__init__.py": "",
            "src/shop/tasks.py": (
                "import pickle\nfrom subprocess import run as sh\n\nsh('ls', shell=True)\n"
            ),
        },
        (
            "src/shop/tasks.py:1:8: no-shell: pickle is banned",
            "src/shop/tasks.py:4:1: no-shell: subprocess.run (as sh) with shell=True is banned",
        ),
    ),
)
