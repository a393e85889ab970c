"""`fitness graph --format html`: the page is self-contained, and works in a real browser.

The browser tests drive Debian's headless Chromium through chromedriver with the
network cut off (a proxy that does not exist, every host name unresolvable), load
the page from a file, and read the DOM after the script ran. Without Chromium
they skip, unless FITNESS_REQUIRE_BROWSER=1 (CI), where they fail.
FITNESS_SCREENSHOT=1 also saves the screenshot to docs/images/graph-page.png.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from fitness.reporters.diagrams.html import render_html
from support import EXAMPLE, Result

REPO = Path(__file__).resolve().parents[2]
# What `fitness graph --format json` prints for examples/shop (tests/golden/test_diagram_goldens.py).
SHOP_JSON = REPO / "tests" / "golden" / "diagrams" / "shop.json"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

RED_EDGES = [
    ("shop.domain", "shop.api", "layered-architecture: 1"),
    ("shop.domain", "shop.infrastructure", "domain-is-pure: 1"),
    ("shop.jobs", "shop.services", "layered-architecture: 1"),
]
NODES = ["shop", "shop.api", "shop.domain", "shop.infrastructure", "shop.jobs", "shop.services"]


class _Attributes(HTMLParser):
    """Every tag with its attributes, and the text of each `<script>` by its id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs).get("id") or ""
            self.scripts[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data


def parsed(page: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(page)
    parser.close()
    return parser


def shop_page(tmp_path: Path, run: Callable[..., Result]) -> Path:
    """`fitness graph --format html --output page.html` on a copy of examples/shop."""
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))
    page = tmp_path / "page.html"
    drawn = run("graph", "--format", "html", "--output", str(page), cwd=shop)
    assert (drawn.code, drawn.out, drawn.err) == (0, "", "")
    return page


def test_the_page_holds_the_document_as_the_cli_prints_it(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(EXAMPLE, shop, ignore=shutil.ignore_patterns(".fitness_cache"))

    printed = run("graph", "--format", "json", cwd=shop)
    page = run("graph", "--format", "html", cwd=shop)

    assert page.code == 0
    assert json.loads(parsed(page.out).scripts["fitness-graph"]) == json.loads(printed.out)
    assert page.out == render_html(json.loads(printed.out))


@pytest.mark.parametrize("document", [json.loads(SHOP_JSON.read_text("utf-8"))])
def test_the_page_fetches_nothing(document: dict[str, Any]) -> None:
    page = render_html(document)
    found = parsed(page)

    linked = [
        (tag, name, value)
        for tag, attributes in found.tags
        for name, value in attributes.items()
        if name in ("src", "href") and value and ("://" in value or value.startswith("//"))
    ]
    assert linked == []
    assert [tag for tag, attributes in found.tags if tag == "link" or "src" in attributes] == []
    assert "<link" not in page
    policy = next(a["content"] for tag, a in found.tags if a.get("http-equiv"))
    assert policy is not None and policy.startswith("default-src 'none'; script-src 'sha256-")


def test_nothing_in_the_document_can_end_its_element() -> None:
    hostile = "x</script><script>alert(1)</script><!--&\u2028\u2029"
    document = {"roots": [hostile], "depth": 1, "nodes": [{"name": hostile, "modules": 1}]}

    page = render_html(document)
    found = parsed(page)

    assert [tag for tag, _ in found.tags].count("script") == 2  # the data, the page's script
    assert json.loads(found.scripts["fitness-graph"]) == document
    data = found.scripts["fitness-graph"]
    assert not any(character in data for character in "<>&\u2028\u2029")
    assert "<title>fitness graph: x&lt;/script&gt;&lt;script&gt;" in page


# The browser.


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    required = os.environ.get("FITNESS_REQUIRE_BROWSER") == "1"
    missing = [
        f"{p} (apt-get install chromium chromium-driver)"
        for p in (CHROMIUM, CHROMEDRIVER)
        if not p.is_file()
    ]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        reason = f"no headless browser: {', '.join(missing)} missing"
        if required:
            pytest.fail(f"FITNESS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        # The network cut off: a proxy nobody listens on, and no host name resolves.
        "--proxy-server=http://127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def drawn_nodes(driver: Any) -> list[str]:
    return [n.get_attribute("data-name") for n in driver.find_elements("css selector", "g.node")]


def red_edges(driver: Any) -> list[tuple[str, str, str]]:
    return [
        (e.get_attribute("data-source"), e.get_attribute("data-target"), e.text)
        for e in driver.find_elements("css selector", ".edge.violation")
    ]


# Each drawn node's box, each frame's (opened package) and cluster's box, and each edge label's box.
GEOMETRY = """
function box(e) { var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
function all(selector, f) { return Array.prototype.map.call(document.querySelectorAll(selector), f); }
return {
  nodes: all("g.node", function (g) { return [g.getAttribute("data-name"), box(g.querySelector("rect"))]; }),
  frames: all("g.frame", function (g) { return g; }).filter(function (g) { return g.querySelector("rect"); })
    .map(function (g) { return [g.getAttribute("data-package"), box(g.querySelector("rect"))]; }),
  clusters: all("g.cluster", function (g) { return g; }).filter(function (g) { return g.querySelector("rect"); })
    .map(function (g) { return [g.getAttribute("data-cluster"), box(g.querySelector("rect"))]; }),
  titles: all("g.frame text, g.cluster text", box),
  labels: all("g.edge .label-box", box)
};
"""


# Each (edge, node) where the edge's line runs through a node that is not one of its ends.
THROUGH = """
var nodes = Array.prototype.map.call(document.querySelectorAll("g.node"), function (g) {
  return [g.getAttribute("data-name"), g.querySelector("rect").getBoundingClientRect()];
});
var found = [];
document.querySelectorAll("g.edge").forEach(function (g) {
  var path = g.querySelector("path.line"), length = path.getTotalLength(), to = path.getScreenCTM();
  var ends = [g.getAttribute("data-source"), g.getAttribute("data-target")];
  for (var along = 0; along <= length; along += 3) {
    var p = path.getPointAtLength(along).matrixTransform(to);
    nodes.forEach(function (n) {
      var r = n[1], hit = ends.join(" -> ") + " through " + n[0];
      if (ends.indexOf(n[0]) < 0 && p.x > r.left + 2 && p.x < r.right - 2 && p.y > r.top + 2 &&
          p.y < r.bottom - 2 && found.indexOf(hit) < 0) found.push(hit);
    });
  }
});
return found;
"""


def geometry(driver: Any) -> dict[str, Any]:
    found: dict[str, Any] = driver.execute_script(GEOMETRY)
    return found


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: list[float], b: list[float]) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def strangers_in_frames(found: dict[str, Any], members: Callable[[str], set[str]]) -> list[Any]:
    """Each (frame, node) where a node not in the frame's package overlaps it, or one in it is outside."""
    wrong = []
    for name, frame in found["frames"] + found["clusters"]:
        for node, node_box in found["nodes"]:
            if (node in members(name)) != inside(node_box, frame) or (
                node not in members(name) and overlap(node_box, frame)
            ):
                wrong.append((name, node))
    return wrong


def test_the_page_in_a_browser(browser: Any, tmp_path: Path, run: Callable[..., Result]) -> None:
    page = shop_page(tmp_path, run)
    browser.get(page.as_uri())

    assert browser.find_element("css selector", "body").get_attribute("data-drawn") == "true"
    assert browser.find_element("id", "summary").text == (
        "10 findings (7 errors, 3 warnings), 6 rules broken \u2014 from 17 modules"
    )
    assert drawn_nodes(browser) == NODES
    assert sorted(red_edges(browser)) == RED_EDGES

    browser.find_element("css selector", 'g.node[data-name="shop.domain"]').click()

    assert drawn_nodes(browser) == [
        "shop",
        "shop.api",
        "shop.domain",
        "shop.domain.events",
        "shop.domain.order",
        "shop.domain.pricing",
        "shop.infrastructure",
        "shop.jobs",
        "shop.services",
    ]
    assert sorted(red_edges(browser)) == [
        ("shop.domain.events", "shop.infrastructure", "domain-is-pure: 1"),
        ("shop.domain.pricing", "shop.api", "layered-architecture: 1"),
        ("shop.jobs", "shop.services", "layered-architecture: 1"),
    ]
    found = geometry(browser)
    assert [name for name, _ in found["frames"]] == ["shop.domain"]
    assert (
        strangers_in_frames(
            found,
            lambda package: {
                node
                for node, _ in found["nodes"]
                if node == package or node.startswith(package + ".")
            },
        )
        == []
    )
    assert browser.execute_script(THROUGH) == []
    labels = found["labels"] + found["titles"]
    assert [(a, b) for a in labels for b in labels if a < b and overlap(a, b)] == []
    assert [
        (node, label)
        for node, node_box in found["nodes"]
        for label in found["labels"]
        if overlap(node_box, label)
    ] == []

    # Two opposite edges: two curves, each label clickable, neither on the other.
    for source, target in [
        ("shop.domain.order", "shop.domain.events"),
        ("shop.domain.events", "shop.domain.order"),
    ]:
        browser.find_element(
            "css selector", f'.edge[data-source="{source}"][data-target="{target}"] text'
        ).click()
        heading = browser.find_element("css selector", "#findings h2").text
        assert heading == f"{source} \u2192 {target}"
    paths = [
        browser.find_element(
            "css selector", f'.edge[data-source="{a}"][data-target="{b}"] path.line'
        ).get_attribute("d")
        for a, b in [
            ("shop.domain.order", "shop.domain.events"),
            ("shop.domain.events", "shop.domain.order"),
        ]
    ]
    assert paths[0] != paths[1]

    edge = '.edge.violation[data-source="shop.domain.events"][data-target="shop.infrastructure"]'
    browser.find_element("css selector", edge + " text").click()

    panel = browser.find_element("id", "findings")
    assert panel.text.splitlines() == [
        "shop.domain.events \u2192 shop.infrastructure",
        "1 import behind this edge:",
        "shop.domain.events \u2192 shop.infrastructure.bus",
        "2 findings:",
        "domain-is-pure error",
        "shop.domain must not import shop.infrastructure",
        "src/shop/domain/events.py:13",
        "shop.domain.events \u2192 shop.infrastructure.bus src/shop/domain/events.py:13",
        "ADR-0004: The domain is pure (accepted)",
        "domain-is-pure error",
        "shop.domain must not import sqlalchemy",
        "src/shop/domain/events.py:13",
        "shop.domain.events \u2192 shop.infrastructure.bus src/shop/domain/events.py:13",
        "shop.infrastructure.bus \u2192 sqlalchemy src/shop/infrastructure/bus.py:3",
        "ADR-0004: The domain is pure (accepted)",
    ]
    links = [a.get_attribute("href") for a in panel.find_elements("css selector", "a")]
    assert links == [(tmp_path / "docs/adr/0004-pure-domain.md").as_uri()] * 2  # relative
    screenshot(browser, tmp_path)

    browser.find_element("css selector", '.frame[data-package="shop.domain"] text').click()

    assert drawn_nodes(browser) == NODES

    search = browser.find_element("id", "search")
    search.send_keys("jobs.rep")
    matches = browser.find_elements("css selector", "#matches button")
    assert [m.text for m in matches] == ["shop.jobs.report"]
    matches[0].click()

    assert "shop.jobs.report" in drawn_nodes(browser)
    highlighted = browser.find_elements("css selector", "g.node.highlight")
    assert [n.get_attribute("data-name") for n in highlighted] == ["shop.jobs.report"]

    fetched = browser.execute_script(
        "return performance.getEntriesByType('navigation')"
        ".concat(performance.getEntriesByType('resource')).map(function (e) { return e.name; })"
        ".filter(function (n) { return n.indexOf('file:') !== 0; });"
    )
    assert fetched == []
    assert browser.execute_script("return location.protocol") == "file:"


def screenshot(browser: Any, tmp_path: Path) -> None:
    """The page after opening shop.domain and clicking its red edge to the infrastructure,
    in a window as tall as the page, so nothing is cut off."""
    browser.execute_script("window.scrollTo(0, 0)")
    tall = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1400, "height": tall + 16, "deviceScaleFactor": 1, "mobile": False},
    )
    browser.save_screenshot(str(tmp_path / "graph-page.png"))
    if os.environ.get("FITNESS_SCREENSHOT") == "1":
        (REPO / "docs" / "images").mkdir(exist_ok=True)
        shutil.copy(tmp_path / "graph-page.png", REPO / "docs" / "images" / "graph-page.png")


ESTATE = REPO / "tests" / "golden" / "estate"  # containers, a cycle, packages of several nodes


def estate_page(tmp_path: Path, run: Callable[..., Result], *arguments: str) -> tuple[Path, Any]:
    estate = tmp_path / "estate"
    shutil.copytree(ESTATE, estate, ignore=shutil.ignore_patterns(".fitness_cache"))
    page = tmp_path / "page.html"
    drawn = run("graph", "--format", "html", "--output", str(page), *arguments, cwd=estate)
    assert (drawn.code, drawn.out, drawn.err) == (0, "", "")
    return page, json.loads(parsed(page.read_text("utf-8")).scripts["fitness-graph"])


def cluster_members(document: dict[str, Any]) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}

    def collect(cluster: dict[str, Any]) -> set[str]:
        held = set(cluster["nodes"]).union(*[collect(inner) for inner in cluster["clusters"]])
        members[cluster["name"]] = held
        return held

    for cluster in document["clusters"]:
        collect(cluster)
    return members


def test_the_clusters_hold_their_own_nodes_only(
    browser: Any, tmp_path: Path, run: Callable[..., Result]
) -> None:
    page, document = estate_page(tmp_path, run, "--depth", "2")
    browser.get(page.as_uri())

    found = geometry(browser)
    members = cluster_members(document)
    clusters = ["estate.rentals", "estate.sales", "estate.shared"]
    assert sorted(name for name, _ in found["clusters"]) == clusters
    assert strangers_in_frames(found, lambda name: members[name]) == []
    texts = [t.text for t in browser.find_elements("css selector", "g.cluster text")]
    assert sorted(texts) == clusters
    assert browser.execute_script(THROUGH) == []


def test_a_layers_rule_draws_its_containers_and_labels_its_layers(
    browser: Any, tmp_path: Path, run: Callable[..., Result]
) -> None:
    page, document = estate_page(tmp_path, run, "--rule", "contexts-layered")
    browser.get(page.as_uri())

    found = geometry(browser)
    members = cluster_members(document)
    assert sorted(name for name, _ in found["clusters"]) == ["estate.rentals", "estate.sales"]
    assert strangers_in_frames(found, lambda name: members[name]) == []
    labels = browser.find_elements("css selector", "text.rank-label")
    assert [label.text for label in labels] == ["api", "service | jobs", "domain"] * 2
    nodes = dict(found["nodes"])
    assert len(labels) == len(document["ranks"])
    for label, rank in zip(labels, document["ranks"]):
        r = label.rect
        for node in rank:  # at the left of its row
            assert r["x"] + r["width"] < nodes[node][0]
            assert nodes[node][1] < r["y"] + r["height"] / 2 < nodes[node][3]


def test_the_page_says_what_was_left_out(browser: Any, tmp_path: Path) -> None:
    document = {
        "roots": ["shop"],
        "depth": 1,
        "left_out": ["12 modules below shop.legacy", "3 edges to vendored code"],
        "nodes": [{"name": "shop", "modules": 1}],
    }
    page = tmp_path / "page.html"
    page.write_text(render_html(document), "utf-8")
    browser.get(page.as_uri())

    left_out = browser.find_element("id", "left-out")
    assert left_out.text == "Left out: 12 modules below shop.legacy; 3 edges to vendored code"
    assert drawn_nodes(browser) == ["shop"]
