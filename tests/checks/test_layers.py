"""`layers`: exact findings on small projects."""

from __future__ import annotations

from pathlib import Path

from support import check_project, config, summarize, write_tree

APP = {
    "src/app/__init__.py": "",
    "src/app/web/__init__.py": "",
    "src/app/web/views.py": "from app.logic import rules\n",
    "src/app/logic/__init__.py": "",
    "src/app/logic/rules.py": "from app.data import store\n",
    "src/app/data/__init__.py": "",
    "src/app/data/store.py": "",
    "src/app/util.py": "",
}


def run(tmp_path: Path, rules: str, **files: str) -> list[tuple[str, str, str, list[str]]]:
    tree = {**APP, **{k.replace("__", "/").replace("_py", ".py"): v for k, v in files.items()}}
    tree["pyproject.toml"] = config(rules)
    return summarize(check_project(write_tree(tmp_path, tree)))


LAYERS = """
[tool.fitness.rules.tiers]
kind = "layers"
layers = ["app.web", "app.logic", "app.data"]
"""


def test_downward_imports_are_fine(tmp_path: Path) -> None:
    assert run(tmp_path, LAYERS) == []


def test_direct_upward_import(tmp_path: Path) -> None:
    found = run(tmp_path, LAYERS, src__app__data__store_py="from app.web.views import x\n")

    assert found == [
        (
            "tiers",
            "app.data must not import app.web (a higher layer)",
            "src/app/data/store.py:1:1",
            ["app.data.store -> app.web.views:1"],
        )
    ]


def test_indirect_upward_import_through_a_module_outside_the_layers(tmp_path: Path) -> None:
    found = run(
        tmp_path,
        LAYERS,
        src__app__data__store_py="# Storage.\n\nimport app.util\n",
        src__app__util_py="def f():\n    from app.web import views\n",
    )

    assert found == [
        (
            "tiers",
            "app.data must not import app.web (a higher layer)",
            "src/app/data/store.py:3:1",
            ["app.data.store -> app.util:3", "app.util -> app.web.views:2"],
        )
    ]


def test_chains_through_another_layer_are_reported_for_that_layer_only(tmp_path: Path) -> None:
    # data -> logic -> web: two illegal pairs, not a third (data, web) through logic.
    found = run(
        tmp_path,
        LAYERS,
        src__app__data__store_py="from app.logic import rules\n",
        src__app__logic__rules_py="from app.web import views\n",
    )

    assert [(f[1], f[3]) for f in found] == [
        (
            "app.data must not import app.logic (a higher layer)",
            ["app.data.store -> app.logic.rules:1"],
        ),
        (
            "app.logic must not import app.web (a higher layer)",
            ["app.logic.rules -> app.web.views:1"],
        ),
    ]


def test_independent_and_open_siblings(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.independent]
    kind = "layers"
    layers = ["app.web | app.logic", "app.data"]

    [tool.fitness.rules.open]
    kind = "layers"
    layers = ["app.web : app.logic", "app.data"]
    """

    found = run(tmp_path, rules, src__app__web__views_py="from app.logic import rules\n")

    assert found == [
        (
            "independent",
            "app.web must not import app.logic (independent siblings)",
            "src/app/web/views.py:1:1",
            ["app.web.views -> app.logic.rules:1"],
        )
    ]


def test_type_checking_imports_count_unless_ignored(tmp_path: Path) -> None:
    rules = LAYERS + LAYERS.replace("tiers", "lenient") + 'type_checking = "ignore"\n'
    store = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.web import views\n"

    found = run(tmp_path, rules, src__app__data__store_py=store)

    assert [(f[0], f[2]) for f in found] == [("tiers", "src/app/data/store.py:3:5")]


def test_dynamic_imports_count_unless_ignored(tmp_path: Path) -> None:
    rules = LAYERS + LAYERS.replace("tiers", "lenient") + 'dynamic = "ignore"\n'
    store = 'import importlib\nviews = importlib.import_module("app.web.views")\n'

    found = run(tmp_path, rules, src__app__data__store_py=store)

    assert [(f[0], f[2]) for f in found] == [("tiers", "src/app/data/store.py:2:19")]


def test_ignore_drops_matching_imports_and_reports_unused_entries(tmp_path: Path) -> None:
    rules = LAYERS + 'ignore = ["app.data.* -> app.web.**", "app.nothing -> app.web"]\n'

    found = run(tmp_path, rules, src__app__data__store_py="from app.web import views\n")

    assert found == [
        ("tiers", "ignore 'app.nothing -> app.web' matches no import", "pyproject.toml:7:1", [])
    ]


def test_include_and_exclude_narrow_the_importers(tmp_path: Path) -> None:
    rules = LAYERS + 'exclude = ["app.data.store"]\n'

    found = run(
        tmp_path,
        rules,
        src__app__data__store_py="from app.web import views\n",
        src__app__data__other_py="from app.logic import rules\n",
    )

    assert [f[1] for f in found] == ["app.data must not import app.logic (a higher layer)"]


def test_containers_optional_layers_and_exhaustive(tmp_path: Path) -> None:
    rules = """
    [tool.fitness.rules.per-app]
    kind = "layers"
    containers = ["proj.one", "proj.two"]
    layers = ["api", "(jobs)", "core"]
    exhaustive = true
    """
    tree = {
        "proj/__init__.py": "",
        "proj/one/__init__.py": "",
        "proj/one/api.py": "",
        "proj/one/jobs.py": "",
        "proj/one/core.py": "from proj.one import api\n",
        "proj/two/__init__.py": "",
        "proj/two/api.py": "",
        "proj/two/core.py": "from proj.one import core\n",
        "proj/two/extra.py": "",
        "pyproject.toml": config(rules),
    }

    found = summarize(check_project(write_tree(tmp_path, tree)))

    assert found == [
        (
            "per-app",
            "proj.one.core must not import proj.one.api (a higher layer)",
            "proj/one/core.py:1:1",
            ["proj.one.core -> proj.one.api:1"],
        ),
        ("per-app", "proj.two.extra is in no layer of proj.two", "pyproject.toml:6:1", []),
    ]


def test_exhaustive_ignores_spares_children_by_their_last_segment(tmp_path: Path) -> None:
    # As import-linter's exhaustive_ignores: `migrations` spares proj.one.migrations and
    # proj.two.migrations; proj.two.extra is still in no layer.
    rules = """
    [tool.fitness.rules.per-app]
    kind = "layers"
    containers = ["proj.one", "proj.two"]
    layers = ["api", "core"]
    exhaustive = true
    exhaustive_ignores = ["migrations", "absent"]
    """
    tree = {
        "proj/__init__.py": "",
        "proj/one/__init__.py": "",
        "proj/one/api.py": "",
        "proj/one/core.py": "",
        "proj/one/migrations/__init__.py": "from proj.one import api\n",
        "proj/two/__init__.py": "",
        "proj/two/api.py": "",
        "proj/two/core.py": "",
        "proj/two/migrations.py": "",
        "proj/two/extra.py": "",
        "pyproject.toml": config(rules),
    }

    found = summarize(check_project(write_tree(tmp_path, tree)))

    assert found == [
        ("per-app", "proj.two.extra is in no layer of proj.two", "pyproject.toml:6:1", []),
    ]


def test_closed_layer_may_not_be_skipped(tmp_path: Path) -> None:
    rules = LAYERS + 'closed = ["app.logic"]\n'

    found = run(
        tmp_path,
        rules,
        src__app__web__views_py="from app.logic import rules\nfrom app.data import store\n",
    )

    assert found == [
        (
            "tiers",
            "app.web must not import app.data (it skips past closed layer app.logic)",
            "src/app/web/views.py:2:1",
            ["app.web.views -> app.data.store:2"],
        )
    ]


CLOSED = """
[tool.fitness.rules.tiers]
kind = "layers"
layers = ["app.api", "app.web", "app.logic", "app.data", "app.store"]
closed = ["app.logic"]
"""

CLOSED_APP = {
    "src/app/__init__.py": "",
    **{f"src/app/{name}/__init__.py": "" for name in ("api", "web", "logic", "data", "store")},
    "src/app/api/routes.py": (
        # api -> web: one layer down, nothing skipped: not a finding
        "from app.web import pages\n"
        # api -> logic: skips web, which is open: not a finding
        "from app.logic import rules\n"
        # api -> store: skips the closed logic layer: a finding
        "from app.store import blobs\n"
    ),
    "src/app/web/pages.py": (
        # web -> logic: down into the closed layer itself: not a finding
        "from app.logic import rules\n"
        # web -> data: the layer right below the closed one, reached past it: a finding
        "from app.data import rows\n"
    ),
    "src/app/logic/rules.py": (
        # logic -> store: from the closed layer down, past data: not a finding
        # (a closed layer may not be skipped; layers below it may be skipped from it)
        "from app.store import blobs\n"
    ),
    "src/app/data/rows.py": (
        # data -> store: below the closed layer, one down: not a finding
        "from app.store import blobs\n"
    ),
    "src/app/store/blobs.py": "",
}


def test_closed_layer_each_case_with_its_reason(tmp_path: Path) -> None:
    tree = {**CLOSED_APP, "pyproject.toml": config(CLOSED)}

    found = summarize(check_project(write_tree(tmp_path, tree)))

    assert found == [
        (
            "tiers",
            "app.api must not import app.store (it skips past closed layer app.logic)",
            "src/app/api/routes.py:3:1",
            ["app.api.routes -> app.store.blobs:3"],
        ),
        (
            "tiers",
            "app.web must not import app.data (it skips past closed layer app.logic)",
            "src/app/web/pages.py:2:1",
            ["app.web.pages -> app.data.rows:2"],
        ),
    ]
