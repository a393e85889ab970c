"""`forbidden` and `independence`: exact findings on small projects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result, check_project, config, summarize, write_tree

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

TREE = {
    "pkg/__init__.py": "",
    "pkg/a/__init__.py": "from .one import thing\n",
    "pkg/a/one.py": "import pkg.b.two\n\nthing = 1\n",
    "pkg/b/__init__.py": "",
    "pkg/b/two.py": "from pkg.c import three\n",
    "pkg/c/__init__.py": "",
    "pkg/c/three.py": "from requests.adapters import HTTPAdapter\n",
    "pkg/d.py": "from pkg.a import thing\n",
}


def run(tmp_path: Path, rules: str) -> list[tuple[str, str, str, list[str]]]:
    return summarize(check_project(write_tree(tmp_path, {**TREE, "pyproject.toml": config(rules)})))


def test_forbidden_reports_each_pair_with_the_shortest_chain(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.no-c]
    kind = "forbidden"
    from = ["pkg.a", "pkg.d"]
    to = ["pkg.c", "requests"]
    """

    assert run(tmp_path, rules) == [
        (
            "no-c",
            "pkg.a must not import pkg.c",
            "pkg/a/one.py:1:1",
            ["pkg.a.one -> pkg.b.two:1", "pkg.b.two -> pkg.c.three:1"],
        ),
        (
            "no-c",
            "pkg.a must not import requests",
            "pkg/a/one.py:1:1",
            [
                "pkg.a.one -> pkg.b.two:1",
                "pkg.b.two -> pkg.c.three:1",
                "pkg.c.three -> requests.adapters:1",
            ],
        ),
        (
            "no-c",
            "pkg.d must not import pkg.c",
            "pkg/d.py:1:1",
            [
                "pkg.d -> pkg.a:1",
                "pkg.a -> pkg.a.one:1",
                "pkg.a.one -> pkg.b.two:1",
                "pkg.b.two -> pkg.c.three:1",
            ],
        ),
        (
            "no-c",
            "pkg.d must not import requests",
            "pkg/d.py:1:1",
            [
                "pkg.d -> pkg.a:1",
                "pkg.a -> pkg.a.one:1",
                "pkg.a.one -> pkg.b.two:1",
                "pkg.b.two -> pkg.c.three:1",
                "pkg.c.three -> requests.adapters:1",
            ],
        ),
    ]


def test_forbidden_submodule_of_a_third_party_package(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.no-adapters]
    kind = "forbidden"
    from = ["pkg.c"]
    to = ["requests.adapters", "requests.sessions"]
    """

    assert run(tmp_path, rules) == [
        (
            "no-adapters",
            "pkg.c must not import requests.adapters",
            "pkg/c/three.py:1:1",
            ["pkg.c.three -> requests.adapters:1"],
        )
    ]


def test_allow_indirect_counts_direct_imports_only(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.direct]
    kind = "forbidden"
    from = ["pkg.a", "pkg.*"]
    to = ["pkg.c"]
    allow_indirect = true
    """

    assert run(tmp_path, rules) == [
        (
            "direct",
            "pkg.b must not import pkg.c",
            "pkg/b/two.py:1:1",
            ["pkg.b.two -> pkg.c.three:1"],
        )
    ]


def test_independence_reports_each_ordered_pair_not_through_a_third(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.apart]
    kind = "independence"
    modules = ["pkg.a", "pkg.b", "pkg.c"]
    """

    assert [(f[1], f[3]) for f in run(tmp_path, rules)] == [
        ("pkg.a must not import pkg.b (independent modules)", ["pkg.a.one -> pkg.b.two:1"]),
        ("pkg.b must not import pkg.c (independent modules)", ["pkg.b.two -> pkg.c.three:1"]),
    ]


def test_forbidden_as_single_modules(tmp_path: Path) -> None:
    # as_packages = false, import-linter's: pkg.a is pkg/a/__init__.py alone and pkg.b is
    # pkg/b/__init__.py alone. Nothing imports pkg.b itself (`import pkg.b.two` imports the
    # submodule), so neither importer breaks the pkg.b half; both reach pkg.c.three, pkg.a
    # through its own submodule pkg.a.one, which a package would not count as a route.
    rules = """
    [tool.fitness.rules.alone]
    kind = "forbidden"
    from = ["pkg.a", "pkg.d"]
    to = ["pkg.b", "pkg.c.three"]
    as_packages = false
    """

    assert run(tmp_path, rules) == [
        (
            "alone",
            "pkg.a must not import pkg.c.three",
            "pkg/a/__init__.py:1:1",
            [
                "pkg.a -> pkg.a.one:1",
                "pkg.a.one -> pkg.b.two:1",
                "pkg.b.two -> pkg.c.three:1",
            ],
        ),
        (
            "alone",
            "pkg.d must not import pkg.c.three",
            "pkg/d.py:1:1",
            [
                "pkg.d -> pkg.a:1",
                "pkg.a -> pkg.a.one:1",
                "pkg.a.one -> pkg.b.two:1",
                "pkg.b.two -> pkg.c.three:1",
            ],
        ),
    ]


def test_forbidden_as_packages_counts_submodules(tmp_path: Path) -> None:
    # The default, as_packages = true: the same contract finds pkg.a -> pkg.b (pkg.a.one
    # imports pkg.b.two); pkg.d reaches pkg.b through pkg.a.
    rules = """
    [tool.fitness.rules.packages]
    kind = "forbidden"
    from = ["pkg.a", "pkg.d"]
    to = ["pkg.b"]
    """

    assert [f[1] for f in run(tmp_path, rules)] == [
        "pkg.a must not import pkg.b",
        "pkg.d must not import pkg.b",
    ]


def test_forbidden_third_party_names_each_outside_package_reached(tmp_path: Path) -> None:
    extra = {
        "pkg/a/__init__.py": "from .one import thing\nimport attrs.validators\nimport os\n",
        "pkg/e.py": "import json\n",
    }
    rules = """
    [tool.fitness.rules.no-packages]
    kind = "forbidden"
    from = ["pkg.a", "pkg.e"]
    to = ["third-party"]
    """
    tree = {**TREE, **extra, "pyproject.toml": config(rules)}

    assert summarize(check_project(write_tree(tmp_path, tree))) == [
        (
            "no-packages",
            "pkg.a must not import attrs (third-party)",
            "pkg/a/__init__.py:2:1",
            ["pkg.a -> attrs.validators:2"],
        ),
        (
            "no-packages",
            "pkg.a must not import requests (third-party)",
            "pkg/a/one.py:1:1",
            [
                "pkg.a.one -> pkg.b.two:1",
                "pkg.b.two -> pkg.c.three:1",
                "pkg.c.three -> requests.adapters:1",
            ],
        ),
    ]


def test_forbidden_third_party_direct_only_and_a_package_also_named(tmp_path: Path) -> None:
    """A package `to` names itself is reported once, under its own name."""
    extra = {"pkg/c/four.py": "import attrs\nimport os.path\n"}
    rules = """
    [tool.fitness.rules.direct]
    kind = "forbidden"
    from = ["pkg.a", "pkg.c"]
    to = ["third-party", "requests"]
    allow_indirect = true
    """
    tree = {**TREE, **extra, "pyproject.toml": config(rules)}

    assert summarize(check_project(write_tree(tmp_path, tree))) == [
        (
            "direct",
            "pkg.c must not import attrs (third-party)",
            "pkg/c/four.py:1:1",
            ["pkg.c.four -> attrs:1"],
        ),
        (
            "direct",
            "pkg.c must not import requests",
            "pkg/c/three.py:1:1",
            ["pkg.c.three -> requests.adapters:1"],
        ),
    ]


def test_forbidden_stdlib(tmp_path: Path) -> None:
    extra = {"pkg/c/four.py": "import attrs\nfrom os import path\nimport json\n"}
    rules = """
    [tool.fitness.rules.no-stdlib]
    kind = "forbidden"
    from = ["pkg.b"]
    to = ["stdlib"]
    """
    tree = {
        **TREE,
        **extra,
        "pkg/b/two.py": "from pkg.c import four\n",
        "pyproject.toml": config(rules),
    }

    assert summarize(check_project(write_tree(tmp_path, tree))) == [
        (
            "no-stdlib",
            "pkg.b must not import json (standard library)",
            "pkg/b/two.py:1:1",
            ["pkg.b.two -> pkg.c.four:1", "pkg.c.four -> json:3"],
        ),
        (
            "no-stdlib",
            "pkg.b must not import os (standard library)",
            "pkg/b/two.py:1:1",
            ["pkg.b.two -> pkg.c.four:1", "pkg.c.four -> os:2"],
        ),
    ]


def test_forbidden_words_misspelt_are_configuration_errors(project: Project, run: Run) -> None:
    root = project(
        {
            "src/shop/__init__.py": "",
            "pyproject.toml": '[tool.fitness]\n[tool.fitness.rules.x]\nkind = "forbidden"\n'
            'from = ["shop"]\nto = ["third_party", "std-lib", "stdlib", "third-party"]\n',
        }
    )

    result = run("check", cwd=root)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "pyproject.toml:5: tool.fitness.rules.x.to[0]: 'third_party' is no module of the project, "
        "installed or in the standard library (did you mean 'third-party'?)\n"
        "pyproject.toml:5: tool.fitness.rules.x.to[1]: 'std-lib' is not a dotted module name "
        "('std-lib' is not an identifier) (did you mean 'stdlib'?)\n"
    )
