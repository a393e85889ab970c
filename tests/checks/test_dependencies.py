"""The `dependencies` kind on small projects: one per case, a uv workspace, Poetry, requirements.

Distributions with made-up names (`fancyhttp`, `tinyorm`) are installed nowhere, so
their findings do not depend on the environment the tests run in; the transitive
case needs one that is (jsonschema, of the test extra, and what it requires).
"""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest

from fitness import app
from fitness.errors import ConfigError
from support import check_project, write_tree

RULE = '[tool.fitness.rules.deps]\nkind = "dependencies"\n'


def findings(root: Path) -> list[str]:
    report = check_project(root, fail_on="never")
    return [
        f"{f.location.path}:{f.location.line}:{f.location.column}: {f.message}"
        for f in report.findings
    ]


def project(tmp_path: Path, manifest: str, files: dict[str, str], rule: str = RULE) -> Path:
    text = textwrap.dedent(manifest).lstrip("\n") + "\n[tool.fitness]\n" + rule
    return write_tree(tmp_path, {"pyproject.toml": text, **files})


def test_an_undeclared_import_is_missing_at_the_import(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = ["fancyhttp>=2"]
        """,
        {
            "src/shop/__init__.py": "import fancyhttp\n",
            "src/shop/orm.py": "import os\nfrom tinyorm.session import Session\n",
            # Optional by design: the code runs without it. And `__main__` is no distribution.
            "src/shop/speedups.py": (
                "import __main__\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
            ),
            # Imported once under a guard, then used where that import succeeded.
            "src/shop/display.py": (
                "def colour(text):\n"
                "    try:\n        from prettyprint import paint\n"
                "    except ImportError:\n        return text\n"
                "    from prettyprint.styles import DEFAULT\n"
                "    return paint(text, DEFAULT)\n"
            ),
        },
    )
    assert findings(root) == [
        "src/shop/orm.py:2:1: shop.orm imports tinyorm.session, but project shop does not "
        "declare tinyorm: add it to [project] dependencies in pyproject.toml"
    ]


def test_an_unused_dependency_is_reported_at_its_line_unless_ignored(tmp_path: Path) -> None:
    manifest = """
        [project]
        name = "shop"
        dependencies = [
          "fancyhttp",
          "tinyorm[async] >= 1; python_version >= '3.9'",
          "gunicorn",
        ]

        [project.optional-dependencies]
        fast = ["Fast_JSON"]
        """
    files = {"src/shop/__init__.py": "import fancyhttp\n"}
    root = project(tmp_path, manifest, files)
    assert findings(root) == [
        "pyproject.toml:5:1: project shop declares tinyorm in [project] dependencies, but none "
        "of its modules imports it: remove it, or add it to the rule's ignore",
        "pyproject.toml:6:1: project shop declares gunicorn in [project] dependencies, but none "
        "of its modules imports it: remove it, or add it to the rule's ignore",
        "pyproject.toml:10:1: project shop declares fast-json in "
        "[project.optional-dependencies] fast, but none of its modules imports it: remove it, "
        "or add it to the rule's ignore",
    ]
    root = project(tmp_path, manifest, files, RULE + 'ignore = ["gunicorn", "fast-json"]\n')
    assert [line.split(": ")[0] for line in findings(root)] == ["pyproject.toml:5:1"]


def test_a_dev_dependency_imported_at_run_time_is_dev_only(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = []

        [dependency-groups]
        dev = ["tinyorm", "fancyhttp"]
        """,
        {
            "src/shop/__init__.py": "import tinyorm\n",
            "src/shop/tests/test_shop.py": "import tinyorm\nimport fancyhttp\n",
            "src/shop/conftest.py": "import fancyhttp\n",
        },
    )
    assert findings(root) == [
        "src/shop/__init__.py:1:1: shop imports tinyorm at run time, but project shop declares "
        "tinyorm only in [dependency-groups] dev of pyproject.toml: move it to "
        "[project] dependencies"
    ]


def test_dev_extras_and_the_tests_key(tmp_path: Path) -> None:
    manifest = """
        [project]
        name = "shop"

        [project.optional-dependencies]
        test = ["tinyorm"]
        """
    files = {"src/shop/__init__.py": "", "src/shop/checks.py": "import tinyorm\n"}
    rule = RULE + 'dev_extras = ["test"]\n'
    root = project(tmp_path, manifest, files, rule)
    assert findings(root) == [
        "src/shop/checks.py:1:1: shop.checks imports tinyorm at run time, but project shop "
        "declares tinyorm only in [project.optional-dependencies] test of pyproject.toml: move "
        "it to [project] dependencies"
    ]
    root = project(tmp_path, manifest, files, rule + 'tests = ["shop.checks"]\n')
    assert findings(root) == []


def test_a_dependency_of_a_dependency_is_transitive_when_the_environment_says_so(
    tmp_path: Path,
) -> None:
    pytest.importorskip("jsonschema")  # of the test extra: it requires attrs, rpds-py, ...
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = ["jsonschema"]
        """,
        {"src/shop/__init__.py": "import jsonschema\nimport attr\nfrom rpds import HashTrieMap\n"},
    )
    assert findings(root) == [
        "src/shop/__init__.py:2:1: shop imports attr, but project shop does not declare attrs, "
        "installed only because jsonschema requires it: add it to [project] dependencies in "
        "pyproject.toml",
        "src/shop/__init__.py:3:1: shop imports rpds, but project shop does not declare rpds-py, "
        "installed only because jsonschema requires it: add it to [project] dependencies in "
        "pyproject.toml",
    ]


def test_an_extra_imported_at_module_level_is_optional(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = []

        [project.optional-dependencies]
        http = ["fancyhttp"]
        orm = ["tinyorm", "fancyhttp"]
        """,
        {
            "src/shop/__init__.py": "import fancyhttp\n",
            "src/shop/lazy.py": "def get():\n    import fancyhttp\n",
            "src/shop/guarded.py": (
                "try:\n    import tinyorm\nexcept ImportError:\n    tinyorm = None\n"
            ),
            "src/shop/typed.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import tinyorm\n"
            ),
            "src/shop/other.py": ("try:\n    import tinyorm\nexcept ValueError:\n    pass\n"),
        },
    )
    assert findings(root) == [
        "src/shop/__init__.py:1:1: shop imports fancyhttp at module level, but project shop "
        "declares fancyhttp only in the extra http, orm of pyproject.toml: the import fails "
        "without it; import it inside a function or under try/except ImportError",
        "src/shop/other.py:2:5: shop.other imports tinyorm at module level, but project shop "
        "declares tinyorm only in the extra orm of pyproject.toml: the import fails without "
        "it; import it inside a function or under try/except ImportError",
    ]


def test_stub_distributions_do_not_declare_runtime_imports(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = []

        [dependency-groups]
        typing = ["types-tinyorm", "fancyhttp-stubs"]
        """,
        {
            "src/shop/__init__.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import tinyorm\n"
            ),
            "src/shop/api.pyi": "import fancyhttp\n",
            "src/shop/run.py": "import tinyorm\n",
        },
    )
    assert findings(root) == [
        "src/shop/run.py:1:1: shop.run imports tinyorm, but project shop does not declare "
        "tinyorm: add it to [project] dependencies in pyproject.toml"
    ]


def test_names_from_the_table_namespaces_and_module_map(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = [
          "beautifulsoup4",
          "python-dateutil",
          "google-cloud-storage",
          "google-cloud-pubsub",
          "acme-toolkit",
        ]
        """,
        {
            "src/shop/__init__.py": (
                "import bs4\nfrom dateutil import parser\nfrom google.cloud import storage\n"
                "import google.cloud.pubsub_v1\nimport acme\n"
            ),
        },
        RULE + '[tool.fitness.rules.deps.module_map]\n"google.cloud.pubsub_v1" = '
        '"google-cloud-pubsub"\nacme = "acme-toolkit"\n',
    )
    assert findings(root) == []


def test_poetry_tables(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [tool.poetry]
        name = "shop"

        [tool.poetry.dependencies]
        python = "^3.9"
        fancyhttp = "^2"
        tinyorm = { version = "^1", optional = true }
        gunicorn = "*"

        [tool.poetry.extras]
        db = ["tinyorm"]

        [tool.poetry.group.dev.dependencies]
        pytest = "^8"
        """,
        {"src/shop/__init__.py": "import fancyhttp\nimport tinyorm\nimport pytest\n"},
    )
    assert findings(root) == [
        "pyproject.toml:8:1: project shop declares gunicorn in [tool.poetry.dependencies], but "
        "none of its modules imports it: remove it, or add it to the rule's ignore",
        "src/shop/__init__.py:2:1: shop imports tinyorm at module level, but project shop "
        "declares tinyorm only in the extra db of pyproject.toml: the import fails without it; "
        "import it inside a function or under try/except ImportError",
        "src/shop/__init__.py:3:1: shop imports pytest at run time, but project shop declares "
        "pytest only in [tool.poetry.group.dev.dependencies] of pyproject.toml: move it to "
        "[project] dependencies",
    ]


def test_requirements_files_when_configured(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        """,
        {
            "requirements.txt": "# runtime\nfancyhttp==2.1  # pinned\n-r other.txt\ngunicorn\n",
            "requirements-dev.txt": "tinyorm\n",
            "src/shop/__init__.py": "import fancyhttp\nimport tinyorm\n",
        },
        RULE + 'requirements = ["requirements.txt"]\ndev_requirements = ["requirements-dev.txt"]\n',
    )
    assert findings(root) == [
        "requirements.txt:4:1: project shop declares gunicorn in requirements.txt, but none of "
        "its modules imports it: remove it, or add it to the rule's ignore",
        "src/shop/__init__.py:2:1: shop imports tinyorm at run time, but project shop declares "
        "tinyorm only in requirements-dev.txt: move it to [project] "
        "dependencies",
    ]


WORKSPACE = {
    "pyproject.toml": """
        [tool.uv.workspace]
        members = ["packages/*"]

        [tool.fitness]
        source_roots = ["packages/api/src", "packages/core/src"]

        [tool.fitness.rules.deps]
        kind = "dependencies"
        """,
    "packages/core/pyproject.toml": """
        [project]
        name = "shop-core"
        dependencies = ["tinyorm"]
        """,
    "packages/core/src/core/__init__.py": "import tinyorm\n",
    "packages/api/pyproject.toml": """
        [project]
        name = "shop-api"
        dependencies = ["fancyhttp"]
        """,
    "packages/api/src/api/__init__.py": (
        "import fancyhttp\nimport tinyorm\nfrom core import models\n"
    ),
    "packages/core/src/core/models.py": "",
}


def test_a_workspace_member_is_checked_against_its_own_declarations(tmp_path: Path) -> None:
    root = write_tree(tmp_path, WORKSPACE)
    assert findings(root) == [
        "packages/api/src/api/__init__.py:2:1: api imports tinyorm, but project shop-api does not "
        "declare tinyorm: add it to [project] dependencies in packages/api/pyproject.toml",
        "packages/api/src/api/__init__.py:3:1: api imports core.models, but project shop-api "
        "does not declare shop-core: add it to [project] dependencies in "
        "packages/api/pyproject.toml",
    ]


def test_several_projects_under_the_source_roots_without_a_workspace(tmp_path: Path) -> None:
    files = {**WORKSPACE, "pyproject.toml": WORKSPACE["pyproject.toml"].split("\n", 3)[3]}
    files["packages/api/pyproject.toml"] = files["packages/api/pyproject.toml"].replace(
        '"fancyhttp"', '"fancyhttp", "tinyorm", "shop-core"'
    )
    root = write_tree(tmp_path, files)
    assert findings(root) == []


def test_an_edited_manifest_gives_the_new_finding_on_a_warm_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_tree(tmp_path, WORKSPACE)
    caplog.set_level(logging.DEBUG, logger="fitness")
    assert len(findings(root)) == 2
    assert len(findings(root)) == 2
    assert "reuse: no file changed; the findings of the last run stand" in caplog.text
    core = root / "packages/core/pyproject.toml"
    core.write_text(core.read_text().replace('["tinyorm"]', '["tinyorm", "gunicorn"]'))
    caplog.clear()
    assert findings(root)[2] == (
        "packages/core/pyproject.toml:3:1: project shop-core declares gunicorn in [project] "
        "dependencies, but none of its modules imports it: remove it, or add it to the "
        "rule's ignore"
    )
    assert "reuse: no file changed" not in caplog.text


def test_declared_distributions_not_installed_are_said_once(tmp_path: Path) -> None:
    root = write_tree(tmp_path, WORKSPACE)
    notices = [n.message for n in check_project(root, fail_on="never").notices]
    assert notices == [
        "dependencies: 2 declared distribution(s) are not installed where fitness runs "
        "(fancyhttp, tinyorm): what they require is not known, so an undeclared import is "
        "reported as missing, never as transitive"
    ]


def test_an_allow_list_of_a_package_that_does_not_exist_is_a_config_error(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        '[project]\nname = "shop"\n',
        {"src/shop/__init__.py": ""},
        RULE + '[tool.fitness.rules.deps.allow]\n"shop.domian" = ["attrs"]\n',
    )
    with pytest.raises(ConfigError) as raised:
        app.check(app.CheckOptions(root, None, "never"), clock=lambda: 0.0)
    assert [problem.replace(str(root), "") for problem in raised.value.problems] == [
        '/pyproject.toml:8: tool.fitness.rules.deps.allow."shop.domian": no module '
        "'shop.domian' under the source roots"
    ]


def test_findings_go_through_suppressions_and_the_baseline(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = ["gunicorn"]
        """,
        {
            "src/shop/__init__.py": (
                "import fancyhttp  # fitness: ignore[deps] vendored in the image\nimport tinyorm\n"
            ),
        },
    )
    report = check_project(root, fail_on="never")
    assert [f.location.path for f in report.findings] == ["pyproject.toml", "src/shop/__init__.py"]
    assert [s.finding.message for s in report.suppressed] == [
        "shop imports fancyhttp, but project shop does not declare fancyhttp: add it to "
        "[project] dependencies in pyproject.toml"
    ]
    app.write_baseline(app.CheckOptions(root, None, "error"), prune=False)
    report = check_project(root)
    assert (report.findings, len(report.baselined), report.failed) == ((), 2, False)


def test_alternatives_of_the_table_and_imports_only_type_checkers_read(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        [project]
        name = "shop"
        dependencies = [
          "PyDispatcher>=2.0.5; platform_python_implementation == 'CPython'",
          "PyPyDispatcher>=2.1.0; platform_python_implementation == 'PyPy'",
        ]
        """,
        {
            "src/shop/__init__.py": (
                "from typing import TYPE_CHECKING\nfrom pydispatch import dispatcher\n"
                "if TYPE_CHECKING:\n    from _typeshed import StrPath\n"
                "    from tinyorm import Session\n"
            ),
        },
    )
    assert findings(root) == []


def test_a_rule_with_no_manifest_to_read_fails_rather_than_passes(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"fitness.toml": '[rules.deps]\nkind = "dependencies"\n', "src/shop/__init__.py": ""},
    )
    report = check_project(root)
    assert findings(root) == [
        "fitness.toml:1:1: no project declares dependencies: there is no pyproject.toml with a "
        "[project] or [tool.poetry] table at or above the Python files, and the rule names no "
        "requirements file"
    ]
    assert report.failed


def test_a_workspace_member_left_out_by_exclude_is_not_a_project(tmp_path: Path) -> None:
    files = dict(WORKSPACE)
    files["pyproject.toml"] = files["pyproject.toml"].replace(
        'members = ["packages/*"]', 'members = ["packages/*"]\nexclude = ["packages/api"]'
    )
    root = write_tree(tmp_path, files)
    # api's modules have no member to answer for them; core's are checked as before.
    assert findings(root) == []
