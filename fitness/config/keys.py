"""The keys of `[tool.fitness]` (or fitness.toml's top), of its sub-tables, those every rule
takes, and those of a rule pack: each with its default, meaning and type.

A rule kind describes its own keys (`RuleKind.keys`); these are the rest.
`fitness schema` is generated from both, and tests/config/test_keys.py checks that
every key the loader reads is described here.
"""

from __future__ import annotations

from fitness.config.schema import IMPORT_MODES
from fitness.model import Severity
from fitness.model.keys import (
    REQUIRED,
    Flag,
    Key,
    ListOf,
    Modules,
    Record,
    Ref,
    TableOf,
    Text,
    TextOrList,
    Whole,
    Words,
)

_ADR = Record(
    (
        Key(
            "dir",
            "(.adr-dir, else doc/adr, docs/adr, docs/decisions or docs/architecture/decisions)",
            "the directory of the decision records, relative to the project root",
            Text(),
        ),
        Key("require_for_rules", "false", "true: every rule must cite an ADR (adr = ...)", Flag()),
        Key(
            "require_for_suppressions",
            "false",
            "true: every inline suppression must cite an ADR",
            Flag(),
        ),
        Key(
            "statuses",
            "{}",
            "the project's own status words, each mapped to proposed, accepted, rejected, "
            'deprecated or superseded: { Approved = "accepted" }',
            TableOf(Text()),
        ),
    )
)

_EXCEPTIONS = Record(
    (
        Key(
            "max_days",
            "(none)",
            "every suppression and baseline entry needs an until= at most this many days ahead",
            Whole(1),
        ),
        Key(
            "require_owner",
            "false",
            "true: every suppression and baseline entry needs owner=",
            Flag(),
        ),
        Key(
            "warn_days",
            "14",
            "an exception warns this many days before its until= date",
            Whole(),
        ),
    )
)

_MODE = Words(IMPORT_MODES)

# The keys of `[tool.fitness]` (fitness.toml: the top of the file).
TOP_KEYS = (
    Key(
        "root",
        "(the configuration's directory, or the nearest above with pyproject.toml or .git)",
        "the project root, relative to the configuration file: the paths below are relative to it",
        Text(),
    ),
    Key(
        "source_roots",
        '(["src"] if it exists, else the project root)',
        "the directories that hold the project's top-level packages",
        ListOf(Text(), 1),
    ),
    Key(
        "exclude",
        "[]",
        "gitignore-style globs of files not checked, relative to the root",
        ListOf(Text()),
    ),
    Key("respect_gitignore", "true", "false: check files that .gitignore lists too", Flag()),
    Key(
        "cache_dir",
        '".fitness_cache"',
        "where the cache lives, relative to the project root",
        Text(),
    ),
    Key(
        "baseline",
        '".fitness-baseline.json"',
        "the baseline file (fitness baseline writes it), relative to the project root",
        Text(),
    ),
    Key("adr", "{}", "the decision records: where they are and what must cite one", _ADR),
    Key(
        "exceptions",
        "{}",
        "what every inline suppression and baseline entry must carry (until=, owner=)",
        _EXCEPTIONS,
    ),
    Key(
        "extends",
        "[]",
        'rule packs: built-in ("fitness:security") or a path to a TOML file, relative to this file',
        ListOf(Text()),
    ),
    Key(
        "rules", "{}", "the rules, by id: [rules.<id>] with a kind", Ref("rules", "table of rules")
    ),
    Key(
        "type_checking",
        '"check"',
        'every rule\'s default: "ignore" leaves out imports under `if TYPE_CHECKING:`',
        _MODE,
    ),
    Key(
        "dynamic",
        '"check"',
        'every rule\'s default: "ignore" leaves out literal importlib.import_module("x")',
        _MODE,
    ),
)

# The keys every rule takes, whatever its kind.
RULE_KEYS = (
    Key("kind", REQUIRED, "what the rule checks: `fitness explain` lists the kinds", Text()),
    Key(
        "severity",
        '"error"',
        "how loudly its findings count (--fail-on decides which fail)",
        Words(tuple(severity.value for severity in Severity)),
    ),
    Key(
        "adr",
        "(none)",
        'the decision the rule enforces, "ADR-0004", or a list of them',
        TextOrList(1),
    ),
    Key("message", "(none)", "guidance shown with each finding: how to fix it", Text()),
    Key("tags", "[]", "lowercase words for what the rule is about: ['security']", ListOf(Text())),
    Key(
        "python",
        "(any)",
        'a version specifier (">=3.10"): the rule runs only when every Python the project '
        "supports meets it",
        Text(),
    ),
    Key("include", "[]", "module expressions: only imports made by these count", Modules()),
    Key("exclude", "[]", "module expressions: imports made by these do not count", Modules()),
    Key(
        "suppressible",
        "true",
        "false: no inline suppression nor baseline entry silences its findings",
        Flag(),
    ),
    Key("enabled", "true", "false: the rule does not run (it is still checked)", Flag()),
)

# A rule pack's own keys: a pack is a TOML file of [rules.<id>] tables that `extends` names.
PACK_KEYS = (
    Key(
        "extends", "[]", "other rule packs this one extends, relative to this file", ListOf(Text())
    ),
    Key("rules", "{}", "the pack's rules, by id", Ref("pack_rules", "table of rules")),
    Key("suppressible", "true", "false: none of the pack's rules may be silenced", Flag()),
)

# A pack rule's `examples`: code fitness's own tests run (read in packs only).
EXAMPLES_KEY = Key(
    "examples",
    "{}",
    "code without findings (valid) and code where each line ending in `# expect: <message>` "
    "gives that finding (invalid); read in rule packs only",
    Record(
        (
            Key("valid", "[]", "Python files that give no finding", ListOf(Text())),
            Key("invalid", "[]", "Python files that give the findings they mark", ListOf(Text())),
        )
    ),
)
