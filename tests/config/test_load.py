"""`load_config` on its own: which layout a file is read in, rules, defaults, own sides."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.checks import KINDS
from fitness.config.load import load_config
from fitness.config.schema import Config
from fitness.errors import ConfigError

PARSERS = {name: kind.parse for name, kind in KINDS.items()}
RULE = '[{p}rules.x]\nkind = "independence"\nmodules = ["a", "b"]\n'


def load(tmp_path: Path, name: str, text: str) -> tuple[Config, list[str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path, PARSERS)
    return config, [p.text.split(": ", 1)[1] for p in problems.found]


@pytest.mark.parametrize(
    ("name", "text", "prefix"),
    [
        (
            "pyproject.toml",
            "[tool.fitness]\n" + RULE.format(p="tool.fitness."),
            ("tool", "fitness"),
        ),
        ("anything.toml", RULE.format(p="tool.fitness."), ("tool", "fitness")),
        ("fitness.toml", RULE.format(p="tool.fitness."), ("tool", "fitness")),
        ("fitness.toml", RULE.format(p=""), ()),
        ("fitness.toml", "", ()),
        ("anything.toml", RULE.format(p=""), ()),
        ("anything.toml", 'source_roots = ["."]\n', ()),
        ("pyproject.toml", '[project]\nname = "x"\n' + RULE.format(p=""), ()),
    ],
)
def test_the_layout_follows_the_content_not_the_name(
    tmp_path: Path, name: str, text: str, prefix: tuple[str, ...]
) -> None:
    config, _ = load(tmp_path, name, text)

    assert config.source.prefix == prefix


@pytest.mark.parametrize("text", ["", '[project]\nname = "x"\n', "[tool.ruff]\nline-length = 99\n"])
def test_a_file_in_neither_layout_is_an_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load(tmp_path, "conf/pyproject.toml", text)

    assert raised.value.problems == (
        f"{tmp_path / 'conf/pyproject.toml'}: no fitness configuration in this file: add a "
        "[tool.fitness] table (the pyproject.toml layout), or put the keys at the top of the "
        "file, such as source_roots and [rules.<id>] tables (the fitness.toml layout)",
    )


def test_no_rules_is_a_problem_but_rules_that_fail_are_not_no_rules(tmp_path: Path) -> None:
    _, none = load(tmp_path, "fitness.toml", "")
    _, broken = load(tmp_path, "fitness.toml", '[rules.x]\nkind = "layer"\n')

    assert none == [
        "no rules configured, so nothing would be checked: add a [rules.<id>] table with a kind "
        "(one of: acyclic, allowed, banned-api, classes, dependencies, forbidden, independence, layers, metrics, protected); the README describes each kind"
    ]
    assert broken == [
        "rules.x.kind: unknown rule kind 'layer' (did you mean 'layers'?); known kinds: "
        "acyclic, allowed, banned-api, classes, dependencies, forbidden, independence, layers, metrics, protected"
    ]


def test_top_level_import_modes_reach_every_graph_rule(tmp_path: Path) -> None:
    text = (
        'type_checking = "ignore"\n'
        '[rules.a]\nkind = "independence"\nmodules = ["x", "y"]\n'
        '[rules.b]\nkind = "forbidden"\nfrom = ["x"]\nto = ["y"]\ntype_checking = "check"\n'
        'dynamic = "ignore"\n'
        '[rules.c]\nkind = "layers"\nlayers = ["x", "y"]\n'
    )
    config, problems = load(tmp_path, "fitness.toml", text)

    assert problems == []
    options = [rule.params.options for rule in config.rules]
    assert [(o.type_checking, o.dynamic) for o in options] == [
        (False, True),
        (True, False),
        (False, True),
    ]


def test_each_kind_declares_which_of_its_names_are_its_own(tmp_path: Path) -> None:
    text = (
        '[rules.a]\nkind = "independence"\nmodules = ["x", "y"]\ninclude = ["x.i"]\n'
        'exclude = ["x.e"]\n'
        '[rules.b]\nkind = "forbidden"\nfrom = ["x"]\nto = ["y"]\n'
        '[rules.c]\nkind = "layers"\nlayers = ["top", "(optional)", "low"]\ncontainers = ["c"]\n'
    )
    config, _ = load(tmp_path, "fitness.toml", text)

    refs = [
        (ref.expr.text, ref.internal)
        for rule in config.rules
        for ref in (*rule.include, *rule.exclude, *rule.params.module_refs())
    ]
    assert refs == [
        ("x.i", True),
        ("x.e", True),
        ("x", True),
        ("y", True),
        ("x", True),
        ("y", False),
        ("c", True),
        ("c.top", True),
        ("c.low", True),
    ]
