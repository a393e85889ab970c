"""Helpers shared by the tests."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from fitness import app
from fitness.model import Report


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Create `files` (relative path -> dedented text) under `root`."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def check_project(root: Path, fail_on: str = "error") -> Report:
    """Run `fitness check` on `root` in-process with a frozen clock."""
    return app.check(app.CheckOptions(root, None, fail_on), clock=lambda: 0.0)


def summarize(report: Report) -> list[tuple[str, str, str, list[str]]]:
    """Each finding as (rule, message, path:line:col, chain hops as `a -> b:line`)."""
    return [
        (
            f.rule_id,
            f.message,
            f"{f.location.path}:{f.location.line}:{f.location.column}",
            [f"{h.importer} -> {h.imported}:{h.location.line}" for h in f.chain],
        )
        for f in report.findings
    ]


def config(rules: str, extra: str = "") -> str:
    """A pyproject.toml with `[tool.fitness]` and the given rule tables."""
    return f"[tool.fitness]\n{extra}\n{textwrap.dedent(rules)}"


def git(root: Path, *args: str, input: str | None = None) -> str:
    """Run git in `root` as a scripted user, `input` on its stdin; its output (a failure raises)."""
    import subprocess

    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
        input=input,
    )
    return done.stdout


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "shop"


def shop_repository(tmp_path: Path) -> Path:
    """A copy of examples/shop (without its cache) committed in a git repository."""
    import shutil

    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))
    git(shop, "init", "-q")
    git(shop, "add", "-A")
    git(shop, "commit", "-qm", "shop")
    return shop
