"""What `fitness explain dependencies` prints and tests/checks/test_kind_examples.py runs."""

from __future__ import annotations

from fitness.checks.docs import Example, Key
from fitness.model.keys import ListOf, Modules, TableOf, Text

KEYS = (
    Key(
        "ignore",
        "[]",
        "distributions never reported unused (plugins, CLIs and stubs loaded by name)",
        ListOf(Text()),
    ),
    Key(
        "module_map",
        "{}",
        'a table of module prefix = distribution, for names fitness cannot tell ("foo" = "foo-py")',
        TableOf(Text()),
    ),
    Key(
        "allow",
        "{}",
        'a table of package = [distributions] it may use ("shop.domain" = ["pydantic"]); '
        "the deepest package listed decides",
        TableOf(ListOf(Text())),
    ),
    Key(
        "requirements",
        "[]",
        "requirements files (relative to the project root) of runtime dependencies",
        ListOf(Text()),
    ),
    Key("dev_requirements", "[]", "requirements files of development dependencies", ListOf(Text())),
    Key(
        "dev_extras",
        "[]",
        "extras of optional-dependencies that hold development tools",
        ListOf(Text()),
    ),
    Key(
        "tests",
        "(tests, test_*, *_test, conftest)",
        "module expressions: the test code, which may import development dependencies",
        Modules(),
    ),
)

_RULE = '[rules.deps]\nkind = "dependencies"\n'

_PYPROJECT = """\
[project]
name = "shop"
dependencies = [
  "attrs>=23",
  "requests",
]

[project.optional-dependencies]
cli = ["click"]

[dependency-groups]
dev = ["pytest"]
"""

EXAMPLES = (
    Example(
        "every import is declared, the test tools in a dev group, the CLI inside a function",
        _RULE,
        {
            "pyproject.toml": _PYPROJECT,
            "src/shop/__init__.py": "import attr\nimport requests\n",
            "src/shop/cli.py": "def main():\n    import click\n",
            "src/shop/tests/test_shop.py": "import pytest\n",
        },
    ),
    Example(
        "undeclared, unused, dev-only and optional dependencies",
        _RULE,
        {
            "pyproject.toml": _PYPROJECT,
            "src/shop/__init__.py": "import attr\nimport yaml\nimport click\nimport pytest\n",
        },
        (
            "pyproject.toml:5:1: deps: project shop declares requests in [project] dependencies, "
            "but none of its modules imports it: remove it, or add it to the rule's ignore",
            "src/shop/__init__.py:2:1: deps: shop imports yaml, but project shop does not "
            "declare pyyaml: add it to [project] dependencies in pyproject.toml",
            "src/shop/__init__.py:3:1: deps: shop imports click at module level, but "
            "project shop declares click only in the extra cli of pyproject.toml: the import fails "
            "without it; import it inside a function or under try/except ImportError",
            "src/shop/__init__.py:4:1: deps: shop imports pytest at run time, but "
            "project shop declares pytest only in [dependency-groups] dev of pyproject.toml: "
            "move it to [project] dependencies",
        ),
    ),
    Example(
        "the domain may use attrs only, and imports requests",
        _RULE + '[rules.deps.allow]\n"shop.domain" = ["attrs"]\n',
        {
            "pyproject.toml": _PYPROJECT,
            "src/shop/__init__.py": "import requests\nimport click\n",
            "src/shop/domain.py": "import attr\nimport requests\n",
        },
        (
            "src/shop/__init__.py:2:1: deps: shop imports click at module level, but "
            "project shop declares click only in the extra cli of pyproject.toml: the import fails "
            "without it; import it inside a function or under try/except ImportError",
            "src/shop/domain.py:2:1: deps: shop.domain imports requests from requests, which "
            "shop.domain may not use (it may use attrs)",
        ),
    ),
)
