"""Where else the project keeps Python, for `did you mean source_roots = [...]?`."""

from __future__ import annotations

from pathlib import Path

from fitness.config.layout import Layout, no_python
from fitness.parsing.homes import PythonHome, python_homes
from support import write_tree


def homes(tmp_path: Path, files: dict[str, str], exclude: tuple[str, ...] = ()) -> list[PythonHome]:
    write_tree(tmp_path, files)
    return list(python_homes(tmp_path, exclude))


def test_homes_list_what_each_directory_holds(tmp_path: Path) -> None:
    found = homes(
        tmp_path,
        {
            "setup.py": "",
            "mypkg/__init__.py": "",
            "mypkg/sub/inner/__init__.py": "",
            "tests/test_a.py": "",
            "my-scripts/run.py": "",
            "packages/billing/src/billing/__init__.py": "",
            "web/app.js": "",
        },
    )

    assert found == [
        PythonHome(".", frozenset({"mypkg"}), frozenset({"tests"}), frozenset({"setup"})),
        PythonHome("my-scripts", frozenset(), frozenset(), frozenset({"run"})),
        PythonHome("tests", frozenset(), frozenset(), frozenset({"test_a"})),
        PythonHome("packages/billing/src", frozenset({"billing"}), frozenset(), frozenset()),
    ]


def test_homes_skip_what_cannot_be_a_source_root(tmp_path: Path) -> None:
    found = homes(
        tmp_path,
        {
            ".gitignore": "build/\n",
            "build/lib/mypkg/__init__.py": "",
            ".venv/lib/site.py": "",
            "env/pyvenv.cfg": "",
            "env/lib/python3.12/site-packages/six.py": "",
            "node_modules/gyp/pylib/gyp/__init__.py": "",
            "vendored/old/__init__.py": "",
            "a/b/c/d/deep/__init__.py": "",
            "a/b/c/shallow/__init__.py": "",
        },
        exclude=("vendored/",),
    )

    assert found == [PythonHome("a/b/c", frozenset({"shallow"}), frozenset(), frozenset())]


def test_the_suggestion_prefers_a_directory_of_packages_then_the_shallowest() -> None:
    def suggest(*found: PythonHome) -> str:
        return no_python(Layout(("src",), True, frozenset(), (), lambda: found))

    tools = PythonHome(".", frozenset(), frozenset(), frozenset({"setup", "noxfile"}))
    lib = PythonHome("lib", frozenset({"flask"}), frozenset(), frozenset())
    plugins = PythonHome("plugins", frozenset({"extra"}), frozenset(), frozenset())

    assert suggest(tools, lib, plugins) == (
        "no Python file under the source roots (searched: src, by default; did you mean "
        'source_roots = ["lib"]?)'
    )
    assert suggest(tools).endswith('did you mean source_roots = ["."]?)')


def test_directories_that_could_not_be_listed_are_named() -> None:
    layout = Layout(("src",), False, frozenset(), (), lambda: (), unreadable=("src",))

    assert no_python(layout) == (
        "no Python file under the source roots (searched: src; cannot read src; none elsewhere "
        "in the project either, with exclude and .gitignore applied)"
    )
