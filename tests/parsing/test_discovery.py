from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from fitness.parsing.discovery import (
    Discovery,
    Shadowed,
    SourceFile,
    default_source_roots,
    discover,
)


def tree(root: Path, *paths: str, text: str = "") -> Path:
    """Create each of `paths` under `root`; a path ending in `/` is an empty directory."""
    for relative in paths:
        path = root / relative
        if relative.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


@dataclass(frozen=True)
class Outcome:
    """What discovery found, without `read` (the listing's record for the cache)."""

    files: tuple[SourceFile, ...]
    namespaces: tuple[str, ...]
    shadowed: tuple[Shadowed, ...]
    unreadable: tuple[tuple[str, str], ...]


def outcome(found: Discovery) -> Outcome:
    return Outcome(found.files, found.namespaces, found.shadowed, found.unreadable)


def files(*triples: tuple[str, str, bool]) -> tuple[SourceFile, ...]:
    return tuple(SourceFile(module, path, is_package) for module, path, is_package in triples)


def test_src_layout(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "setup.py",
        "tests/test_core.py",
        "src/top.py",
        "src/shop/__init__.py",
        "src/shop/core.py",
        "src/shop/api/__init__.py",
        "src/shop/api/views.py",
    )
    assert outcome(discover(tmp_path, ["src"])) == Outcome(
        files=files(
            ("shop", "src/shop/__init__.py", True),
            ("shop.api", "src/shop/api/__init__.py", True),
            ("shop.api.views", "src/shop/api/views.py", False),
            ("shop.core", "src/shop/core.py", False),
            ("top", "src/top.py", False),
        ),
        namespaces=(),
        shadowed=(),
        unreadable=(),
    )


def test_modules_property_holds_files_and_namespaces(tmp_path: Path) -> None:
    tree(tmp_path, "corp/alpha/__init__.py", "corp/alpha/core.py")
    assert discover(tmp_path, ["."]).modules == frozenset({"corp", "corp.alpha", "corp.alpha.core"})


def test_project_root_as_source_root(tmp_path: Path) -> None:
    tree(tmp_path, "__init__.py", "manage.py", "app/__init__.py", "app/views.py")
    # An `__init__.py` directly in the source root names no module.
    assert discover(tmp_path, ["."]).files == files(
        ("app", "app/__init__.py", True),
        ("app.views", "app/views.py", False),
        ("manage", "manage.py", False),
    )


def test_several_roots(tmp_path: Path) -> None:
    tree(tmp_path, "src/a/__init__.py", "src/a/x.py", "lib/b.py", "other/c.py")
    assert discover(tmp_path, ["src", "lib"]).files == files(
        ("a", "src/a/__init__.py", True),
        ("a.x", "src/a/x.py", False),
        ("b", "lib/b.py", False),
    )


@pytest.mark.parametrize("roots", [[".", "src"], ["src", "."]], ids=["outer-first", "inner-first"])
def test_a_root_nested_in_another_is_walked_once(tmp_path: Path, roots: list[str]) -> None:
    tree(tmp_path, "app.py", "src/pkg/__init__.py", "src/pkg/mod.py")
    assert outcome(discover(tmp_path, roots)) == Outcome(
        files=files(
            ("app", "app.py", False),
            ("pkg", "src/pkg/__init__.py", True),
            ("pkg.mod", "src/pkg/mod.py", False),
        ),
        namespaces=(),
        shadowed=(),
        unreadable=(),
    )


def test_a_deeper_nested_root(tmp_path: Path) -> None:
    tree(tmp_path, "lib/x.py", "lib/vendor/y.py", "lib/vendor/z/__init__.py")
    assert discover(tmp_path, ["lib", "lib/vendor"]).files == files(
        ("x", "lib/x.py", False),
        ("y", "lib/vendor/y.py", False),
        ("z", "lib/vendor/z/__init__.py", True),
    )


def test_root_spelled_with_dot_slash(tmp_path: Path) -> None:
    tree(tmp_path, "src/a.py")
    assert discover(tmp_path, ["./src"]).files == files(("a", "src/a.py", False))


def test_exclude_globs(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "app/__init__.py",
        "app/models.py",
        "app/migrations/__init__.py",
        "app/migrations/m0001.py",
        "app/migrations/deep/m0002.py",
        "app/legacy/__init__.py",
        "app/legacy/old.py",
        "legacy/__init__.py",
        "app/proto/__init__.py",
        "app/proto/msg_pb2.py",
        "app/legacy.py",
    )
    found = discover(tmp_path, ["."], exclude=["**/migrations/**", "legacy/", "*_pb2.py"])
    # `legacy/` names directories only, so the module `app/legacy.py` stays.
    assert found.files == files(
        ("app", "app/__init__.py", True),
        ("app.legacy", "app/legacy.py", False),
        ("app.models", "app/models.py", False),
        ("app.proto", "app/proto/__init__.py", True),
    )


def test_exclude_is_relative_to_the_project_root(tmp_path: Path) -> None:
    tree(tmp_path, "src/pkg/__init__.py", "src/pkg/gen/__init__.py", "src/pkg/gen/x.py")
    assert discover(tmp_path, ["src"], exclude=["/src/pkg/gen/"]).files == files(
        ("pkg", "src/pkg/__init__.py", True)
    )


def test_gitignore_at_the_root_and_in_a_subdirectory(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "build/lib/pkg/__init__.py",
        "venv/pyvenv.cfg",
        "venv/lib/site.py",
        "pkg/__init__.py",
        "pkg/generated_a.py",
        "pkg/scratch.py",
        "pkg/local/__init__.py",
        "pkg/sub/__init__.py",
        "pkg/sub/scratch.py",
        "pkg/sub/local/__init__.py",
    )
    (tmp_path / ".gitignore").write_text("build/\ngenerated_*.py\n", encoding="utf-8")
    (tmp_path / "pkg/sub/.gitignore").write_text("scratch.py\n/local/\n", encoding="utf-8")
    # The subdirectory's patterns apply only below it; `/local/` is anchored there.
    assert outcome(discover(tmp_path, ["."])) == Outcome(
        files=files(
            ("pkg", "pkg/__init__.py", True),
            ("pkg.local", "pkg/local/__init__.py", True),
            ("pkg.scratch", "pkg/scratch.py", False),
            ("pkg.sub", "pkg/sub/__init__.py", True),
        ),
        namespaces=(),
        shadowed=(),
        unreadable=(),
    )


def test_respect_gitignore_false(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "build/lib/pkg/__init__.py",
        "venv/pyvenv.cfg",
        "venv/lib/site.py",
        "pkg/__init__.py",
        "pkg/generated_a.py",
    )
    (tmp_path / ".gitignore").write_text("build/\ngenerated_*.py\n", encoding="utf-8")
    # A virtual environment (it holds `pyvenv.cfg`) is skipped whatever git says.
    assert outcome(discover(tmp_path, ["."], respect_gitignore=False)) == Outcome(
        files=files(
            ("build.lib.pkg", "build/lib/pkg/__init__.py", True),
            ("pkg", "pkg/__init__.py", True),
            ("pkg.generated_a", "pkg/generated_a.py", False),
        ),
        namespaces=("build", "build.lib"),
        shadowed=(),
        unreadable=(),
    )


def test_gitignore_inside_a_src_root(tmp_path: Path) -> None:
    tree(tmp_path, "src/pkg/__init__.py", "src/pkg/gen/__init__.py", "src/pkg/gen/x.py")
    (tmp_path / "src/pkg/.gitignore").write_text("gen/\n", encoding="utf-8")
    assert discover(tmp_path, ["src"]).files == files(("pkg", "src/pkg/__init__.py", True))


def test_gitignore_at_the_project_root_applies_to_a_src_root(tmp_path: Path) -> None:
    tree(tmp_path, "src/pkg/__init__.py", "src/pkg/gen/__init__.py", "src/pkg/gen/x.py")
    (tmp_path / ".gitignore").write_text("gen/\n", encoding="utf-8")
    assert discover(tmp_path, ["src"]).files == files(("pkg", "src/pkg/__init__.py", True))


def test_gitignore_files_between_the_project_root_and_a_source_root(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "code/lib/pkg/__init__.py",
        "code/lib/pkg/gen/x.py",
        "code/lib/pkg/tmp/y.py",
        "code/lib/pkg/keep/z.py",
    )
    (tmp_path / ".gitignore").write_text("/code/lib/pkg/tmp/\n", encoding="utf-8")
    (tmp_path / "code/.gitignore").write_text("gen/\n", encoding="utf-8")
    assert discover(tmp_path, ["code/lib"]).files == files(
        ("pkg", "code/lib/pkg/__init__.py", True),
        ("pkg.keep.z", "code/lib/pkg/keep/z.py", False),
    )


def test_directories_and_files_that_cannot_be_modules(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "pkg/__init__.py",
        "pkg/my-mod.py",
        "pkg/data.json",
        "pkg/stub.pyi",
        "pkg/README",
        "pkg/__pycache__/pkg.py",
        "my-scripts/run.py",
        ".hidden/x.py",
        "x.py/inner.py",
        "node_modules/lib.py",
        "__pypackages__/dep.py",
        "_private/ok.py",
    )
    assert discover(tmp_path, ["."]).files == files(
        ("_private.ok", "_private/ok.py", False),
        ("pkg", "pkg/__init__.py", True),
        ("pkg.my-mod", "pkg/my-mod.py", False),  # import_module("pkg.my-mod") loads it
    )


def test_namespace_packages(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "src/corp/alpha/__init__.py",
        "src/corp/alpha/core.py",
        "src/corp/tools/fmt.py",
        "src/corp/empty/",
    )
    assert outcome(discover(tmp_path, ["src"])) == Outcome(
        files=files(
            ("corp.alpha", "src/corp/alpha/__init__.py", True),
            ("corp.alpha.core", "src/corp/alpha/core.py", False),
            ("corp.tools.fmt", "src/corp/tools/fmt.py", False),
        ),
        namespaces=("corp", "corp.tools"),
        shadowed=(),
        unreadable=(),
    )


def test_the_same_module_under_two_roots_is_shadowed(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "src/common.py",
        "lib/common/__init__.py",
        "lib/common/extra.py",
        "lib/other.py",
    )
    assert outcome(discover(tmp_path, ["src", "lib"])) == Outcome(
        files=files(
            ("common", "src/common.py", False),
            ("common.extra", "lib/common/extra.py", False),
            ("other", "lib/other.py", False),
        ),
        namespaces=(),
        shadowed=(Shadowed("common", "src/common.py", "lib/common/__init__.py"),),
        unreadable=(),
    )


def test_a_root_listed_twice_is_walked_once(tmp_path: Path) -> None:
    tree(tmp_path, "src/a.py")
    assert outcome(discover(tmp_path, ["src", "./src"])) == Outcome(
        files=files(("a", "src/a.py", False)), namespaces=(), shadowed=(), unreadable=()
    )


def test_a_package_wins_over_a_module_of_the_same_name(tmp_path: Path) -> None:
    tree(tmp_path, "pkg.py", "pkg/__init__.py")
    assert outcome(discover(tmp_path, ["."])) == Outcome(
        files=files(("pkg", "pkg/__init__.py", True)),
        namespaces=(),
        shadowed=(Shadowed("pkg", "pkg/__init__.py", "pkg.py"),),
        unreadable=(),
    )


def test_default_source_roots(tmp_path: Path) -> None:
    assert default_source_roots(tmp_path) == (".",)
    (tmp_path / "src").write_text("", encoding="utf-8")
    assert default_source_roots(tmp_path) == (".",)
    (tmp_path / "src").unlink()
    (tmp_path / "src").mkdir()
    assert default_source_roots(tmp_path) == ("src",)


def test_read_lists_the_directories_and_gitignore_files_looked_at(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "src/shop/__init__.py",
        "src/shop/api/views.py",
        "src/shop/old/x.py",
        "src/venv/pyvenv.cfg",
        "src/venv/lib/site.py",
        "docs/conf.py",
    )
    (tmp_path / ".gitignore").write_text("docs/\n", encoding="utf-8")
    (tmp_path / "src/.gitignore").write_text("old/\n", encoding="utf-8")
    # The .gitignore files above the root first; then depth first in name order. An ignored
    # directory is not read; a virtual environment is read (for its pyvenv.cfg), not entered.
    assert discover(tmp_path, ["src"]).read == (
        ".gitignore",
        "src/",
        "src/.gitignore",
        "src/shop/",
        "src/shop/api/",
        "src/venv/",
    )
