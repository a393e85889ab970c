"""Configuration mistakes: every one reported at once, word for word, exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

MODULES = {
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/services/__init__.py": "",
    "src/shop/domain/__init__.py": "",
}

# A valid rule, appended to configurations that test something else.
RULE = '\n[tool.fitness.rules.ok]\nkind = "independence"\nmodules = ["shop.api", "shop.domain"]\n'


def check_config(project: Project, run: Run, config: str, name: str = "pyproject.toml") -> Result:
    root = project({**MODULES, name: config})
    return run("check", cwd=root)


def test_several_mistakes_are_reported_together_in_file_order(project: Project, run: Run) -> None:
    config = """
        [project]
        name = "shop"

        [tool.fitness]
        source_root = ["src"]

        [tool.fitness.rules.layered-architecture]
        kind = "layers"
        layers = [
          "shop.api",
          "shop.servces",
        ]
        severity = "fatal"

        [tool.fitness.rules.no-shell]
        kind = "forbidden"
        from = ["shop.api"]
        to = "sqlalchemy"
        alow_indirect = true

        [tool.fitness.rules.typo-kind]
        kind = "layer"
        layers = ["shop.api"]

        [tool.fitness.rules."bad id"]
        kind = "independence"
        modules = ["shop.api", "shop..services", 3]
        type_checking = "skip"
    """

    result = check_config(project, run, config)

    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        "pyproject.toml:5: tool.fitness: unknown key 'source_root' (did you mean 'source_roots'?)",
        "pyproject.toml:11: tool.fitness.rules.layered-architecture.layers[1]: no module "
        "'shop.servces' under the source roots (did you mean 'shop.services'?)",
        "pyproject.toml:13: tool.fitness.rules.layered-architecture.severity: 'fatal' is not one "
        "of 'error', 'warning', 'note'",
        "pyproject.toml:18: tool.fitness.rules.no-shell.to: expected a list of strings, got a "
        'string (write ["sqlalchemy"])',
        "pyproject.toml:19: tool.fitness.rules.no-shell: unknown key 'alow_indirect' "
        "(did you mean 'allow_indirect'?)",
        "pyproject.toml:22: tool.fitness.rules.typo-kind.kind: unknown rule kind 'layer' "
        "(did you mean 'layers'?); known kinds: acyclic, allowed, banned-api, classes, dependencies, forbidden, independence, layers, metrics, protected",
        "pyproject.toml:25: tool.fitness.rules.\"bad id\": 'bad id' is not a valid rule id: use "
        "letters, digits, '-' and '_', starting with a letter",
        "pyproject.toml:27: tool.fitness.rules.\"bad id\".modules[1]: 'shop..services' has an "
        "empty segment",
        'pyproject.toml:27: tool.fitness.rules."bad id".modules[2]: expected a string, got an '
        "integer (3)",
        "pyproject.toml:28: tool.fitness.rules.\"bad id\".type_checking: 'skip' is not one of "
        "'check', 'ignore'",
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(
            '[tool.fitness]\nsource_roots = ["src"\n',
            "pyproject.toml:3:1: invalid TOML: Unclosed array",
            id="toml-syntax",
        ),
        pytest.param(
            "[tool.fitness]\nsource_roots = 3\n" + RULE,
            "pyproject.toml:2: tool.fitness.source_roots: expected a list of strings, got an integer (3)",
            id="wrong-type",
        ),
        pytest.param(
            '[tool.fitness]\nsource_roots = ["lib"]\n' + RULE,
            "pyproject.toml:2: tool.fitness.source_roots[0]: source root 'lib' is not a directory",
            id="missing-root",
        ),
        pytest.param(
            '[tool.fitness]\nrespect_gitignore = "yes"\n' + RULE,
            "pyproject.toml:2: tool.fitness.respect_gitignore: expected true or false, got a string ('yes')",
            id="wrong-bool",
        ),
        pytest.param(
            "[tool.fitness.adr]\ndir = 4\nrequire_for_rule = true\n" + RULE,
            "pyproject.toml:2: tool.fitness.adr.dir: expected a string, got an integer (4)\n"
            "pyproject.toml:3: tool.fitness.adr: unknown key 'require_for_rule' "
            "(did you mean 'require_for_rules'?)",
            id="adr-table",
        ),
        pytest.param(
            "[tool.fitness]\nrules = 1\n",
            "pyproject.toml:2: tool.fitness.rules: expected a table, got an integer (1)",
            id="rules-not-a-table",
        ),
        pytest.param(
            "[tool.fitness.rules]\nx = 1\n",
            "pyproject.toml:2: tool.fitness.rules.x: expected a table, got an integer (1)",
            id="rule-not-a-table",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nlayers = ["shop.api"]\n',
            "pyproject.toml:1: tool.fitness.rules.x: missing required key 'kind'",
            id="missing-kind",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\n',
            "pyproject.toml:1: tool.fitness.rules.x: missing required key 'layers'",
            id="missing-layers",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = []\n',
            "pyproject.toml:3: tool.fitness.rules.x.layers: must list at least one layer",
            id="empty-layers",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["shop.api", "shop.domain | shop.api"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.layers[1]: 'shop.api' is already a layer",
            id="layer-twice",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["shop.api | shop.services : shop.domain"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.layers[0]: 'shop.api | shop.services : "
            "shop.domain' mixes '|' and ':'; use one kind of sibling per layer",
            id="mixed-siblings",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["shop.*"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.layers[0]: 'shop.*' has a wildcard; a layer "
            "names one module",
            id="wildcard-layer",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["shop.api"]\nclosed = ["shop.web"]\n'
            "exhaustive = true\n",
            "pyproject.toml:4: tool.fitness.rules.x.closed[0]: closed layer 'shop.web' is not one of "
            "the layers\n"
            "pyproject.toml:5: tool.fitness.rules.x.exhaustive: exhaustive = true needs `containers`",
            id="closed-and-exhaustive",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["shop.api", "shop.domain"]\n'
            'exhaustive_ignores = ["tests", "shop.migrations"]\n',
            "pyproject.toml:4: tool.fitness.rules.x.exhaustive_ignores: exhaustive_ignores needs "
            "exhaustive = true\n"
            "pyproject.toml:4: tool.fitness.rules.x.exhaustive_ignores[1]: 'shop.migrations' is not "
            "a child's name: exhaustive_ignores lists the last segment of children of the "
            "containers, such as 'migrations'",
            id="exhaustive-ignores",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "forbidden"\nfrom = []\nto = ["shop.*.nothing"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.from: must list at least one module\n"
            "pyproject.toml:4: tool.fitness.rules.x.to[0]: 'shop.*.nothing' matches no module under "
            "the source roots",
            id="empty-from-and-unmatched-wildcard",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "forbidden"\nfrom = ["shopp.api"]\nto = ["os"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.from[0]: no module 'shopp.api' under the source "
            "roots (did you mean 'shop.api'?)",
            id="typo-of-top-level-package",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["shop.api"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.layers: a single layer cannot break the rule: "
            "list at least two layers, top to bottom, or independent siblings ('a | b')",
            id="one-layer",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "layers"\nlayers = ["api : domain"]\n'
            'containers = ["shop"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.layers: a single layer cannot break the rule: "
            "list at least two layers, top to bottom, or independent siblings ('a | b') "
            "(containers repeat the layers inside each container, never comparing two "
            "containers)",
            id="one-layer-in-containers",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "independence"\nmodules = ["shop.api"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.modules: a single module cannot break the "
            "rule, having no other to import: list at least two modules, or a wildcard such as "
            "'shop.*'",
            id="one-independent-module",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "independence"\nmodules = ["*.api"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.modules[0]: '*.api' matches shop.api alone, which "
            "cannot break the rule, having no other to import: list at least two modules, or a "
            "wildcard such as 'shop.*'",
            id="one-wildcard-matching-one",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "independence"\nmodules = ["shop.*.api"]\n',
            "pyproject.toml:3: tool.fitness.rules.x.modules[0]: 'shop.*.api' matches no module "
            "under the source roots",
            id="one-wildcard-matching-none",
        ),
        pytest.param(
            '[tool.fitness.rules.x]\nkind = "independence"\nmodules = ["shop.api", "shop.domain"]\n'
            'ignore = ["shop.api", "a -> b..c"]\ninclude = ["shop.api.*x"]\n',
            "pyproject.toml:4: tool.fitness.rules.x.ignore[0]: 'shop.api' is not an import "
            "expression (write 'a.b -> c.d')\n"
            "pyproject.toml:4: tool.fitness.rules.x.ignore[1]: 'b..c' has an empty segment\n"
            "pyproject.toml:5: tool.fitness.rules.x.include[0]: 'shop.api.*x' is not a dotted module "
            "name ('*x' is not an identifier)",
            id="bad-expressions",
        ),
    ],
)
def test_each_mistake_has_its_exact_message(
    project: Project, run: Run, config: str, expected: str
) -> None:
    result = check_config(project, run, config)

    assert (result.code, result.out) == (2, "")
    assert result.err == expected + "\n"


def test_fitness_toml_paths_have_no_tool_prefix(project: Project, run: Run) -> None:
    result = check_config(
        project,
        run,
        '[rules.x]\nkind = "forbidden"\nfrom = ["shop.api"]\nto = ["shop.servics"]\n',
        name="fitness.toml",
    )

    assert result.code == 2
    assert result.err == (
        "fitness.toml:4: rules.x.to[0]: no module 'shop.servics' under the source roots "
        "(did you mean 'shop.services'?)\n"
    )


def test_third_party_and_stdlib_names_need_not_exist(project: Project, run: Run) -> None:
    config = (
        '[tool.fitness.rules.x]\nkind = "forbidden"\nfrom = ["shop.domain"]\n'
        'to = ["nowhere_orm.orm", "os.path", "nowhere_web.**"]\n'
    )

    result = check_config(project, run, config)

    unknown = (
        "which the project does not import, is not installed and is not in the standard library"
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "pyproject.toml:1:1: vacuous-rule: rule x matched shop.domain, which imports nothing: "
        "check its modules [warning]\n"
        f"pyproject.toml:4:1: unknown-module: rule x names 'nowhere_orm.orm', {unknown} [warning]\n"
        f"pyproject.toml:4:1: unknown-module: rule x names 'nowhere_web.**', {unknown} [warning]\n"
        "\n"
        "unknown-module  built-in  2 findings\n"
        "vacuous-rule    built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 3 findings (3 warnings) in 4 files (0.00s).\n"
    )


@pytest.mark.parametrize(
    "rule",
    [
        'kind = "layers"\nlayers = ["shop.api | shop.domain"]\n',
        'kind = "layers"\nlayers = ["api"]\ncontainers = ["shop"]\nexhaustive = true\n',
        'kind = "independence"\nmodules = ["shop.*"]\n',
    ],
)
def test_one_entry_that_can_still_break_the_rule_is_accepted(
    project: Project, run: Run, rule: str
) -> None:
    result = check_config(project, run, f"[tool.fitness.rules.x]\n{rule}")

    assert (result.code, result.err) in ((0, ""), (1, ""))
