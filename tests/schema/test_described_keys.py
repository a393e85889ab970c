"""Every key the loader reads is described (fitness/config/keys.py or the kind's keys), so
`fitness schema` and `fitness explain` cover the whole configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.checks import KINDS
from fitness.config.keys import PACK_KEYS, RULE_KEYS, TOP_KEYS
from fitness.config.load import load_config
from fitness.config.source import KeyPath
from fitness.config.table import Table
from fitness.model.keys import Key, Record

PARSERS = {name: kind.parse for name, kind in KINDS.items()}

# Sets every top-level key and sub-table key, a rule of each kind with every key, a pack
# with its own keys and a rule with examples, and an override of a pack rule.
CONFIG = """\
root = "."
source_roots = ["src"]
exclude = ["build/**"]
respect_gitignore = true
cache_dir = ".cache"
baseline = "base.json"
extends = ["pack.toml"]
type_checking = "check"
dynamic = "check"

[adr]
dir = "adr"
require_for_rules = false
require_for_suppressions = false
statuses = { Approved = "accepted" }

[exceptions]
max_days = 30
require_owner = false
warn_days = 7

[rules.packed]
severity = "warning"
"""

PACK = """\
suppressible = true

[rules.packed]
kind = "banned-api"
apis = ["pickle"]
examples.valid = ["import json\\n"]
examples.invalid = []
"""


def test_every_key_the_loader_reads_is_described(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: set[tuple[KeyPath, str]] = set()
    original = Table._get

    def recording(table: Table, key: str, required: bool) -> object:
        read.add((table.path, key))
        return original(table, key, required)

    monkeypatch.setattr(Table, "_get", recording)
    rules = "".join(_rule(name) for name in sorted(KINDS))
    (tmp_path / "fitness.toml").write_text(CONFIG + rules, encoding="utf-8")
    (tmp_path / "pack.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / "src" / "shop").mkdir(parents=True)
    (tmp_path / "src" / "shop" / "__init__.py").write_text("")
    (tmp_path / "adr").mkdir()
    monkeypatch.chdir(tmp_path)

    load_config(Path("fitness.toml"), PARSERS)

    undescribed = sorted(
        (".".join(str(part) for part in path), key)
        for path, key in read
        if not _described(path, key)
    )
    assert undescribed == []
    # Every table the description has was reached, so the check above saw its keys.
    assert {path for path, _ in read} >= {
        (),
        ("adr",),
        ("adr", "statuses"),
        ("exceptions",),
        ("rules", "packed"),
        ("rules", "packed", "examples"),
        *(("rules", name) for name in KINDS),
    }


def _described(path: KeyPath, key: str) -> bool:
    if path == ():
        return _named(TOP_KEYS, key) or _named(PACK_KEYS, key)
    if path == ("rules",):
        return True  # rule ids: the user names them
    if path[0] in ("adr", "exceptions"):
        record = _record(TOP_KEYS, str(path[0]))
        if len(path) == 2:  # adr.statuses: words the user names
            return True
        return _named(record.keys, key)
    if path[0] == "rules" and len(path) == 2:
        kind = str(path[1]) if path[1] in KINDS else None
        own = KINDS[kind].keys if kind is not None else ()
        every = [k for name in KINDS for k in KINDS[name].keys] if kind is None else []
        return _named((*RULE_KEYS, *own, *every), key) or key == "examples"
    if path[0] == "rules" and path[2] == "examples":
        return key in ("valid", "invalid")
    if path[0] == "rules" and path[2] == "apis":  # a banned-api entry, or its `when`
        entry = _record(KINDS["banned-api"].keys, "apis", entry=True)
        return len(path) > 4 or _named(entry.keys, key)
    # module_map and allow: module and package names the user chooses
    return path[0] == "rules" and path[2] in ("module_map", "allow")


def _named(keys: tuple[Key, ...] | list[Key], name: str) -> bool:
    return any(key.name == name for key in keys)


def _record(keys: tuple[Key, ...], name: str, *, entry: bool = False) -> Record:
    key = next(key for key in keys if key.name == name)
    found = key.type
    if entry:  # apis: a list of (name or table)
        from fitness.model.keys import Either, ListOf

        assert isinstance(found, ListOf) and isinstance(found.item, Either)
        found = next(option for option in found.item.options if isinstance(option, Record))
    assert isinstance(found, Record)
    return found


_VALUES = {
    "acyclic": 'packages = ["shop"]\ndepth = 2\nskip_descendants = []\n',
    "allowed": 'from = ["shop"]\nmay_import = ["stdlib"]\nallow_stdlib = true\n',
    "banned-api": (
        'apis = ["os.system", { name = "subprocess.run", when = { shell = true }, '
        'message = "no", ruff = "S603" }]\nallow_in = []\n'
    ),
    "classes": (
        'in = ["shop"]\nsubclass_of = "shop.Base"\ndecorated_with = "*"\nname = "*"\n'
        'must_not_subclass = "x.Y"\nmust_subclass = "shop.Base"\nmust_live_in = ["shop"]\n'
        'must_be_named = "*"\nmust_not_be_decorated_with = "x"\n'
    ),
    "dependencies": (
        'module_map = { yaml = "pyyaml" }\nallow = { shop = ["pyyaml"] }\nrequirements = []\n'
        'dev_requirements = []\ndev_extras = []\ntests = ["shop"]\n'
    ),
    "forbidden": 'from = ["shop"]\nto = ["os"]\nallow_indirect = false\nas_packages = true\n',
    "independence": 'modules = ["shop.*"]\n',
    "layers": (
        'layers = ["shop"]\ncontainers = []\nclosed = []\nexhaustive = false\n'
        "exhaustive_ignores = []\n"
    ),
    "metrics": (
        'packages = ["shop"]\ndepth = 1\nmax_efferent = 5\nmax_instability = 0.5\n'
        "max_distance = 0.5\nmax_modules = 50\nmax_lines = 5000\nstable_dependencies = true\n"
    ),
    "protected": 'modules = ["shop"]\nallowed_importers = []\npublic = []\n',
}


def _rule(name: str) -> str:
    # The graph keys, or those of them a kind that does not read the graph takes.
    own = {"banned-api": 'type_checking = "check"\n', "dependencies": 'ignore = ["x"]\n'}
    graph = own.get(
        name,
        "" if name == "classes" else 'ignore = []\ntype_checking = "check"\ndynamic = "check"\n',
    )
    every = (
        'severity = "error"\nadr = "ADR-0001"\nmessage = "m"\ntags = ["t"]\npython = ">=3.9"\n'
        "include = []\nexclude = []\nsuppressible = true\nenabled = true\n"
    )
    return f'\n[rules.{name}]\nkind = "{name}"\n{_VALUES[name]}{graph}{every}'
