"""Chain and cycle findings say when they need a dynamic import; fingerprints do not change."""

from __future__ import annotations

from pathlib import Path

from fitness.model import Report
from support import check_project, config, summarize, write_tree

DYNAMIC_A = 'import importlib\n\nimportlib.import_module("pkg.b")\n'

TREE = {
    "pkg/__init__.py": "",
    "pkg/a.py": DYNAMIC_A,  # pkg.a -> pkg.b only dynamically
    "pkg/b.py": "from pkg import c\n",
    "pkg/c.py": "import pkg.a\n",
    # pkg.d -> pkg.c both statically and dynamically: the static import is enough.
    "pkg/d.py": 'import importlib\n\nimport pkg.c\n\nimportlib.import_module("pkg.c")\n',
}

RULES = """
[tool.fitness.rules.layered]
kind = "layers"
layers = ["pkg.b", "pkg.a"]

[tool.fitness.rules.no-c]
kind = "forbidden"
from = ["pkg.a", "pkg.d"]
to = ["pkg.c"]

[tool.fitness.rules.no-c-direct]
kind = "forbidden"
from = ["pkg.a"]
to = ["pkg.b"]
allow_indirect = true

[tool.fitness.rules.apart]
kind = "independence"
modules = ["pkg.a", "pkg.b"]

[tool.fitness.rules.loops]
kind = "acyclic"
packages = ["pkg"]
"""

THROUGH = " (through a dynamic import)"
LOOPS = "import cycles in pkg (1 loop, through a dynamic import): could be made acyclic by "


def test_findings_that_need_a_dynamic_import_say_so(tmp_path: Path) -> None:
    report = check_project(write_tree(tmp_path, {**TREE, "pyproject.toml": config(RULES)}))

    assert summarize(report) == [
        # Independence: pkg.a -> pkg.b is dynamic (located at the module name, column 11).
        (
            "apart",
            f"pkg.a must not import pkg.b (independent modules){THROUGH}",
            "pkg/a.py:3:11",
            ["pkg.a -> pkg.b:3"],
        ),
        # Layers: the only import from pkg.a into the higher pkg.b is dynamic.
        (
            "layered",
            f"pkg.a must not import pkg.b (a higher layer){THROUGH}",
            "pkg/a.py:3:11",
            ["pkg.a -> pkg.b:3"],
        ),
        # Forbidden: the chain's first hop is dynamic, the second static.
        (
            "no-c",
            f"pkg.a must not import pkg.c{THROUGH}",
            "pkg/a.py:3:11",
            ["pkg.a -> pkg.b:3", "pkg.b -> pkg.c:1"],
        ),
        # Forbidden, direct imports only: the same dynamic import.
        (
            "no-c-direct",
            f"pkg.a must not import pkg.b{THROUGH}",
            "pkg/a.py:3:11",
            ["pkg.a -> pkg.b:3"],
        ),
        # Independence the other way: pkg.b -> pkg.c -> pkg.a is all static.
        (
            "apart",
            "pkg.b must not import pkg.a (independent modules)",
            "pkg/b.py:1:1",
            ["pkg.b -> pkg.c:1", "pkg.c -> pkg.a:1"],
        ),
        # Acyclic: the loop needs the dynamic hop; said with the loops, before the imports to
        # remove (located at the first of them).
        (
            "loops",
            f"{LOOPS}removing 1 dependency: pkg.c -> pkg.a (l.1)",
            "pkg/c.py:1:1",
            ["pkg.a -> pkg.b:3", "pkg.b -> pkg.c:1", "pkg.c -> pkg.a:1"],
        ),
        # pkg.d imports pkg.c statically too: no mention of the dynamic import.
        ("no-c", "pkg.d must not import pkg.c", "pkg/d.py:3:1", ["pkg.d -> pkg.c:3"]),
    ]


def test_the_template_alone_changes_and_fingerprints_do_not(tmp_path: Path) -> None:
    dynamic = check_project(write_tree(tmp_path / "d", {**TREE, "pyproject.toml": config(RULES)}))
    static = {**TREE, "pkg/a.py": "\n\nimport pkg.b\n", "pyproject.toml": config(RULES)}
    plain = check_project(write_tree(tmp_path / "s", static))

    def by_rule(report: Report) -> dict[tuple[str, str], tuple[str, object]]:
        return {(f.rule_id, f.modules[0]): (f.fingerprint, f.args) for f in report.findings}

    assert by_rule(dynamic) == by_rule(plain)
    # Five findings start at pkg.a's dynamic import; each template carries the words once.
    templates = [f.template for f in dynamic.findings if f.chain[0].importer == "pkg.a"]
    assert len(templates) == 5
    assert all(t.count("through a dynamic import") == 1 for t in templates)
    assert not any("through a dynamic import" in f.template for f in plain.findings)
