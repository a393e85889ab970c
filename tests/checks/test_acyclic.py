"""`acyclic`: loops among the children of a package, exact text and exact config errors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

FIXTURE = Path(__file__).parent.parent / "parity" / "projects" / "sibling_cycles"


def test_one_finding_per_package_with_its_loops_and_the_fewest_breakers_once(
    tmp_path: Path, run: Run
) -> None:
    # The parity fixture: loops a <-> b, a -> b -> c -> a and c <-> d among pkg's children,
    # and v <-> w inside pkg.d (seen by pkg-deep, depth 1). Removing pkg.a.x -> pkg.b.y
    # breaks the first two, pkg.c.z -> pkg.d.w the third (d -> c is two importing modules,
    # c -> d one): two imports, the fewest that break all three. One finding per package,
    # located at the first import to remove, each loop listed underneath.
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    result = run("check", "--no-cache", cwd=root)
    pkg = (
        "import cycles in pkg (3 loops): could be made acyclic by removing 2 dependencies: "
        "pkg.a.x -> pkg.b.y (l.1), pkg.c.z -> pkg.d.w (l.5)\n"
        "  - pkg.a.x -> pkg.b.y (l.1)\n"
        "    pkg.b.y -> pkg.a.x (l.2)\n"
        "  - pkg.a.x -> pkg.b.y (l.1)\n"
        "    pkg.b.y -> pkg.c.z (l.3)\n"
        "    pkg.c.z -> pkg.a.x (l.1)\n"
        "  - pkg.c.z -> pkg.d.w (l.5, local)\n"
        "    pkg.d.w -> pkg.c.z (l.1)\n"
    )
    assert result.code == 1
    findings = result.out.split("\n\n")[0] + "\n"
    assert findings == (
        "pkg/a/x.py:1:1: a-not-d: pkg.a must not import pkg.d\n"
        "  pkg.a.x -> pkg.b.y (l.1)\n"
        "  pkg.b.y -> pkg.c.z (l.3)\n"
        "  pkg.c.z -> pkg.d.w (l.5, local)\n"
        f"pkg/a/x.py:1:1: pkg-acyclic: {pkg}"
        f"pkg/a/x.py:1:1: pkg-deep: {pkg}"
        "pkg/d/w.py:2:1: pkg-deep: import cycles in pkg.d (1 loop): could be made acyclic by "
        "removing 1 dependency: pkg.d.w -> pkg.d.v (l.2)\n"
        "  pkg.d.v -> pkg.d.w (l.2)\n"
        "  pkg.d.w -> pkg.d.v (l.2)\n"
    )


def test_the_fingerprint_does_not_depend_on_lines(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    first = run("check", "--no-cache", "--format", "json", cwd=root).out
    for name in ("pkg/a/x.py", "pkg/b/y.py"):
        path = root / name
        path.write_text("# moved down\n\n" + path.read_text())
    second = run("check", "--no-cache", "--format", "json", cwd=root).out
    assert first != second

    def prints(text: str) -> list[tuple[str, str, list[str]]]:
        report = json.loads(text)
        return sorted(
            (f["rule"], f["fingerprint"], f["modules"])
            for f in report["findings"]
            if f["rule"] != "a-not-d"
        )

    assert prints(first) == prints(second)


CONFIG = """[tool.fitness]
source_roots = ["."]

[tool.fitness.rules.x]
kind = "acyclic"
packages = []
depth = -1

[tool.fitness.rules.y]
kind = "acyclic"
packages = ["shop.apii"]
depth = "deep"

[tool.fitness.rules.z]
kind = "acyclic"
depth = 1.5
"""


def test_bad_packages_and_depth_word_for_word(project: Project, run: Run) -> None:
    root = project({"shop/__init__.py": "", "shop/api/__init__.py": "", "pyproject.toml": CONFIG})
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 2
    assert result.err == (
        "pyproject.toml:6: tool.fitness.rules.x.packages: must list at least one module\n"
        "pyproject.toml:7: tool.fitness.rules.x.depth: must be at least 0, got -1\n"
        "pyproject.toml:11: tool.fitness.rules.y.packages[0]: no module 'shop.apii' under the "
        "source roots (did you mean 'shop.api'?)\n"
        "pyproject.toml:12: tool.fitness.rules.y.depth: expected a whole number, "
        "got a string ('deep')\n"
        "pyproject.toml:14: tool.fitness.rules.z: missing required key 'packages'\n"
        "pyproject.toml:16: tool.fitness.rules.z.depth: expected a whole number, "
        "got a number (1.5)\n"
    )


SKIPPING = {
    "p/__init__.py": "",
    "p/a/__init__.py": "",
    "p/a/x.py": "from p.a import y\n",
    "p/a/y.py": "from p.a import x\n",
    "p/b/__init__.py": "",
    "p/b/s/__init__.py": "",
    "p/b/s/m.py": "import p.b.s.n\n",
    "p/b/s/n.py": "import p.b.s.m\n",
}

SKIPPING_RULES = """[tool.fitness]
source_roots = ["."]

[tool.fitness.rules.deep]
kind = "acyclic"
packages = ["p"]

[tool.fitness.rules.top]
kind = "acyclic"
packages = ["p"]
depth = 0

[tool.fitness.rules.skip-b]
kind = "acyclic"
packages = ["p"]
skip_descendants = ["p.b"]

[tool.fitness.rules.skip-s]
kind = "acyclic"
packages = ["p"]
skip_descendants = ["p.b.s"]
"""


def test_default_depth_and_skip_descendants(project: Project, run: Run) -> None:
    # p.a.x <-> p.a.y is a loop among p.a's children, p.b.s.m <-> p.b.s.n two levels below p.
    # deep: the default depth, 10 as import-linter's, finds both.
    # top: depth 0 checks p's children only: p.a and p.b do not import each other.
    # skip-b: p.b's children (and so p.b.s's) are not checked; skip-s: p.b's are (p.b.s is
    # alone there), p.b.s's are not. Both still find the loop in p.a.
    root = project({**SKIPPING, "pyproject.toml": SKIPPING_RULES})
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 1
    a = (
        "import cycles in p.a (1 loop): could be made acyclic by removing 1 dependency: "
        "p.a.y -> p.a.x (l.1)"
    )
    s = (
        "import cycles in p.b.s (1 loop): could be made acyclic by removing 1 dependency: "
        "p.b.s.n -> p.b.s.m (l.1)"
    )
    a_hops = "  p.a.x -> p.a.y (l.1)\n  p.a.y -> p.a.x (l.1)\n"
    s_hops = "  p.b.s.m -> p.b.s.n (l.1)\n  p.b.s.n -> p.b.s.m (l.1)\n"
    assert result.out.split("\n\n")[0] + "\n" == (
        f"p/a/y.py:1:1: deep: {a}\n{a_hops}"
        f"p/a/y.py:1:1: skip-b: {a}\n{a_hops}"
        f"p/a/y.py:1:1: skip-s: {a}\n{a_hops}"
        f"p/b/s/n.py:1:1: deep: {s}\n{s_hops}"
    )


def test_skip_descendants_must_not_repeat_packages_word_for_word(
    project: Project, run: Run
) -> None:
    rules = (
        '[tool.fitness]\nsource_roots = ["."]\n\n[tool.fitness.rules.x]\nkind = "acyclic"\n'
        'packages = ["p", "p.a"]\nskip_descendants = ["p.b", "p.a"]\n'
    )
    root = project({**SKIPPING, "pyproject.toml": rules})
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 2
    assert result.err == (
        "pyproject.toml:7: tool.fitness.rules.x.skip_descendants[1]: 'p.a' is in packages too: "
        "skip_descendants names packages below them whose children are not checked\n"
    )


def test_a_depth_beyond_the_packages_depth_stops_at_the_deepest_package(
    project: Project, run: Run
) -> None:
    # TOML's largest integer: checking level after empty level never ended; the levels
    # stop where the package has no more children, so the loops of `deep` are found.
    rules = SKIPPING_RULES.split("\n\n[tool.fitness.rules.top]")[0].replace(
        'packages = ["p"]', 'packages = ["p"]\ndepth = 9223372036854775807'
    )
    root = project({**SKIPPING, "pyproject.toml": rules})
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 1
    assert [line.split(": ")[0] for line in result.out.split("\n\n")[0].splitlines()] == [
        "p/a/y.py:1:1",
        "  p.a.x -> p.a.y (l.1)",
        "  p.a.y -> p.a.x (l.1)",
        "p/b/s/n.py:1:1",
        "  p.b.s.m -> p.b.s.n (l.1)",
        "  p.b.s.n -> p.b.s.m (l.1)",
    ]


CORE_RULES = """[tool.fitness]
source_roots = ["src"]

[tool.fitness.rules.no-cycles]
kind = "acyclic"
packages = ["core"]
"""
# a -> b -> c and a -> c; c importing a closes two loops, a -> b -> c -> a and a -> c -> a.
CORE = {
    "pyproject.toml": CORE_RULES,
    "src/core/__init__.py": "",
    "src/core/a.py": "from core import b\nfrom core import c\n",
    "src/core/b.py": "from core import c\n",
    "src/core/c.py": "import os\n\nfrom core import a{comment}\n",
}
CORE_FINDING = [
    "src/core/c.py:3:1: no-cycles: import cycles in core (2 loops): could be made acyclic by "
    "removing 1 dependency: core.c -> core.a (l.3)",
    "  - core.a -> core.b (l.1)",
    "    core.b -> core.c (l.1)",
    "    core.c -> core.a (l.3)",
    "  - core.a -> core.c (l.2)",
    "    core.c -> core.a (l.3)",
]


def _core(project: Project, comment: str = "", **files: str) -> Path:
    tree = {**CORE, "src/core/c.py": CORE["src/core/c.py"].format(comment=comment)}
    return project({**tree, **{f"src/core/{name}.py": text for name, text in files.items()}})


def _findings(result: Result) -> list[str]:
    return result.out.split("\n\n")[0].splitlines()


def test_one_import_closing_two_loops_is_one_finding_at_the_import_to_remove(
    project: Project, run: Run
) -> None:
    result = run("check", "--no-cache", cwd=_core(project))
    assert result.code == 1
    assert _findings(result) == CORE_FINDING


def test_a_suppression_on_the_import_to_remove_silences_every_loop(
    project: Project, run: Run
) -> None:
    root = _core(project, "  # fitness: ignore[no-cycles] the registry needs it")
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 0
    assert "Not counted: 1 suppressed inline." in result.out
    assert "unused-suppression" not in result.out


def test_a_suppression_that_leaves_a_loop_suppresses_nothing(project: Project, run: Run) -> None:
    # a -> b lies on one of the two loops only: a -> c -> a is left.
    root = _core(
        project, a="from core import b  # fitness: ignore[no-cycles]\nfrom core import c\n"
    )
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 1
    assert _findings(result) == [
        "src/core/a.py:1:21: unused-suppression: the suppression of no-cycles suppresses "
        "nothing here: remove it [warning]",
        *CORE_FINDING,
    ]


SPLIT = {
    "pyproject.toml": CORE_RULES,
    "src/core/__init__.py": "",
    "src/core/a/__init__.py": "",
    "src/core/a/w.py": "from core.b import y{w}\n",
    "src/core/a/x.py": "from core.b import y{x}\n",
    "src/core/b/__init__.py": "",
    "src/core/b/y.py": "from core.a import x\n",
}


def _split(project: Project, w: str = "", x: str = "") -> Path:
    return project({name: text.format(w=w, x=x) for name, text in SPLIT.items()})


def test_suppressions_elsewhere_silence_the_loops_only_when_they_break_every_one(
    project: Project, run: Run
) -> None:
    # a -> b is two importing modules, b -> a one: the import to remove is b.y -> a.x.
    ignore = "  # fitness: ignore[no-cycles] ADR-0003"
    silenced = run("check", "--no-cache", cwd=_split(project, w=ignore, x=ignore))
    assert silenced.code == 0
    assert "Not counted: 2 suppressed inline." in silenced.out


def test_a_suppression_on_one_of_two_imports_of_a_step_suppresses_nothing(
    project: Project, run: Run
) -> None:
    result = run("check", "--no-cache", cwd=_split(project, x="  # fitness: ignore[no-cycles]"))
    assert result.code == 1
    assert _findings(result) == [
        "src/core/a/x.py:1:23: unused-suppression: the suppression of no-cycles suppresses "
        "nothing here: remove it [warning]",
        "src/core/b/y.py:1:1: no-cycles: import cycles in core (1 loop): could be made acyclic "
        "by removing 1 dependency: core.b.y -> core.a.x (l.1)",
        "  core.a.w -> core.b.y (l.1)",
        "  core.b.y -> core.a.x (l.1)",
    ]


def test_a_baseline_covers_the_cycles_on_the_next_run_and_not_a_new_loop(
    project: Project, run: Run
) -> None:
    root = _core(project)
    assert run("baseline", cwd=root).out == (
        "Wrote .fitness-baseline.json: 1 entry for 1 finding.\n"
    )
    again = run("check", cwd=root)
    assert again.code == 0
    assert "Not counted: 1 in the baseline." in again.out
    entry = json.loads((root / ".fitness-baseline.json").read_text())["entries"][0]
    assert (entry["summary"], entry["imports"]) == (
        "cycles in core",
        ["core.a -> core.b", "core.a -> core.c", "core.b -> core.c", "core.c -> core.a"],
    )
    # A new child d and b -> d -> a: a third loop, new because b -> d and d -> a are.
    (root / "src/core/d.py").write_text("from core import a\n", encoding="utf-8")
    (root / "src/core/b.py").write_text("from core import c\nfrom core import d\n")
    result = run("check", cwd=root)
    assert result.code == 1
    assert _findings(result) == [
        "src/core/b.py:2:1: no-cycles: import cycles in core (3 loops): could be made acyclic by "
        "removing 2 dependencies: core.c -> core.a (l.3), core.d -> core.a (l.1) "
        "(new import core.b -> core.d closes the loop)",
        "  core.a -> core.b (l.1)",
        "  core.b -> core.d (l.2)",
        "  core.d -> core.a (l.1)",
    ]


def test_dependencies_are_counted_between_children_as_import_linter_counts_them(
    project: Project, run: Run
) -> None:
    # b -> a is two importing modules, a -> b three: removing b -> a is one dependency,
    # two imports, both named, the finding located at the first.
    root = project(
        {
            "pyproject.toml": CORE_RULES,
            "src/core/__init__.py": "",
            "src/core/a/__init__.py": "",
            "src/core/a/v.py": "from core.b import y\n",
            "src/core/a/w.py": "from core.b import y\n",
            "src/core/a/x.py": "from core.b import y\n",
            "src/core/b/__init__.py": "",
            "src/core/b/y.py": "import os\nfrom core.a import x\n",
            "src/core/b/z.py": "from core.a import x\n",
        }
    )
    result = run("check", "--no-cache", cwd=root)
    assert result.code == 1
    assert _findings(result) == [
        "src/core/b/y.py:2:1: no-cycles: import cycles in core (1 loop): could be made acyclic "
        "by removing 1 dependency (2 imports): core.b.y -> core.a.x (l.2), "
        "core.b.z -> core.a.x (l.1)",
        "  core.a.v -> core.b.y (l.1)",
        "  core.b.y -> core.a.x (l.2)",
    ]
