"""A suppression's first word after its ids may be a log4brains slug: it is checked as a citation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

FILES = {
    "pyproject.toml": """\
        [tool.fitness]
        source_roots = ["src"]
        [tool.fitness.rules.no-pickle]
        kind = "banned-api"
        apis = ["pickle.loads"]
        """,
    ".log4brains.yml": "project:\n  name: cli\n  adrFolder: ./docs/adr\n",
    "docs/adr/20230412-allow-pickle-for-caches.md": (
        "# Allow pickle for our own caches\n\n- Status: accepted\n- Date: 2023-04-12\n"
    ),
    "src/app/__init__.py": "",
    "src/app/cache.py": """\
        import pickle


        def load(data):
            return pickle.loads(data)  # fitness: ignore[no-pickle] 20230412-allow-pickle-for-caches ours


        def load_again(data):
            return pickle.loads(data)  # fitness: ignore[no-pickle] 20230413-no-such-record ours
        """,
}


def test_a_slug_that_names_a_record_is_fine_and_one_that_does_not_is_missing(
    project: Project, run: Run
) -> None:
    result = run("check", cwd=project(FILES))

    lines = [line for line in result.out.splitlines() if line.startswith("src/")]
    assert (result.code, lines) == (
        1,
        [
            "src/app/cache.py:9:61: adr-missing: this comment cites 20230413-no-such-record, "
            "which is no ADR in docs/adr"
        ],
    )
    assert "Not counted: 2 suppressed inline." in result.out
