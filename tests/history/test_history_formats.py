"""`fitness history`'s formats on the story: the JSON document against its schema, the
Markdown golden (whose Mermaid chart CI parses with Mermaid's own parser), and the HTML
page: self-contained, and read in headless Chromium with the network cut off.

`pytest --update-goldens` rewrites the golden; read its diff before committing it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
from views.test_html_page import browser, parsed  # noqa: F401  (`browser` is a fixture)

from support import Result

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "docs" / "history.schema.json"
GOLDEN = REPO / "tests" / "golden" / "history" / "story.md"
Story = tuple[Path, list[str]]


def test_the_json_document_follows_its_schema(story: Story, run: Callable[..., Result]) -> None:
    root, _ = story
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for flags in ((), ("--config-at-commit",)):
        ran = run("history", "--format", "json", *flags, cwd=root)
        jsonschema.Draft202012Validator(schema).validate(json.loads(ran.out))


def test_the_markdown_golden(
    story: Story, run: Callable[..., Result], update_goldens: bool
) -> None:
    """The step summary of the story: the chart leaves out the two points not checked."""
    root, _ = story
    ran = run("history", "--format", "markdown", cwd=root)
    assert ran.code == 0
    if update_goldens:
        GOLDEN.write_text(ran.out, "utf-8")
    assert ran.out == GOLDEN.read_text("utf-8")
    assert (
        "```mermaid\nxychart-beta\n"
        '    title "Findings per sampled commit"\n'
        '    x-axis ["2026-01-19", "2026-01-26", "2026-02-02", "2026-02-09", "2026-02-16", '
        '"2026-02-23"]\n'
        '    y-axis "Findings" 0 --> 2\n'
        "    line [1, 2, 1, 2, 2, 1]\n```\n"
    ) in ran.out


def test_the_readme_shows_the_golden_chart() -> None:
    chart = GOLDEN.read_text("utf-8").split("```mermaid\n")[1].split("```")[0]
    assert f"```mermaid\n{chart}```" in (REPO / "README.md").read_text("utf-8")


def _page(story: Story, run: Callable[..., Result], tmp_path: Path) -> Path:
    root, _ = story
    page = tmp_path / "history.html"
    ran = run("history", "--format", "html", "--output", str(page), cwd=root)
    assert (ran.code, ran.out) == (0, "")
    return page


def test_the_page_links_nothing_outside(
    story: Story, run: Callable[..., Result], tmp_path: Path
) -> None:
    page = _page(story, run, tmp_path).read_text("utf-8")
    found = parsed(page)
    assert [(tag, a) for tag, a in found.tags if "src" in a or "href" in a or tag == "link"] == []
    assert [tag for tag, _ in found.tags if tag == "script"] == []
    assert "://" not in page
    policy = next(a["content"] for tag, a in found.tags if a.get("http-equiv"))
    assert policy == "default-src 'none'; style-src 'unsafe-inline'"


def test_the_page_in_a_browser(
    browser: Any,  # noqa: F811
    story: Story,
    run: Callable[..., Result],
    tmp_path: Path,
) -> None:
    _, c = story
    browser.get(_page(story, run, tmp_path).as_uri())

    assert browser.title == "Architecture debt over time"
    assert browser.find_element("id", "summary").text == (
        f"Since 2026-01-19: 2 findings added, 2 fixed; 1 open, the oldest 2 weeks old "
        f"(added in {c[5][:7]})."
    )
    line = browser.find_element("css selector", "#chart polyline")
    assert len(line.get_attribute("points").split()) == 6
    assert line.size["width"] > 500  # drawn across the chart
    circles = browser.find_elements("css selector", "#chart circle title")
    assert [circle.get_attribute("textContent") for circle in circles][-1] == (
        f"2026-02-23 {c[7][:7]}: 1"
    )
    rows = browser.find_elements("css selector", "#points tbody tr")
    assert len(rows) == 8
    assert rows[0].text.split()[:3] == ["2026-01-05", c[0][:7], "config-error"]
    opened = browser.find_elements("css selector", "#open tbody tr")
    assert [row.text for row in opened] == [
        f"2 weeks {c[5][:7]} layers app/db.py:1 app.db must not import app.domain (a higher layer)"
    ]
    fetched = browser.execute_script(
        "return performance.getEntriesByType('navigation')"
        ".concat(performance.getEntriesByType('resource')).map(function (e) { return e.name; })"
        ".filter(function (n) { return n.indexOf('file:') !== 0; });"
    )
    assert fetched == []
