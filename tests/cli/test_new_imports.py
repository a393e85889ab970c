"""A new violating import is never absorbed by the baseline nor by `--since` (issue 20, item 1).

A graph finding's fingerprint is its rule and its pair of packages, but whether it
is new is decided on every import lying on a route between them: a pair that was
already broken does not hide a new import. Each test drives the real CLI on a git
repository built in `tmp_path` and asserts the exact findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from support import Result, config, git, write_tree

Run = Callable[..., Result]

FORBIDDEN = config(
    """
    [tool.fitness.rules.pure]
    kind = "forbidden"
    from = ["shop.domain"]
    to = ["shop.api"]
    """
)
ACYCLIC = config(
    """
    [tool.fitness.rules.no-cycles]
    kind = "acyclic"
    packages = ["shop"]
    """
)
SHOP = {
    "pyproject.toml": FORBIDDEN,
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/order.py": "from shop.api import views\n",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "",
    "src/shop/util/__init__.py": "",
    "src/shop/util/helpers.py": "",
}
RULES_ONE_BROKEN = "\npure  forbidden  broken  1 finding\n"


def repository(root: Path, files: dict[str, str]) -> Path:
    write_tree(root, files)
    git(root, "init", "-q")
    commit(root, "before")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A", "pyproject.toml", "src")
    git(root, "commit", "-q", "-m", message)


def found(result: Result) -> tuple[int, list[str]]:
    """The exit code and the finding lines (each with its chain) of a text report."""
    return result.code, result.out.split("\n\n")[0].splitlines()


def test_a_new_importer_module_in_a_baselined_pair_is_one_new_finding(
    tmp_path: Path, run: Run
) -> None:
    root = repository(tmp_path, SHOP)
    assert run("baseline", cwd=root).out == "Wrote .fitness-baseline.json: 1 entry for 1 finding.\n"
    write_tree(root, {"src/shop/domain/invoice.py": "import os\nfrom shop.api import views\n"})

    result = run("check", cwd=root)

    assert found(result) == (
        1,
        [
            "src/shop/domain/invoice.py:2:1: pure: shop.domain must not import shop.api "
            "(new import shop.domain.invoice -> shop.api.views completes the chain)",
            "  shop.domain.invoice -> shop.api.views (l.2)",
        ],
    )
    assert "Not counted: 1 in the baseline." in result.out


def test_the_same_through_since(tmp_path: Path, run: Run) -> None:
    root = repository(tmp_path, SHOP)
    write_tree(root, {"src/shop/domain/invoice.py": "import os\nfrom shop.api import views\n"})
    commit(root, "a new module of the domain imports the api")

    result = run("check", "--since", "HEAD~1", cwd=root)

    assert found(result) == (
        1,
        [
            "src/shop/domain/invoice.py:2:1: pure: shop.domain must not import shop.api "
            "(new import shop.domain.invoice -> shop.api.views completes the chain)",
            "  shop.domain.invoice -> shop.api.views (l.2)",
        ],
    )
    assert "Not counted: 1 already at HEAD~1." in result.out


def test_a_new_route_through_an_intermediate_module_is_new(tmp_path: Path, run: Run) -> None:
    root = repository(tmp_path, SHOP)
    run("baseline", cwd=root)
    write_tree(
        root,
        {
            "src/shop/util/helpers.py": "from shop.api import views\n",
            "src/shop/domain/order.py": "from shop.api import views\nfrom shop.util import helpers\n",
        },
    )

    assert found(run("check", cwd=root)) == (
        1,
        [
            "src/shop/domain/order.py:2:1: pure: shop.domain must not import shop.api "
            "(new import shop.domain.order -> shop.util.helpers completes the chain)",
            "  shop.domain.order -> shop.util.helpers (l.2)",
            "  shop.util.helpers -> shop.api.views (l.1)",
        ],
    )
    commit(root, "the domain reaches the api through a helper")
    (root / ".fitness-baseline.json").unlink()
    assert found(run("check", "--since", "HEAD~1", cwd=root))[0] == 1


def test_an_import_moved_to_another_line_of_its_module_stays_covered(
    tmp_path: Path, run: Run
) -> None:
    root = repository(
        tmp_path,
        {
            **SHOP,
            "src/shop/domain/order.py": "from shop.util import helpers\n",
            "src/shop/util/helpers.py": "from shop.api import views\n",
        },
    )
    run("baseline", cwd=root)
    write_tree(
        root,
        {
            "src/shop/util/helpers.py": '"""Helpers."""\n\nimport os\n\n'
            "from shop.api import (\n    views,\n)\n",
        },
    )

    result = run("check", cwd=root)

    assert result.code == 0
    assert "Not counted: 1 in the baseline." in result.out
    commit(root, "reformatted")
    assert run("check", "--since", "HEAD~1", cwd=root).code == 0


def test_a_second_route_that_leaves_the_shown_chains_unchanged_is_one_new_finding(
    tmp_path: Path, run: Run
) -> None:
    # The shown chain goes through m1; a route through m2 then m1 repeats its last hop,
    # so the chains the finding shows are the same before and after the change.
    files = {
        **SHOP,
        "src/shop/domain/order.py": "from shop.util import m1, m2\n",
        "src/shop/util/m1.py": "from shop.api import views\n",
        "src/shop/util/m2.py": "",
    }
    root = repository(tmp_path, files)
    before = run("check", cwd=root).out
    run("baseline", cwd=root)
    (root / "src/shop/util/m2.py").write_text("from shop.util import m1\n", encoding="utf-8")
    (root / ".fitness-baseline.json").rename(root / "baseline.json")
    assert run("check", cwd=root).out.split("\n\n")[0] == before.split("\n\n")[0]

    result = run("check", "--baseline", "baseline.json", cwd=root)

    assert found(result) == (
        1,
        [
            "src/shop/domain/order.py:1:1: pure: shop.domain must not import shop.api "
            "(new import shop.domain.order -> shop.util.m2 completes the chain)",
            "  shop.domain.order -> shop.util.m2 (l.1)",
            "  shop.util.m2 -> shop.util.m1 (l.1)",
            "  shop.util.m1 -> shop.api.views (l.1)",
        ],
    )
    commit(root, "a second route")
    (root / "baseline.json").unlink()
    # --since knows every import of the revision's graph: the finding is located at the one
    # the change added.
    assert found(run("check", "--since", "HEAD~1", cwd=root)) == (
        1,
        [
            "src/shop/util/m2.py:1:1: pure: shop.domain must not import shop.api "
            "(new import shop.util.m2 -> shop.util.m1 completes the chain)",
            "  shop.domain.order -> shop.util.m2 (l.1)",
            "  shop.util.m2 -> shop.util.m1 (l.1)",
            "  shop.util.m1 -> shop.api.views (l.1)",
        ],
    )


def test_a_cycle_closed_by_a_new_import_is_located_at_it(tmp_path: Path, run: Run) -> None:
    root = repository(
        tmp_path,
        {
            "pyproject.toml": ACYCLIC,
            "src/shop/__init__.py": "",
            "src/shop/a.py": "from shop import b\n",
            "src/shop/b.py": "",
        },
    )
    (root / "src/shop/b.py").write_text("import os\n\nfrom shop import a\n", encoding="utf-8")
    commit(root, "b imports a")

    assert found(run("check", "--since", "HEAD~1", cwd=root)) == (
        1,
        [
            "src/shop/b.py:3:1: no-cycles: import cycles in shop (1 loop): could be made acyclic "
            "by removing 1 dependency: shop.b -> shop.a (l.3) "
            "(new import shop.b -> shop.a closes the loop)",
            "  shop.a -> shop.b (l.1)",
            "  shop.b -> shop.a (l.3)",
        ],
    )


def test_a_new_import_between_the_children_of_a_baselined_cycle_is_new(
    tmp_path: Path, run: Run
) -> None:
    root = repository(
        tmp_path,
        {
            "pyproject.toml": ACYCLIC,
            "src/shop/__init__.py": "",
            "src/shop/a/__init__.py": "",
            "src/shop/a/x.py": "from shop.b import y\n",
            "src/shop/a/z.py": "",
            "src/shop/b/__init__.py": "",
            "src/shop/b/y.py": "from shop.a import x\n",
        },
    )
    run("baseline", cwd=root)
    (root / "src/shop/a/z.py").write_text("from shop.b import y\n", encoding="utf-8")

    assert found(run("check", cwd=root)) == (
        1,
        [
            "src/shop/a/z.py:1:1: no-cycles: import cycles in shop (1 loop): could be made "
            "acyclic by removing 1 dependency: shop.b.y -> shop.a.x (l.1) "
            "(new import shop.a.z -> shop.b.y closes the loop)",
            "  shop.a.z -> shop.b.y (l.1)",
            "  shop.b.y -> shop.a.x (l.1)",
        ],
    )


def test_sarif_of_a_since_run_holds_every_finding_with_its_baseline_state(
    tmp_path: Path, run: Run
) -> None:
    root = repository(tmp_path, SHOP)
    write_tree(root, {"src/shop/domain/invoice.py": "from shop.api import views\n"})
    commit(root, "a new module of the domain imports the api")

    result = run("check", "--since", "HEAD~1", "--format", "sarif", cwd=root)

    results = json.loads(result.out)["runs"][0]["results"]
    assert result.code == 1
    assert [
        (
            r["baselineState"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["message"]["text"].split(" Chain:")[0],
        )
        for r in results
    ] == [
        (
            "new",
            "src/shop/domain/invoice.py",
            "shop.domain must not import shop.api (new import shop.domain.invoice -> "
            "shop.api.views completes the chain).",
        ),
        ("unchanged", "src/shop/domain/invoice.py", "shop.domain must not import shop.api."),
    ]
    assert "suppressions" not in results[1]
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(fingerprints)) == 2


def test_a_version_1_baseline_is_read_with_a_warning_and_prune_rewrites_it(
    tmp_path: Path, run: Run
) -> None:
    root = repository(tmp_path, SHOP)
    run("baseline", cwd=root)
    path = root / ".fitness-baseline.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = 1
    for entry in document["entries"]:
        del entry["imports"]
    path.write_text(json.dumps(document), encoding="utf-8")

    result = run("check", cwd=root)

    assert (result.code, result.out.splitlines()[1]) == (
        0,
        ".fitness-baseline.json is a version 1 baseline: it knows pairs of modules, not the "
        "imports between them, so a new import between a pair it lists is not caught. Rewrite "
        "it with `fitness baseline --prune` (keeps its entries, adds the imports they use now)",
    )
    assert run("baseline", "--prune", cwd=root).code == 0
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten["version"] == 2
    assert rewritten["entries"][0]["imports"] == ["shop.domain.order -> shop.api.views"]
    assert "version 1" not in run("check", cwd=root).out


def test_prune_drops_the_imports_no_longer_used_and_never_adds_one(
    tmp_path: Path, run: Run
) -> None:
    root = repository(
        tmp_path,
        {**SHOP, "src/shop/domain/invoice.py": "from shop.api import views\n"},
    )
    run("baseline", cwd=root)
    (root / "src/shop/domain/invoice.py").unlink()
    write_tree(root, {"src/shop/domain/refund.py": "from shop.api import views\n"})

    assert run("baseline", "--prune", cwd=root).code == 0

    entries = json.loads((root / ".fitness-baseline.json").read_text("utf-8"))["entries"]
    assert entries[0]["imports"] == ["shop.domain.order -> shop.api.views"]
    assert found(run("check", cwd=root))[1][0] == (
        "src/shop/domain/refund.py:1:1: pure: shop.domain must not import shop.api "
        "(new import shop.domain.refund -> shop.api.views completes the chain)"
    )


def test_one_new_import_closing_two_loops_is_one_finding_with_both(
    tmp_path: Path, run: Run
) -> None:
    # Issue 22: one import made ten findings, in files nobody touched. a -> b -> c and
    # a -> c were there; c importing a closes both loops: one finding, at that import.
    root = repository(
        tmp_path,
        {
            "pyproject.toml": ACYCLIC,
            "src/shop/__init__.py": "",
            "src/shop/a.py": "from shop import b\nfrom shop import c\n",
            "src/shop/b.py": "from shop import c\n",
            "src/shop/c.py": "",
        },
    )
    (root / "src/shop/c.py").write_text("import os\n\nfrom shop import a\n", encoding="utf-8")
    commit(root, "c imports a")

    assert found(run("check", "--since", "HEAD~1", cwd=root)) == (
        1,
        [
            "src/shop/c.py:3:1: no-cycles: import cycles in shop (2 loops): could be made acyclic "
            "by removing 1 dependency: shop.c -> shop.a (l.3) "
            "(new import shop.c -> shop.a closes the loop)",
            "  - shop.a -> shop.b (l.1)",
            "    shop.b -> shop.c (l.1)",
            "    shop.c -> shop.a (l.3)",
            "  - shop.a -> shop.c (l.2)",
            "    shop.c -> shop.a (l.3)",
        ],
    )
