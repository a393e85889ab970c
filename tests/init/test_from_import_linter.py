"""`fitness init --from-import-linter`: reading import-linter's files and what is carried over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

CODE = {
    "shop/__init__.py": "",
    "shop/api/__init__.py": "",
    "shop/api/views.py": "from shop import domain\n",
    "shop/domain/__init__.py": "",
    "shop/domain/models.py": "import sqlalchemy\n",
    "shop/billing/__init__.py": "",
    "shop/billing/internal/__init__.py": "",
    "tests/__init__.py": "",
    "tests/test_views.py": "from shop.api import views\n",
    "setup.py": "",
}

SETUP_CFG = """\
[metadata]
name = shop

[importlinter]
root_package = shop
include_external_packages = True
exclude_type_checking_imports = true

[importlinter:contract:layers]
name = API over domain
type = layers
layers =
    shop.api
    shop.domain

[importlinter:contract:pure-domain]
name = The domain is pure
type = forbidden
source_modules =
    shop.domain
forbidden_modules =
    sqlalchemy
ignore_imports =
    shop.domain.models->sqlalchemy
unmatched_ignore_imports_alerting = warn
allow_indirect_imports = True

[importlinter:contract:billing]
name = Billing is private
type = protected
protected_modules = shop.billing.internal
allowed_importers = shop.billing
as_packages = False

[importlinter:contract:privates]
name = Private modules stay private
type = private_modules

[importlinter:contract:acyclic]
name = No cycles
type = acyclic_siblings
ancestors = shop
depth = 2
"""

CONVERTED = (
    "# Converted from import-linter's configuration in setup.cfg by `fitness init\n"
    "# --from-import-linter`: each rule is the contract of the same id, with import-linter's\n"
    "# verdicts. What could not be carried over is commented where it was.\n"
    'source_roots = ["."]  # where the root packages are\n'
    "# import-linter analyses the root packages only:\n"
    'exclude = ["/setup.py", "/tests/"]\n'
    "# include_external_packages = True: not needed, fitness always sees the imports of\n"
    "# third-party packages.\n"
    'type_checking = "ignore"  # exclude_type_checking_imports = true\n'
    'dynamic = "ignore"  # import-linter does not see importlib.import_module("x"); "check" follows them\n'
    "\n"
    "# API over domain (import-linter's layers contract layers)\n"
    "[rules.layers]\n"
    'kind = "layers"\n'
    'layers = ["shop.api", "shop.domain"]\n'
    "\n"
    "# The domain is pure (import-linter's forbidden contract pure-domain)\n"
    "[rules.pure-domain]\n"
    'kind = "forbidden"\n'
    'from = ["shop.domain"]\n'
    'to = ["sqlalchemy"]\n'
    'ignore = ["shop.domain.models -> sqlalchemy"]\n'
    "allow_indirect = true\n"
    "# Not carried over: unmatched_ignore_imports_alerting = warn: fitness always reports an\n"
    "# ignore that matches no import as a finding; remove such entries instead.\n"
    "\n"
    "# Billing is private (import-linter's protected contract billing)\n"
    "[rules.billing]\n"
    'kind = "protected"\n'
    'modules = ["shop.billing.internal"]\n'
    'allowed_importers = ["shop.billing"]\n'
    "# Not carried over: as_packages = False: fitness's protected always treats modules as\n"
    "# packages: it protects the descendants too and allows the descendants of allowed\n"
    "# importers.\n"
    "\n"
    "# Not converted: import-linter's private_modules contract privates has no fitness kind;\n"
    "# its options were:\n"
    "#   name = Private modules stay private\n"
    "#   type = private_modules\n"
    "\n"
    "# No cycles (import-linter's acyclic_siblings contract acyclic)\n"
    "[rules.acyclic]\n"
    'kind = "acyclic"\n'
    'packages = ["shop"]\n'
    "depth = 2\n"
)


def test_setup_cfg_is_converted_with_a_comment_on_what_does_not_carry_over(
    project: Project, run: Run
) -> None:
    root = project({**CODE, "setup.cfg": SETUP_CFG})

    result = run("init", "--from-import-linter", cwd=root)

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Wrote fitness.toml. Converted 4 contracts from setup.cfg; not converted (no fitness "
        "kind): privates (private_modules); 2 options not carried over (see the comments).\n"
        "Read the draft, edit it, then run `fitness check`.\n"
    )
    assert (root / "fitness.toml").read_text() == CONVERTED
    assert run("check", "--no-cache", cwd=root).code == 0


def test_an_importlinter_file_named_on_the_command_line(project: Project, run: Run) -> None:
    ini = SETUP_CFG.replace("[metadata]\nname = shop\n\n", "")
    root = project({**CODE, "config/.importlinter": ini, "pyproject.toml": "[project]\n"})

    result = run("init", "--from-import-linter", "config/.importlinter", cwd=root)

    # As with import-linter's --config, the project is the current directory.
    assert result.code == 0, result.err
    assert result.out.startswith("Appended [tool.fitness] to pyproject.toml. Converted 4 ")
    converted = (
        CONVERTED.replace("in setup.cfg by", "in .importlinter by")
        .replace("[rules.", "[tool.fitness.rules.")
        .replace("source_roots = ", "[tool.fitness]\nsource_roots = ")
    )
    assert (root / "pyproject.toml").read_text() == f"[project]\n\n{converted}"
    assert not (root / "config" / "fitness.toml").exists()


def test_the_file_is_found_as_import_linter_finds_it(project: Project, run: Run) -> None:
    ini = SETUP_CFG.replace("[metadata]\nname = shop\n\n", "")
    root = project({**CODE, ".importlinter": ini, "setup.cfg": "[metadata]\nname = shop\n"})

    result = run("init", "--from-import-linter", cwd=root)

    assert result.code == 0, result.err
    assert "from .importlinter;" in result.out
    text = (root / "fitness.toml").read_text()
    assert text.replace(".importlinter", "setup.cfg", 1) == CONVERTED


def test_pyproject_contracts_without_ids_are_named_after_their_names(
    project: Project, run: Run
) -> None:
    pyproject = """\
[project]
name = "shop"

[tool.importlinter]
root_packages = ["shop"]

[[tool.importlinter.contracts]]
name = "API over domain"
type = "layers"
layers = ["shop.api", "shop.domain"]
containers = []

[[tool.importlinter.contracts]]
name = "API over domain"
type = "forbidden"
source_modules = ["shop.domain"]
forbidden_modules = ["shop.api"]
as_packages = false
broken_contract_guidance = "Move it to the domain."
custom_option = "x"
"""
    root = project({**CODE, "pyproject.toml": pyproject})

    result = run("init", "--from-import-linter", cwd=root)

    assert result.code == 0, result.err
    text = (root / "pyproject.toml").read_text()
    assert text.startswith(pyproject + "\n# Converted from import-linter's configuration in ")
    assert text.endswith(
        "\n"
        "# API over domain (import-linter's layers contract api-over-domain)\n"
        "[tool.fitness.rules.api-over-domain]\n"
        'kind = "layers"\n'
        'layers = ["shop.api", "shop.domain"]\n'
        "containers = []\n"
        "\n"
        "# API over domain (import-linter's forbidden contract api-over-domain-2)\n"
        "[tool.fitness.rules.api-over-domain-2]\n"
        'kind = "forbidden"\n'
        'from = ["shop.domain"]\n'
        'to = ["shop.api"]\n'
        "as_packages = false\n"
        'message = "Move it to the domain."\n'
        "# Not carried over: custom_option = x: fitness's forbidden has no such key.\n"
    )
    assert run("check", "--no-cache", cwd=root).code == 0


def test_a_configuration_with_no_contract_fitness_has_is_an_error(
    project: Project, run: Run
) -> None:
    ini = (
        "[importlinter]\nroot_package = shop\n\n[importlinter:contract:p]\ntype = private_modules\n"
    )
    root = project({**CODE, ".importlinter": ini})

    result = run("init", "--from-import-linter", cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"fitness: {root / '.importlinter'}: no contract converts to a fitness rule "
        "(contracts: p (private_modules)), so the configuration would check nothing\n"
    )
    assert not (root / "fitness.toml").exists()


def test_no_import_linter_configuration_is_an_error(project: Project, run: Run) -> None:
    root = project({**CODE, "setup.cfg": "[metadata]\nname = shop\n"})

    result = run("init", "--from-import-linter", cwd=root)

    assert result.code == 2
    assert result.err == (
        f"fitness: no import-linter configuration in {root}: looked for [importlinter] in "
        "setup.cfg and .importlinter, and [tool.importlinter] in pyproject.toml; name the "
        "file: fitness init --from-import-linter PATH\n"
    )


def test_values_import_linter_would_refuse_are_errors(project: Project, run: Run) -> None:
    ini = (
        "[importlinter]\nroot_package = shop\n\n"
        "[importlinter:contract:f]\ntype = forbidden\nsource_modules = shop.api\n"
        "forbidden_modules = shop.domain\nallow_indirect_imports = maybe\n\n"
        "[importlinter:contract:a]\ntype = acyclic_siblings\nancestors = shop\ndepth = deep\n"
    )
    root = project({**CODE, ".importlinter": ini})

    result = run("init", "--from-import-linter", cwd=root)

    assert result.code == 2
    assert result.err == (
        f"fitness: {root / '.importlinter'}: contract f: allow_indirect_imports: expected "
        "true or false, got 'maybe'\n"
        f"{root / '.importlinter'}: contract a: depth: expected a whole number, got 'deep'\n"
    )


def test_a_root_package_that_is_not_there_is_an_error(project: Project, run: Run) -> None:
    ini = "[importlinter]\nroot_packages =\n    nowhere\n\n[importlinter:contract:x]\ntype = independence\nmodules = nowhere.a\n"
    root = project({**CODE, ".importlinter": ini})

    result = run("init", "--from-import-linter", cwd=root)

    assert result.code == 2
    assert result.err == (
        f"fitness: none of the root packages (nowhere) is in {root}: run the conversion in "
        "the project's root directory\n"
    )


def test_a_src_layout_is_found_and_the_rest_of_src_excluded(project: Project, run: Run) -> None:
    files = {f"src/{path}": text for path, text in CODE.items() if path.startswith("shop/")}
    files["src/other/__init__.py"] = ""
    ini = "[importlinter]\nroot_package = shop\n\n[importlinter:contract:l]\ntype = layers\nlayers =\n    shop.api\n    shop.domain\n"
    root = project({**files, ".importlinter": ini})

    assert run("init", "--from-import-linter", cwd=root).code == 0
    lines = (root / "fitness.toml").read_text().splitlines()
    assert lines[3:6] == [
        'source_roots = ["src"]  # where the root packages are',
        "# import-linter analyses the root packages only:",
        'exclude = ["/src/other/"]',
    ]
    assert run("check", "--no-cache", cwd=root).code == 0
