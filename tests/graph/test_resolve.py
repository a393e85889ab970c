from __future__ import annotations

import pytest

from fitness.graph.resolve import resolve
from fitness.model import RawImport

INTERNAL = frozenset(
    {
        "shop",
        "shop.api",
        "shop.api.views",
        "shop.domain",
        "shop.domain.order",
        "shop.domain.rules",
        "shop.domain.rules.limits",
        "shop.util",
        "corp",  # a namespace package
        "corp.alpha",
    }
)


def raw(
    module: str, level: int = 0, names: tuple[str, ...] = (), dynamic: bool = False
) -> RawImport:
    return RawImport(module, level, names, 1, 1, 1, 2, False, False, dynamic)


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        (raw("shop.domain.order"), [("shop.domain.order", False)]),
        (raw("shop"), [("shop", False)]),
        (raw("corp.alpha"), [("corp.alpha", False)]),
        (raw("corp"), [("corp", False)]),
    ],
    ids=["dotted", "top", "in-namespace", "namespace"],
)
def test_absolute_internal_module(imported: RawImport, expected: list[tuple[str, bool]]) -> None:
    assert resolve(imported, "shop.api.views", False, INTERNAL) == expected


def test_from_package_import_submodule() -> None:
    assert resolve(raw("shop.domain", 0, ("order",)), "shop.api.views", False, INTERNAL) == [
        ("shop.domain.order", False)
    ]


def test_from_package_import_name_targets_the_package() -> None:
    assert resolve(raw("shop.domain", 0, ("Order",)), "shop.api.views", False, INTERNAL) == [
        ("shop.domain", False)
    ]


def test_from_module_import_class_targets_the_module() -> None:
    assert resolve(raw("shop.domain.order", 0, ("Order",)), "shop.api", False, INTERNAL) == [
        ("shop.domain.order", False)
    ]


def test_several_names_give_one_target_each_without_repeats_in_name_order() -> None:
    imported = raw("shop.domain", 0, ("rules", "Order", "order", "Item"))
    assert resolve(imported, "shop.api", False, INTERNAL) == [
        ("shop.domain.rules", False),
        ("shop.domain", False),
        ("shop.domain.order", False),
    ]


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        (raw("", 1, ("views",)), [("shop.api.views", False)]),
        (raw("", 1, ("helper",)), [("shop.api", False)]),
        (raw("views", 1, ("View",)), [("shop.api.views", False)]),
        (raw("domain", 2, ("order",)), [("shop.domain.order", False)]),
        (raw("", 2, ("util", "api")), [("shop.util", False), ("shop.api", False)]),
        (raw("", 3, ("x",)), []),
        (raw("x", 4, ("y",)), []),
    ],
    ids=["dot-module", "dot-name", "dot-views", "dotdot-domain", "dotdot", "3-beyond", "4-beyond"],
)
def test_relative_imports_from_a_module(
    imported: RawImport, expected: list[tuple[str, bool]]
) -> None:
    # The importer is the module shop/api/views.py; its package is shop.api.
    assert resolve(imported, "shop.api.views", False, INTERNAL) == expected


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        (raw("", 1, ("views",)), [("shop.api.views", False)]),
        (raw("views", 1, ("View",)), [("shop.api.views", False)]),
        (raw("domain", 2, ("order",)), [("shop.domain.order", False)]),
        (raw("", 2, ("util",)), [("shop.util", False)]),
        (raw("", 3, ("x",)), []),
    ],
    ids=["dot", "dot-views", "dotdot-domain", "dotdot", "3-beyond"],
)
def test_relative_imports_from_a_package_init(
    imported: RawImport, expected: list[tuple[str, bool]]
) -> None:
    # The importer is shop/api/__init__.py: the package shop.api itself.
    assert resolve(imported, "shop.api", True, INTERNAL) == expected


def test_relative_import_three_levels_up_from_a_deep_module() -> None:
    imported = raw("api", 3, ("views",))
    assert resolve(imported, "shop.domain.rules.limits", False, INTERNAL) == [
        ("shop.api.views", False)
    ]


@pytest.mark.parametrize(
    ("importer", "is_package", "imported", "expected"),
    [
        ("shop", True, raw("", 1, ("util",)), [("shop.util", False)]),
        ("shop", True, raw("", 2, ("util",)), []),
        ("manage", False, raw("", 1, ("util",)), []),
    ],
    ids=["top-package-dot", "top-package-dotdot", "top-module-dot"],
)
def test_relative_imports_at_the_top(
    importer: str, is_package: bool, imported: RawImport, expected: list[tuple[str, bool]]
) -> None:
    assert resolve(imported, importer, is_package, INTERNAL) == expected


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        (raw("sqlalchemy.orm", 0, ("Session",)), [("sqlalchemy.orm.Session", True)]),
        (raw("os.path"), [("os.path", True)]),
        (raw("os", 0, ("path", "sep")), [("os.path", True), ("os.sep", True)]),
        (raw("os", 0, ("*",)), [("os", True)]),
        (raw("shopping"), [("shopping", True)]),
    ],
    ids=["from-import", "dotted", "two-names", "star", "prefix-of-internal-name"],
)
def test_external_names_are_kept_whole(
    imported: RawImport, expected: list[tuple[str, bool]]
) -> None:
    assert resolve(imported, "shop.api", False, INTERNAL) == expected


def test_star_imports_target_the_module() -> None:
    assert resolve(raw("shop.domain", 0, ("*",)), "shop.api", False, INTERNAL) == [
        ("shop.domain", False)
    ]
    assert resolve(raw("", 1, ("*",)), "shop.api.views", False, INTERNAL) == [("shop.api", False)]


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        (raw("shop.nothing.deeper"), [("shop", False)]),
        (raw("shop.domain.order.missing", 0, ("X",)), [("shop.domain.order", False)]),
        (raw("shop.domain.gone", 0, ("*",)), [("shop.domain", False)]),
        (raw("corp.beta"), [("corp", False)]),
    ],
    ids=["module", "from-module", "star", "under-namespace"],
)
def test_internal_names_that_do_not_exist_are_trimmed(
    imported: RawImport, expected: list[tuple[str, bool]]
) -> None:
    assert resolve(imported, "shop.api", False, INTERNAL) == expected


def test_dynamic_imports_resolve_like_import_statements() -> None:
    assert resolve(raw("shop.util", dynamic=True), "shop.api", False, INTERNAL) == [
        ("shop.util", False)
    ]
    assert resolve(raw("rules", 1, dynamic=True), "shop.domain.order", False, INTERNAL) == [
        ("shop.domain.rules", False)
    ]
    assert resolve(raw("rules", 1, dynamic=True), "shop.domain", True, INTERNAL) == [
        ("shop.domain.rules", False)
    ]
