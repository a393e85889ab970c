"""Issue 20 item 3, end to end: real configurations are accepted, and none checks less
than it says. Exact text output and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

QT_RULE = """\
[tool.fitness]
source_roots = ["."]

[tool.fitness.rules.no-qt]
kind = "forbidden"
from = ["napari"]
to = ["PyQt5", "PyQt6", "PySide2", "PySide6"]
"""

QT_FILES = {
    "pyproject.toml": QT_RULE,
    "napari/__init__.py": "",
    "napari/viewer.py": "from PyQt5 import QtWidgets\n",
    "napari/window.py": "import PySide2.QtCore\n",
}

UNKNOWN = "which the project does not import, is not installed and is not in the standard library"


def test_a_family_of_qt_bindings_is_checked_and_the_unimported_versions_are_no_warning(
    project: Project, run: Run
) -> None:
    result = run("check", cwd=project(QT_FILES))

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "napari/viewer.py:1:1: no-qt: napari must not import PyQt5\n"
        "  napari.viewer -> PyQt5 (l.1)\n"
        "napari/window.py:1:1: no-qt: napari must not import PySide2\n"
        "  napari.window -> PySide2.QtCore (l.1)\n"
        "\n"
        "no-qt  forbidden  broken  2 findings\n"
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 3 files (0.00s).\n"
    )


def test_a_misspelt_third_party_name_is_a_warning_with_the_imported_name(
    project: Project, run: Run
) -> None:
    rule = QT_RULE.replace('"PyQt5", "PyQt6", "PySide2", "PySide6"', '"PySdie2", "PySide3"')
    root = project({**QT_FILES, "pyproject.toml": rule})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"pyproject.toml:7:1: unknown-module: rule no-qt names 'PySdie2', {UNKNOWN} "
        "(did you mean 'PySide2'?) [warning]\n"
        "\n"
        "unknown-module  built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 warning) in 3 files (0.00s).\n"
    )


def test_a_misspelt_banned_api_is_a_warning_with_the_imported_module(
    project: Project, run: Run
) -> None:
    files = {
        "pyproject.toml": (
            '[tool.fitness]\nsource_roots = ["."]\n\n'
            "[tool.fitness.rules.no-pickle]\n"
            'kind = "banned-api"\n'
            'apis = [\n  "pickel.loads",\n  { name = "subprocess.run", when = { shell = true } },\n]\n'
        ),
        "app/__init__.py": "",
        "app/store.py": "import pickle\n\npickle.loads(b'')\n",
    }

    result = run("check", cwd=project(files))

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"pyproject.toml:7:1: unknown-module: rule no-pickle names 'pickel.loads', {UNKNOWN} "
        "(did you mean 'pickle.loads'?) [warning]\n"
        "\n"
        "unknown-module  built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 warning) in 2 files (0.00s).\n"
    )


def test_explain_describes_the_unknown_module_finding(run: Run, tmp_path: Path) -> None:
    result = run("explain", "unknown-module", cwd=tmp_path)

    assert result.code == 0
    assert result.out.startswith(
        "unknown-module: A rule names a third-party module that nothing knows. "
        "(built-in, warning)\n"
    )


# An `ignore` whose imported side is a third-party package covers its submodules.

CHECKER = {
    "wemake/__init__.py": "",
    "wemake/checker.py": "from flake8.options.manager import OptionManager\n",
    "wemake/visitors.py": "import flake8.style_guide\n",
}


def test_an_ignore_on_a_third_party_package_covers_its_submodules(
    project: Project, run: Run
) -> None:
    files = {
        **CHECKER,
        "pyproject.toml": (
            '[tool.fitness]\nsource_roots = ["."]\n\n'
            "[tool.fitness.rules.no-flake8]\n"
            'kind = "forbidden"\n'
            'from = ["wemake"]\n'
            'to = ["flake8"]\n'
            'ignore = ["wemake.checker -> flake8", "wemake.visitors -> flake8.options"]\n'
        ),
    }

    result = run("check", cwd=project(files))

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "pyproject.toml:8:1: no-flake8: ignore 'wemake.visitors -> flake8.options' "
        "matches no import\n"
        "wemake/visitors.py:1:1: no-flake8: wemake must not import flake8\n"
        "  wemake.visitors -> flake8.style_guide (l.1)\n"
        "\n"
        "no-flake8  forbidden  broken  2 findings\n"
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 3 files (0.00s).\n"
    )


def test_an_ignore_on_an_own_module_names_that_module_alone(project: Project, run: Run) -> None:
    files = {
        "pyproject.toml": (
            '[tool.fitness]\nsource_roots = ["."]\n\n'
            "[tool.fitness.rules.apart]\n"
            'kind = "forbidden"\n'
            'from = ["app.a"]\n'
            'to = ["app.b"]\n'
            'ignore = ["app.a -> app.b"]\n'
        ),
        "app/__init__.py": "",
        "app/a.py": "from app.b import c\n",
        "app/b/__init__.py": "",
        "app/b/c.py": "",
    }

    result = run("check", cwd=project(files))

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "app/a.py:1:1: apart: app.a must not import app.b\n"
        "  app.a -> app.b.c (l.1)\n"
        "pyproject.toml:8:1: apart: ignore 'app.a -> app.b' matches no import\n"
        "\n"
        "apart  forbidden  broken  2 findings\n"
        "Rules: 0 kept, 1 broken. Found 2 findings (2 errors) in 4 files (0.00s).\n"
    )


IMPORTLINTER = """\
[importlinter]
root_package = wemake

[importlinter:contract:checker]
name = Only the checker uses flake8
type = forbidden
source_modules =
    wemake
forbidden_modules =
    flake8
ignore_imports =
    wemake.checker -> flake8
    wemake.visitors -> flake8
"""


def test_a_converted_contract_that_ignores_a_package_passes_on_the_untouched_project(
    project: Project, run: Run
) -> None:
    root = project({**CHECKER, ".importlinter": IMPORTLINTER})

    assert run("init", "--from-import-linter", cwd=root).code == 0
    result = run("check", "--no-cache", cwd=root)

    assert (result.code, result.err) == (0, "")
    # Every import of wemake is ignored: the contract passes, and checks nothing.
    assert result.out == (
        "fitness.toml:8:1: vacuous-rule: rule checker matched wemake, which imports nothing: "
        "check its modules [warning]\n"
        "\n"
        "vacuous-rule  built-in  1 finding\n"
        "Rules: 1 kept, 0 broken. Found 1 finding (1 warning) in 3 files (0.00s).\n"
    )


# `forbidden` with `to` inside `from`: the rest of `from` must not import it.

LITESTAR = {
    "pyproject.toml": (
        '[tool.fitness]\nsource_roots = ["."]\n\n'
        "[tool.fitness.rules.no-testing]\n"
        'kind = "forbidden"\n'
        'from = ["litestar"]\n'
        'to = ["litestar.testing"]\n'
    ),
    "litestar/__init__.py": "",
    "litestar/app.py": "from litestar.testing.client import TestClient\n",
    "litestar/routes.py": "from litestar import app\n",
    "litestar/testing/__init__.py": "from litestar.testing.client import TestClient\n",
    "litestar/testing/client.py": "from litestar import routes\n\nTestClient = object\n",
}


def test_forbidden_with_to_inside_from_checks_the_rest_of_from(project: Project, run: Run) -> None:
    result = run("check", cwd=project(LITESTAR))

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "litestar/app.py:1:1: no-testing: litestar must not import litestar.testing\n"
        "  litestar.app -> litestar.testing.client (l.1)\n"
        "\n"
        "no-testing  forbidden  broken  1 finding\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 5 files (0.00s).\n"
    )


def test_forbidden_with_to_inside_from_is_kept_when_only_to_imports_itself(
    project: Project, run: Run
) -> None:
    files = {**LITESTAR, "litestar/app.py": ""}

    result = run("check", cwd=project(files))

    assert (result.code, result.out) == (
        0,
        "Rules: 1 kept, 0 broken. No findings in 5 files (0.00s).\n",
    )


def test_explain_banned_api_documents_lists_and_the_python_spellings(
    run: Run, tmp_path: Path
) -> None:
    out = " ".join(run("explain", "banned-api", cwd=tmp_path).out.split())

    assert 'a list of those meaning any of them (`when = { mode = ["w", "a"] }`)' in out
    assert 'Python\'s `"True"` and `"False"` are refused (write `true`, `false`)' in out


# `protected`'s `public`: relative to the protected module, or in full under it.

BILLING = {
    "g/__init__.py": "",
    "g/billing/__init__.py": "",
    "g/billing/api.py": "from g.billing import ledger\n",
    "g/billing/ledger.py": "",
    "g/orders.py": "from g.billing.api import charge\nfrom g.billing import ledger\n",
}


def _protected(public: str) -> str:
    return (
        '[tool.fitness]\nsource_roots = ["."]\n\n'
        "[tool.fitness.rules.billing]\n"
        'kind = "protected"\n'
        'modules = ["g.billing"]\n'
        f"public = {public}\n"
    )


def test_a_public_entry_may_be_the_full_name(project: Project, run: Run) -> None:
    root = project({**BILLING, "pyproject.toml": _protected('["g.billing.api"]')})

    result = run("check", cwd=root)

    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "g/orders.py:2:1: billing: g.orders may not import g.billing.ledger "
        "(g.billing is protected: use g.billing.api)\n"
        "\n"
        "billing  protected  broken  1 finding\n"
        "Rules: 0 kept, 1 broken. Found 1 finding (1 error) in 5 files (0.00s).\n"
    )


def test_a_relative_and_a_full_public_entry_mean_the_same(project: Project, run: Run) -> None:
    full = run("check", cwd=project({**BILLING, "pyproject.toml": _protected('["g.billing.api"]')}))
    relative = run("check", cwd=project({**BILLING, "pyproject.toml": _protected('["api"]')}))

    assert relative == full


def test_a_public_entry_that_names_nothing_under_the_module_is_an_error(
    project: Project, run: Run
) -> None:
    public = '["g.billing.apii", "billing.api", "charge", "g.billing.charge", "g.billing.api.v1"]'
    root = project({**BILLING, "pyproject.toml": _protected(public)})

    result = run("check", cwd=root)

    nothing = (
        "names nothing under g.billing: a public entry is a submodule or a name of the "
        "protected module, relative to it ('api') or in full ('g.billing.api')"
    )
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        # One segment after the module may be a name its __init__ defines: not judged.
        f"pyproject.toml:7: tool.fitness.rules.billing.public[1]: 'billing.api' {nothing} "
        "(did you mean 'api'?)",
        f"pyproject.toml:7: tool.fitness.rules.billing.public[4]: 'g.billing.api.v1' {nothing} "
        "(did you mean 'g.billing.api'?)",
    ]


def test_a_rule_pack_names_libraries_the_project_does_not_use_without_a_warning(
    project: Project, run: Run
) -> None:
    # The security pack bans yaml.load, requests with verify=False, ...: none installed here.
    files = {
        "pyproject.toml": '[tool.fitness]\nsource_roots = ["."]\nextends = ["fitness:security"]\n',
        "app/__init__.py": "",
    }

    result = run("check", cwd=project(files))

    assert (result.code, result.err) == (0, "")
    assert "unknown-module" not in result.out
    assert result.out.endswith("No findings in 1 file (0.00s).\n")
