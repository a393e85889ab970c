"""`fitness check` with banned-api rules: a changed ban re-parses only what it affects, same report.

Real extraction and the real configuration, end to end; `test_bans.py` counts
the same with a stand-in extraction.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from fitness import app
from fitness.reporters import REPORTERS, RenderOptions
from support import write_tree

FILES = {
    "src/app/__init__.py": "",
    "src/app/a.py": "import pickle\n\npickle.loads(b'')\n",
    "src/app/b.py": "import yaml\n\nyaml.load('x')\n",
    "src/app/c.py": "x = eval('1')\n",
    "src/app/d.py": "import os\n\nos.getcwd()\n",
}


def configure(root: Path, apis: list[str]) -> None:
    names = ", ".join(f'"{name}"' for name in apis)
    (root / "pyproject.toml").write_text(
        '[tool.fitness]\nsource_roots = ["src"]\n\n'
        f'[tool.fitness.rules.banned]\nkind = "banned-api"\napis = [{names}]\n',
        encoding="utf-8",
    )


def report(root: Path, cache: bool = True, jobs: int = 1) -> str:
    options = app.CheckOptions(root, None, "error", cache=cache, jobs=jobs)
    return REPORTERS["json"](app.check(options, clock=lambda: 0.0), RenderOptions())


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "workers"])
def test_a_changed_ban_reparses_only_the_files_it_can_affect_and_reports_as_without_cache(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    workers: bool,
) -> None:
    if workers:
        monkeypatch.setattr("fitness.parsing.collect._IN_PROCESS_BYTES", 0)
    root = write_tree(tmp_path, FILES)
    steps = [["pickle.loads"], ["pickle.loads", "yaml.load", "eval"], ["pickle.loads"], ["os"]]
    logged, findings = [], []
    for apis in steps:
        configure(root, apis)
        expected = report(root, cache=False)
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="fitness.parsing"):
            first = report(root, jobs=2)  # with the cache of the step before
            again = report(root)
        assert (first, again) == (expected, expected)
        logged.append([r.getMessage() for r in caplog.records if r.name == "fitness.parsing"])
        findings.append(json.loads(expected)["summary"]["findings"])

    warm_messages = [
        "cache: 5 of 5 files known, 0 to parse",
        "cache: known files re-examined for bans their facts lacked: 0",
    ]
    parsing = ["parsing 5 files in 2 worker processes"] if workers else []
    assert logged == [
        [
            "cache: 0 of 5 files known, 5 to parse",
            "cache: known files re-examined for bans their facts lacked: 0",
            *parsing,
        ],
        [  # b.py imports yaml, c.py mentions eval
            "cache: 3 of 5 files known, 2 to parse",
            "cache: known files re-examined for bans their facts lacked: 2",
            *(["parsing 2 files in 2 worker processes"] if workers else []),
        ],
        warm_messages,  # a removed ban re-parses nothing
        [  # d.py imports os
            "cache: 4 of 5 files known, 1 to parse",
            "cache: known files re-examined for bans their facts lacked: 1",
        ],
    ]
    # Each step's second run reads no facts: nothing changed, its findings are reused.
    assert findings == [1, 3, 1, 2]
