"""`fitness init`: the starter configuration it writes, where, and what it never overwrites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

# web and core import each other; db sits between them.
LOOP = {
    "pyproject.toml": '[project]\nname = "app"\n',
    "src/app/__init__.py": "",
    "src/app/web/__init__.py": "",
    "src/app/web/views.py": "from app.core import rules\nfrom app import db\n",
    "src/app/core/__init__.py": "",
    "src/app/core/rules.py": "from app.web import views\n",
    "src/app/db.py": "from app.core import rules\n",
    "docs/adr/0001-layers.md": "# 1. Layers\n\nStatus: accepted\n",
}

STARTER = """\
# A starter configuration written by `fitness init`: a draft to read and edit.
# `fitness explain layers` describes every key; `fitness check` runs the rules.
[tool.fitness]
source_roots = ["src"]  # src/ exists

[tool.fitness.adr]
dir = "docs/adr"  # the first usual place that exists
# Its records, to cite in the rules (adr = "KEY"):
#   ADR-0001: Layers

# The children of app as layers, top to bottom: a layer may import the layers below it,
# never those above, directly or through other modules. This order has 1 violation: no
# order of these 3 packages has fewer (an exact search). One entry "a | b" holds
# siblings that must not import each other (packages that do not depend on each other
# share a layer), "a : b" siblings that may. Cite the decision this rule enforces with
# adr = "ADR-0001".
[tool.fitness.rules.layered-architecture]
kind = "layers"
layers = [
  "app.web",
  "app.db",
  "app.core",
]
# These import each other in a loop: app.core, app.db, app.web.
# The 1 violation this order still has: fix the code, change the order, or ignore an
# import with ignore = ["importer -> imported"]:
#   app.core must not import app.web (a higher layer)
#     app.core.rules -> app.web.views (src/app/core/rules.py:1)
"""

WROTE = (
    "{action} {file}. Proposed 3 layers with 1 violation: no order of these 3 packages has "
    "fewer (an exact search).\n"
    "Read the draft, edit it, then run `fitness check`.\n"
)


def test_a_pyproject_without_fitness_gets_the_draft_appended(project: Project, run: Run) -> None:
    root = project(LOOP)

    result = run("init", cwd=root)

    assert (result.code, result.err) == (0, "")
    assert result.out == WROTE.format(action="Appended [tool.fitness] to", file="pyproject.toml")
    assert (root / "pyproject.toml").read_text() == f'[project]\nname = "app"\n\n{STARTER}'
    assert not (root / "fitness.toml").exists()
    assert not (root / ".fitness_cache").exists()


def test_the_draft_loads_and_its_check_reports_the_violation_it_lists(
    project: Project, run: Run
) -> None:
    root = project(LOOP)
    run("init", cwd=root)

    result = run("check", "--no-cache", cwd=root)

    assert result.code == 1, result.err
    assert result.out.splitlines()[:2] == [
        "src/app/core/rules.py:1:1: layered-architecture: app.core must not import app.web "
        "(a higher layer)",
        "  app.core.rules -> app.web.views (l.1)",
    ]


def test_without_pyproject_it_writes_fitness_toml(project: Project, run: Run) -> None:
    files = {path: text for path, text in LOOP.items() if path != "pyproject.toml"}
    files["src/app/web/views.py"] = "from app.core import rules\n"
    files["src/app/core/rules.py"] = "from app import db\n"
    files["src/app/db.py"] = ""
    root = project(files)

    result = run("init", cwd=root)

    assert result.code == 0, result.err
    assert result.out == (
        "Wrote fitness.toml. Proposed 3 layers with 0 violations: no order of these 3 "
        "packages has fewer (an exact search).\n"
        "Read the draft, edit it, then run `fitness check`.\n"
    )
    text = (root / "fitness.toml").read_text()
    assert text.splitlines()[2:4] == ['source_roots = ["src"]  # src/ exists', ""]
    assert "[adr]\n" in text and "[rules.layered-architecture]\n" in text
    assert text.endswith(
        'layers = [\n  "app.web",\n  "app.core",\n  "app.db",\n]\n# This order has no violation.\n'
    )
    assert run("check", "--no-cache", cwd=root).code == 0


def test_a_flat_layout_leaves_out_tests_docs_and_top_level_scripts(
    project: Project, run: Run
) -> None:
    root = project(
        {
            "setup.py": "import shop\n",
            "conftest.py": "",
            "docs/conf.py": "",
            "tests/__init__.py": "",
            "tests/test_api.py": "from shop import api\n",
            "shop/__init__.py": "",
            "shop/api.py": "from shop import model\n",
            "shop/model.py": "",
        }
    )

    result = run("init", cwd=root)

    assert result.code == 0, result.err
    assert (root / "fitness.toml").read_text() == (
        "# A starter configuration written by `fitness init`: a draft to read and edit.\n"
        "# `fitness explain layers` describes every key; `fitness check` runs the rules.\n"
        'source_roots = ["."]  # there is no src/ directory\n'
        "# Not product code, left out of the analysis (gitignore-style paths):\n"
        'exclude = ["/conftest.py", "/docs/", "/setup.py", "/tests/"]\n'
        "\n"
        "# No ADR directory found (looked for .adr-dir, .log4brains.yml, doc/adr, docs/adr,\n"
        "# docs/decisions, docs/architecture/decisions). Record each decision as an ADR and cite\n"
        '# it in its rule (adr = "ADR-0001"); then set:\n'
        "# [adr]\n"
        '# dir = "docs/adr"\n'
        "\n"
        "# The children of shop as layers, top to bottom: a layer may import the layers below it,\n"
        "# never those above, directly or through other modules. This order has 0 violations: no\n"
        '# order of these 2 packages has fewer (an exact search). One entry "a | b" holds\n'
        "# siblings that must not import each other (packages that do not depend on each other\n"
        '# share a layer), "a : b" siblings that may. Cite the decision this rule enforces with\n'
        '# adr = "ADR-0001".\n'
        "[rules.layered-architecture]\n"
        'kind = "layers"\n'
        "layers = [\n"
        '  "shop.api",\n'
        '  "shop.model",\n'
        "]\n"
        "# This order has no violation.\n"
    )
    assert run("check", "--no-cache", cwd=root).code == 0


def test_several_top_level_packages_are_the_layers(project: Project, run: Run) -> None:
    root = project(
        {
            "src/low/__init__.py": "",
            "src/high/__init__.py": "import mid\n",
            "src/mid/__init__.py": "from low import x\n",
            "src/low/x.py": "",
        }
    )

    assert run("init", cwd=root).code == 0
    text = (root / "fitness.toml").read_text()
    assert "# The top-level packages as layers, top to bottom:" in text
    assert 'layers = [\n  "high",\n  "mid",\n  "low",\n]\n' in text


def test_an_existing_configuration_is_never_overwritten(project: Project, run: Run) -> None:
    root = project({**LOOP, "fitness.toml": '[rules.x]\nkind = "acyclic"\npackages = ["app"]\n'})

    result = run("init", cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"fitness: {root / 'fitness.toml'} already holds a fitness configuration; "
        "`fitness init` never overwrites one: --force replaces it (showing the diff), "
        "--dry-run shows the draft\n"
    )
    assert (
        root / "fitness.toml"
    ).read_text() == '[rules.x]\nkind = "acyclic"\npackages = ["app"]\n'
    assert (root / "pyproject.toml").read_text() == LOOP["pyproject.toml"]


def test_force_replaces_only_the_fitness_tables_after_printing_the_diff(
    project: Project, run: Run
) -> None:
    old = (
        '[project]\nname = "app"\n\n'
        "# fitness: our rules\n"
        '[tool.fitness]\nsource_roots = ["src"]\n\n'
        '[tool.fitness.rules.old]\nkind = "acyclic"\npackages = ["app"]\n\n'
        "# ruff comes after\n"
        "[tool.ruff]\nline-length = 100\n"
    )
    root = project({**LOOP, "pyproject.toml": old})
    refused = run("init", cwd=root)
    assert refused.code == 2

    result = run("init", "--force", cwd=root)

    new = f'[project]\nname = "app"\n\n{STARTER}\n# ruff comes after\n[tool.ruff]\nline-length = 100\n'
    assert result.code == 0, result.err
    assert (root / "pyproject.toml").read_text() == new
    assert result.out == (
        "--- a/pyproject.toml\n"
        "+++ b/pyproject.toml\n"
        "@@ -1,13 +1,34 @@\n"
        " [project]\n"
        ' name = "app"\n'
        " \n"
        "-# fitness: our rules\n"
        "+# A starter configuration written by `fitness init`: a draft to read and edit.\n"
        "+# `fitness explain layers` describes every key; `fitness check` runs the rules.\n"
        " [tool.fitness]\n"
        '-source_roots = ["src"]\n'
        '+source_roots = ["src"]  # src/ exists\n'
        " \n"
        "-[tool.fitness.rules.old]\n"
        '-kind = "acyclic"\n'
        '-packages = ["app"]\n' + "".join(f"+{line}\n" for line in STARTER.splitlines()[5:]) + " \n"
        " # ruff comes after\n"
        " [tool.ruff]\n"
        + WROTE.format(action="Replaced the configuration in", file="pyproject.toml")
    )


def test_dry_run_prints_the_draft_and_writes_nothing(project: Project, run: Run) -> None:
    root = project(LOOP)

    result = run("init", "--dry-run", cwd=root)

    assert result.code == 0
    assert result.out == STARTER
    assert result.err == (
        "Proposed 3 layers with 1 violation: no order of these 3 packages has fewer (an exact "
        "search).\nDry run: nothing written to pyproject.toml.\n"
    )
    assert (root / "pyproject.toml").read_text() == LOOP["pyproject.toml"]


def test_a_single_module_leaves_nothing_to_layer(project: Project, run: Run) -> None:
    root = project({"src/tool.py": "import os\n"})

    result = run("init", cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "fitness: found only tool under src: a layers rule needs two packages or more to "
        "order, so there is nothing to propose\n"
    )
    assert not (root / "fitness.toml").exists()


def test_no_python_at_all_is_a_usage_error(project: Project, run: Run) -> None:
    root = project({"README.md": "hello\n"})

    result = run("init", cwd=root)

    assert result.code == 2
    assert result.err == (
        f"fitness: no Python file under the project root ({root}): run `fitness init` in "
        "the project's root directory\n"
    )
