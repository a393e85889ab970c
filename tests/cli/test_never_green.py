"""A run that would check nothing is a configuration error (exit 2), never a pass.

Each case as a new user meets it, end to end through the CLI, with the exact
messages: nothing to parse, rules whose own side is outside the source roots, no
rules, a `--config` file in either layout, third-party typos, module names in
`exclude`; and the top-level `type_checking` / `dynamic` defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import Result, check_project

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

RULES = """
[tool.fitness.rules.mypkg-apart]
kind = "independence"
modules = ["mypkg.a", "mypkg.b"]
"""

FLASK = {
    "lib/flask/__init__.py": "from .app import Flask\n",
    "lib/flask/app.py": "import werkzeug.serving\n\nfrom . import cli\n",
    "lib/flask/cli.py": "import click\n",
    "lib/flask/sansio/__init__.py": "",
    "lib/flask/sansio/app.py": "",
    "tests/test_app.py": "import flask\n",
    "docs/conf.py": "",
}

FLASK_RULES = """
[project]
name = "flask"

[tool.fitness.rules.layers]
kind = "layers"
layers = ["flask.cli", "flask.app", "flask.sansio"]

[tool.fitness.rules.sansio-is-pure]
kind = "forbidden"
from = ["flask.sansio.**"]
to = ["werkzeug.serving", "flask.app"]
"""


def errors(result: Result) -> list[str]:
    assert (result.code, result.out) == (2, ""), result
    return result.err.splitlines()


# 1. No Python file under the source roots.


def test_default_src_holding_only_javascript_suggests_the_project_root(
    project: Project, run: Run
) -> None:
    root = project(
        {
            "pyproject.toml": '[project]\nname = "mypkg"\n\n[tool.fitness]\n' + RULES,
            "src/app.js": "export {}\n",
            "src/vendor/lib.js": "",
            "mypkg/__init__.py": "",
            "mypkg/a.py": "",
            "mypkg/b.py": "",
        }
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:4: tool.fitness: no Python file under the source roots (searched: src, "
        'by default; did you mean source_roots = ["."]?)'
    ]


def test_an_empty_configured_root_is_reported_on_its_line(project: Project, run: Run) -> None:
    root = project(
        {
            "pyproject.toml": '[tool.fitness]\nsource_roots = ["lib"]\n' + RULES,
            "lib/README.md": "",
            "setup.py": "",
            "src/mypkg/__init__.py": "",
            "src/mypkg/a.py": "",
        }
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:2: tool.fitness.source_roots: no Python file under the source roots "
        '(searched: lib; did you mean source_roots = ["src"]?)'
    ]


def test_python_only_in_skipped_directories_is_no_suggestion(project: Project, run: Run) -> None:
    root = project(
        {
            "pyproject.toml": "[tool.fitness]\n" + RULES,
            ".gitignore": "build/\n",
            "build/lib/mypkg/__init__.py": "",
            ".venv/lib/site.py": "",
            "node_modules/gyp/gyp.py": "",
            "web/index.ts": "",
        }
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:1: tool.fitness: no Python file under the source roots (searched: ., "
        "by default; none elsewhere in the project either, with exclude and .gitignore applied)"
    ]


# 2. A rule's own side must name modules under the source roots.


def test_flask_under_lib_with_the_default_root(project: Project, run: Run) -> None:
    root = project({**FLASK, "pyproject.toml": FLASK_RULES})

    hint = "(searched: ., by default; 'flask' is a package in lib/: did you mean source_roots = [\"lib\"]?)"
    assert errors(run("check", cwd=root)) == [
        f"pyproject.toml:6: tool.fitness.rules.layers.layers[0]: no module 'flask.cli' under the "
        f"source roots {hint}",
        f"pyproject.toml:6: tool.fitness.rules.layers.layers[1]: no module 'flask.app' under the "
        f"source roots {hint}",
        f"pyproject.toml:6: tool.fitness.rules.layers.layers[2]: no module 'flask.sansio' under "
        f"the source roots {hint}",
        f"pyproject.toml:10: tool.fitness.rules.sansio-is-pure.from[0]: 'flask.sansio.**' matches "
        f"no module under the source roots {hint}",
    ]


def test_flask_under_lib_once_the_roots_are_fixed(project: Project, run: Run) -> None:
    config = FLASK_RULES.replace(
        "[tool.fitness.rules.layers]",
        '[tool.fitness]\nsource_roots = ["lib"]\n\n[tool.fitness.rules.layers]',
    )
    root = project({**FLASK, "pyproject.toml": config})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    # flask.sansio's modules import nothing here: sansio-is-pure examined no import.
    assert [f.rule_id for f in check_project(root).findings] == ["layers", "vacuous-rule"]


def test_a_needed_root_is_kept_in_the_suggestion(project: Project, run: Run) -> None:
    config = """
        [tool.fitness]
        source_roots = ["src"]

        [tool.fitness.rules.apart]
        kind = "independence"
        modules = ["shop.api", "flask"]
    """
    root = project(
        {**FLASK, "src/shop/__init__.py": "", "src/shop/api.py": "", "pyproject.toml": config}
    )

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:6: tool.fitness.rules.apart.modules[1]: no module 'flask' under the source "
        "roots (searched: src; 'flask' is a package in lib/: did you mean source_roots = "
        '["src", "lib"]?)'
    ]


def test_own_sides_naming_outside_modules(project: Project, run: Run) -> None:
    config = """
        [tool.fitness.rules.apart]
        kind = "independence"
        modules = ["shop.api", "json", "pytest", "acme_billing", "*.nothing", "shop.nothing"]
        include = ["acme_orm"]

        [tool.fitness.rules.tiers]
        kind = "layers"
        containers = ["acme_cms.contrib"]
        layers = ["admin", "(auth)"]

        [tool.fitness.rules.fine]
        kind = "forbidden"
        from = ["shop"]
        to = ["acme_billing", "json", "acme_cms.**"]
    """
    root = project({"src/shop/__init__.py": "", "src/shop/api.py": "", "pyproject.toml": config})

    where = "pyproject.toml:3: tool.fitness.rules.apart.modules"
    assert errors(run("check", cwd=root)) == [
        f"{where}[1]: no module 'json' under the source roots (searched: src, by default; 'json' "
        "is in the standard library, but 'modules' names the project's own modules)",
        f"{where}[2]: no module 'pytest' under the source roots (searched: src, by default; "
        "'pytest' is an installed package, but 'modules' names the project's own modules)",
        f"{where}[3]: no module 'acme_billing' under the source roots (searched: src, by default)",
        f"{where}[4]: '*.nothing' matches no module under the source roots (searched: src, by "
        "default)",
        f"{where}[5]: no module 'shop.nothing' under the source roots (did you mean 'shop.api'?)",
        "pyproject.toml:4: tool.fitness.rules.apart.include[0]: no module 'acme_orm' under the "
        "source roots (searched: src, by default)",
        "pyproject.toml:8: tool.fitness.rules.tiers.containers[0]: no module 'acme_cms.contrib' "
        "under the source roots (searched: src, by default)",
        "pyproject.toml:9: tool.fitness.rules.tiers.layers[0]: no module "
        "'acme_cms.contrib.admin' under the source roots (searched: src, by default)",
    ]


# 3. No rules.


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(
            '[project]\nname = "shop"\n\n[tool.fitness]\nsource_roots = ["src"]\n',
            "pyproject.toml:4: tool.fitness: no rules configured",
            id="empty-tool-fitness",
        ),
        pytest.param(
            "[tool.fitness]\n\n[tool.fitness.rules]\n",
            "pyproject.toml:3: tool.fitness.rules: no rules configured",
            id="empty-rules-table",
        ),
    ],
)
def test_a_configuration_without_rules(
    project: Project, run: Run, config: str, expected: str
) -> None:
    root = project({"pyproject.toml": config, "src/shop/__init__.py": ""})
    message = (
        f"{expected}, so nothing would be checked: add a [tool.fitness.rules.<id>] table with a "
        "kind (one of: acyclic, allowed, banned-api, classes, dependencies, forbidden, independence, layers, metrics, protected); the README describes each kind"
    )

    assert errors(run("check", cwd=root)) == [message]
    assert errors(run("rules", cwd=root)) == [message]


def test_a_config_file_without_rules(project: Project, run: Run) -> None:
    root = project({"fitness-ci.toml": 'source_roots = ["src"]\n', "src/shop/__init__.py": ""})

    assert errors(run("check", "--config", "fitness-ci.toml", cwd=root)) == [
        "fitness-ci.toml:1: no rules configured, so nothing would be checked: add a "
        "[rules.<id>] table with a kind (one of: acyclic, allowed, banned-api, classes, dependencies, forbidden, independence, layers, metrics, protected); the README "
        "describes each kind"
    ]


# 4. `--config` on a file of any name.

SHOP = {
    "src/shop/__init__.py": "",
    "src/shop/api.py": "",
    "src/shop/domain.py": "from shop import api\n",
}
LAYERS = '[{prefix}rules.tiers]\nkind = "layers"\nlayers = ["shop.api", "shop.domain"]\n'


@pytest.mark.parametrize("prefix", ["tool.fitness.", ""])
def test_config_of_any_name_in_either_layout(project: Project, run: Run, prefix: str) -> None:
    root = project({**SHOP, "architecture.toml": LAYERS.format(prefix=prefix)})

    result = run("check", "--config", "architecture.toml", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert "architecture.toml" not in result.out


def test_config_with_neither_layout(project: Project, run: Run) -> None:
    root = project({**SHOP, "pyproject.toml": '[project]\nname = "shop"\n\n[tool.ruff]\n'})

    assert errors(run("check", "--config", "pyproject.toml", cwd=root)) == [
        "pyproject.toml: no fitness configuration in this file: add a [tool.fitness] table (the "
        "pyproject.toml layout), or put the keys at the top of the file, such as source_roots "
        "and [rules.<id>] tables (the fitness.toml layout)"
    ]


def test_a_pyproject_passed_with_config_reads_only_tool_fitness(project: Project, run: Run) -> None:
    config = '[project]\nname = "shop"\n\n' + LAYERS.format(prefix="tool.fitness.")
    files = {f"conf/{path}": text for path, text in SHOP.items()}
    root = project({**files, "conf/pyproject.toml": config})

    result = run("check", "--config", "conf/pyproject.toml", cwd=root)

    assert (result.code, result.err) == (1, "")


# 5. Third-party typos.

WEB = {
    "src/web/__init__.py": "import werkzeug.serving\nimport clack\nimport jsonx\n",
    "src/web/views.py": "from web import models\n",
    "src/web/models.py": "",
}


UNKNOWN = "which the project does not import, is not installed and is not in the standard library"


def test_a_third_party_typo_of_an_imported_package(project: Project, run: Run) -> None:
    # A warning at the name, never a configuration error: the rule still runs.
    config = """
        [tool.fitness.rules.views-apart]
        kind = "forbidden"
        from = ["web.views"]
        to = ["werkzueg.serving", "web.models"]
    """
    root = project({**WEB, "pyproject.toml": config})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert [(f.rule_id, f.location.line, f.message) for f in check_project(root).findings] == [
        (
            "unknown-module",
            4,
            f"rule views-apart names 'werkzueg.serving', {UNKNOWN} "
            "(did you mean 'werkzeug.serving'?)",
        ),
        ("views-apart", 1, "web.views must not import web.models"),
    ]


def test_third_party_names_that_are_no_typos_are_accepted(project: Project, run: Run) -> None:
    # Nothing imports them, but each is installed, in the standard library, or under an
    # imported package; a name close to nothing is a warning with no suggestion.
    config = """
        [tool.fitness.rules.views-apart]
        kind = "forbidden"
        from = ["web.views"]
        to = ["click", "json", "nowhere_orm.orm", "werkzeug.sreving", "web.models"]
    """
    root = project({**WEB, "pyproject.toml": config})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert [f.message for f in check_project(root).findings] == [
        f"rule views-apart names 'nowhere_orm.orm', {UNKNOWN}",
        "web.views must not import web.models",
    ]


# 6. A module name in the top-level `exclude`.


def test_exclude_with_module_names(project: Project, run: Run) -> None:
    config = """
        [tool.fitness]
        exclude = ["shop.legacy", "shop.old", "shop.gone", "**/migrations/**"]

        [tool.fitness.rules.tiers]
        kind = "layers"
        layers = ["shop.api", "shop.domain"]
    """
    files = {**SHOP, "src/shop/legacy/__init__.py": "", "src/shop/old.py": ""}
    root = project({**files, "pyproject.toml": config})

    message = "exclude takes gitignore-style paths, not module names"
    assert errors(run("check", cwd=root)) == [
        f"pyproject.toml:2: tool.fitness.exclude[0]: {message}: 'shop.legacy' matches no path "
        '(did you mean "src/shop/legacy/"?)',
        f"pyproject.toml:2: tool.fitness.exclude[1]: {message}: 'shop.old' matches no path (did "
        'you mean "src/shop/old.py"?)',
        f"pyproject.toml:2: tool.fitness.exclude[2]: {message}: 'shop.gone' matches no path (did "
        'you mean "src/shop/gone/"?)',
    ]


def test_exclude_with_real_globs(project: Project, run: Run) -> None:
    config = """
        [tool.fitness]
        exclude = [
          "*.pyi", "build", "**/migrations/**", "setup.py", "conftest.py", "src/shop/legacy/",
          "shop.d", "docs.build",
        ]

        [tool.fitness.rules.tiers]
        kind = "layers"
        layers = ["shop.api", "shop.domain"]
    """
    files = {**SHOP, "src/shop/legacy/__init__.py": "", "src/shop/docs.build/x.py": ""}
    files["src/shop/shop.d"] = ""
    root = project({**files, "pyproject.toml": config})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")


# 7. `type_checking` and `dynamic` at the top of `[tool.fitness]`.


def test_top_level_import_modes_are_every_rules_default(project: Project, run: Run) -> None:
    config = """
        [tool.fitness]
        type_checking = "ignore"
        dynamic = "ignore"

        [tool.fitness.rules.defaults]
        kind = "layers"
        layers = ["shop.api", "shop.domain"]

        [tool.fitness.rules.checks-type-checking]
        kind = "layers"
        layers = ["shop.api", "shop.domain"]
        type_checking = "check"

        [tool.fitness.rules.checks-dynamic]
        kind = "forbidden"
        from = ["shop.domain"]
        to = ["shop.api"]
        dynamic = "check"
    """
    domain = (
        "import importlib\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from shop import api\n\nimportlib.import_module('shop.api')\n"
    )
    root = project({**SHOP, "src/shop/domain.py": domain, "pyproject.toml": config})

    assert run("check", cwd=root).code == 1
    assert [f.rule_id for f in check_project(root).findings] == [
        "checks-type-checking",
        "checks-dynamic",
    ]


def test_top_level_import_modes_are_validated(project: Project, run: Run) -> None:
    config = '[tool.fitness]\ntype_checking = "skip"\ndynamics = "ignore"\n' + LAYERS.format(
        prefix="tool.fitness."
    )
    root = project({**SHOP, "pyproject.toml": config})

    assert errors(run("check", cwd=root)) == [
        "pyproject.toml:2: tool.fitness.type_checking: 'skip' is not one of 'check', 'ignore'",
        "pyproject.toml:3: tool.fitness: unknown key 'dynamics' (did you mean 'dynamic'?)",
    ]
