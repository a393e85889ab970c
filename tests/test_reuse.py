"""Reused findings and graphs: a run gives the report a rebuild would give, whatever it reused."""

from __future__ import annotations

import logging
import marshal
from pathlib import Path

import pytest

from fitness import app
from fitness.reporters import REPORTERS, RenderOptions
from shop import FILES
from support import write_tree

EVENTS = "src/shop/domain/events.py"
# Beside the shop: a suppression (with its ADR), a comment citing a decision, a ban.
EXTRA = {
    "src/shop/domain/events.py": (
        "import json\n\n"
        "from shop.infrastructure.bus import send  "
        "# fitness: ignore[domain-is-pure] ADR-0004 until the bus moves\n"
    ),
    "src/shop/services/checkout.py": "from shop.domain import order  # see ADR-0002\n",
    "src/shop/jobs/nightly.py": "import pickle\n\n\ndef run():\n    return pickle.loads(b'')\n",
}
PYPROJECT = FILES["pyproject.toml"].replace(
    "[tool.fitness]\n", '[tool.fitness]\nextends = ["fitness:security"]\n'
)


def report(root: Path, cache: bool = True) -> str:
    options = app.CheckOptions(root, None, "error", cache=cache, jobs=1)
    return REPORTERS["json"](app.check(options, clock=lambda: 0.0), RenderOptions())


def how(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What each run reused, from the debug log."""
    found = [r.getMessage() for r in caplog.records if r.getMessage().startswith("reuse: ")]
    caplog.clear()
    return found


NONE_CHANGED = "reuse: no file changed; the findings of the last run stand"
UNAFFECTED = "reuse: the changed files' facts are unchanged; the findings stand"


def test_reused_findings_and_graphs_report_what_a_rebuild_reports(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_tree(tmp_path, {**FILES, **EXTRA, "pyproject.toml": PYPROJECT})
    caplog.set_level(logging.DEBUG, logger="fitness")
    views = root / "src/shop/api/views.py"
    events = root / EVENTS
    steps = [
        ("cold", lambda: None),
        ("warm", lambda: None),
        ("a comment appended", lambda: _append(views, "# reviewed\n")),
        ("a violation added", lambda: _append(views, "from shop.infrastructure import bus\n")),
        ("warm again", lambda: None),
        ("a violation removed", lambda: views.write_text("from shop.services import checkout\n")),
        ("a blank line appended", lambda: _append(root / "src/shop/domain/order.py", "\n")),
        ("a suppression removed", lambda: _write(events, EXTRA[EVENTS].split("  #")[0] + "\n")),
        ("an ADR superseded", lambda: _supersede(root / "docs/adr/0004-pure-domain.md")),
        ("a module added", lambda: _write(root / "src/shop/api/admin.py", "import shop.jobs\n")),
    ]
    seen = []
    for name, change in steps:
        change()
        cached = report(root)
        seen.append((name, how(caplog)))
        assert cached == report(root, cache=False), name
        caplog.clear()

    assert seen == [
        ("cold", []),
        ("warm", [NONE_CHANGED]),
        ("a comment appended", [UNAFFECTED]),
        ("a violation added", ["reuse: 12 of 13 modules' imports resolved before"]),
        ("warm again", [NONE_CHANGED]),
        # views.py has its first content again, whose imports the stored graph still holds
        # (one module resolved afresh does not rewrite it).
        ("a violation removed", ["reuse: 13 of 13 modules' imports resolved before"]),
        ("a blank line appended", [UNAFFECTED]),
        # order.py (the blank line) and events.py are resolved afresh
        ("a suppression removed", ["reuse: 11 of 13 modules' imports resolved before"]),
        ("an ADR superseded", [NONE_CHANGED]),
        ("a module added", []),  # another module list: every import resolved afresh
    ]


def test_corrupt_or_foreign_stored_findings_and_graphs_are_ignored(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**FILES, **EXTRA})
    expected = report(root, cache=False)
    report(root)
    stored = sorted((root / ".fitness_cache").glob("[fg][ir]*.marshal"))
    assert [path.name.split("-")[0] for path in stored] == ["findings", "graph"]
    for path in stored:
        path.write_bytes(b"\x00garbage")
    _append(root / "src/shop/api/views.py", "# reviewed\n")

    assert report(root) == report(root, cache=False) == expected
    for path in stored:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    assert report(root) == report(root, cache=False)


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _supersede(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("Accepted", "Superseded"))


def test_damaged_stored_routes_stop_the_run_rather_than_read_as_no_imports() -> None:
    # Read as "no imports", a finding's routes would be covered by any baseline entry.
    from fitness import finding_codec
    from fitness.errors import UsageError

    assert finding_codec._loader(marshal.dumps((("a", "b", ()),)))() == (("a", "b", ()),)
    with pytest.raises(UsageError) as raised:
        finding_codec._loader(b"\xff not marshal")()
    assert str(raised.value) == (
        "the stored findings are damaged: run once with --no-cache to rewrite them"
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("", [UNAFFECTED]),
        (
            '\n[tool.fitness.rules.size]\nkind = "metrics"\nmax_lines = 3\n',
            ["reuse: 12 of 13 modules' imports resolved before"],
        ),
    ],
    ids=["no-metrics-rule", "a-metrics-rule"],
)
def test_a_line_of_code_added_counts_only_for_a_rule_that_measures_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, rule: str, expected: list[str]
) -> None:
    root = write_tree(tmp_path, {**FILES, "pyproject.toml": FILES["pyproject.toml"] + rule})
    caplog.set_level(logging.DEBUG, logger="fitness")
    report(root)
    how(caplog)
    _append(root / "src/shop/domain/order.py", "LIMIT = 3\n")

    assert report(root) == report(root, cache=False)
    assert how(caplog) == expected


def test_a_class_added_without_a_new_import_counts_for_a_classes_rule(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rule = '\n[tool.fitness.rules.named]\nkind = "classes"\nin = ["shop.domain"]\nmust_be_named = "Order*"\n'
    root = write_tree(tmp_path, {**FILES, "pyproject.toml": FILES["pyproject.toml"] + rule})
    caplog.set_level(logging.DEBUG, logger="fitness")
    before = report(root)
    how(caplog)
    _append(root / "src/shop/domain/order.py", "\n\nclass Stock:\n    pass\n")

    after = report(root)
    assert after == report(root, cache=False) != before
    assert how(caplog) == ["reuse: 12 of 13 modules' imports resolved before"]


def test_a_classes_rule_added_re_examines_the_facts_gathered_without_classes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Graph rules only: the facts cached hold no classes (nor lines of code, nor functions).
    root = write_tree(tmp_path, {**FILES, "src/shop/domain/stock.py": "class Stock:\n    pass\n"})
    caplog.set_level(logging.DEBUG, logger="fitness")
    report(root)
    caplog.clear()
    rule = '\n[tool.fitness.rules.named]\nkind = "classes"\nin = ["shop.domain"]\nmust_be_named = "Order*"\n'
    (root / "pyproject.toml").write_text(FILES["pyproject.toml"] + rule, encoding="utf-8")

    after = report(root)
    assert "shop.domain.stock.Stock" in after
    assert after == report(root, cache=False)
    parsed = [r.getMessage() for r in caplog.records if r.getMessage().startswith("cache: ")]
    assert parsed[0] == "cache: 0 of 14 files known, 14 to parse"
