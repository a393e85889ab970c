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


def test_three_loops_each_whole_with_lines_and_the_fewest_breakers(
    tmp_path: Path, run: Run
) -> None:
    # The parity fixture: loops a <-> b, a -> b -> c -> a and c <-> d among pkg's children,
    # and v <-> w inside pkg.d (seen by pkg-deep, depth 1). Removing pkg.a.x -> pkg.b.y
    # breaks the first two, pkg.c.z -> pkg.d.w the third (d -> c is two importing modules,
    # c -> d one): two imports, the fewest that break all three.
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    result = run("check", "--no-cache", cwd=root)
    breakers = "pkg.a.x -> pkg.b.y (l.1), pkg.c.z -> pkg.d.w (l.5)"
    ab = f"import cycle in pkg: pkg.a -> pkg.b -> pkg.a; break the cycles by removing: {breakers}"
    abc = (
        "import cycle in pkg: pkg.a -> pkg.b -> pkg.c -> pkg.a; "
        f"break the cycles by removing: {breakers}"
    )
    cd = f"import cycle in pkg: pkg.c -> pkg.d -> pkg.c; break the cycles by removing: {breakers}"
    vw = (
        "import cycle in pkg.d: pkg.d.v -> pkg.d.w -> pkg.d.v; "
        "break the cycles by removing: pkg.d.w -> pkg.d.v (l.2)"
    )
    ab_hops = "  pkg.a.x -> pkg.b.y (l.1)\n  pkg.b.y -> pkg.a.x (l.2)\n"
    abc_hops = (
        "  pkg.a.x -> pkg.b.y (l.1)\n  pkg.b.y -> pkg.c.z (l.3)\n  pkg.c.z -> pkg.a.x (l.1)\n"
    )
    cd_hops = "  pkg.c.z -> pkg.d.w (l.5, local)\n  pkg.d.w -> pkg.c.z (l.1)\n"
    assert result.code == 1
    findings = result.out.split("\n\n")[0] + "\n"
    assert findings == (
        "pkg/a/x.py:1:1: a-not-d: pkg.a must not import pkg.d\n"
        "  pkg.a.x -> pkg.b.y (l.1)\n"
        "  pkg.b.y -> pkg.c.z (l.3)\n"
        "  pkg.c.z -> pkg.d.w (l.5, local)\n"
        f"pkg/a/x.py:1:1: pkg-acyclic: {ab}\n{ab_hops}"
        f"pkg/a/x.py:1:1: pkg-acyclic: {abc}\n{abc_hops}"
        f"pkg/a/x.py:1:1: pkg-deep: {ab}\n{ab_hops}"
        f"pkg/a/x.py:1:1: pkg-deep: {abc}\n{abc_hops}"
        f"pkg/c/z.py:5:5: pkg-acyclic: {cd}\n{cd_hops}"
        f"pkg/c/z.py:5:5: pkg-deep: {cd}\n{cd_hops}"
        f"pkg/d/v.py:2:1: pkg-deep: {vw}\n"
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
        "import cycle in p.a: p.a.x -> p.a.y -> p.a.x; "
        "break the cycles by removing: p.a.y -> p.a.x (l.1)"
    )
    s = (
        "import cycle in p.b.s: p.b.s.m -> p.b.s.n -> p.b.s.m; "
        "break the cycles by removing: p.b.s.n -> p.b.s.m (l.1)"
    )
    a_hops = "  p.a.x -> p.a.y (l.1)\n  p.a.y -> p.a.x (l.1)\n"
    s_hops = "  p.b.s.m -> p.b.s.n (l.1)\n  p.b.s.n -> p.b.s.m (l.1)\n"
    assert result.out.split("\n\n")[0] + "\n" == (
        f"p/a/x.py:1:1: deep: {a}\n{a_hops}"
        f"p/a/x.py:1:1: skip-b: {a}\n{a_hops}"
        f"p/a/x.py:1:1: skip-s: {a}\n{a_hops}"
        f"p/b/s/m.py:1:1: deep: {s}\n{s_hops}"
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
        "p/a/x.py:1:1",
        "  p.a.x -> p.a.y (l.1)",
        "  p.a.y -> p.a.x (l.1)",
        "p/b/s/m.py:1:1",
        "  p.b.s.m -> p.b.s.n (l.1)",
        "  p.b.s.n -> p.b.s.m (l.1)",
    ]
