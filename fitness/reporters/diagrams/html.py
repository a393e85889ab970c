"""One self-contained HTML page: the graph document drawn in layers, offline.

The page inlines its script and style (package data in `page/`) and holds the
document, exactly as `fitness graph --format json` prints it, in one
`<script type="application/json" id="fitness-graph">` element; the script
lays the graph out and draws it as SVG. Nothing is fetched: the page's
Content-Security-Policy allows its own script and style and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from html import escape
from importlib.resources import files
from typing import Any

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# What could end the element or the script (`</script>`, `<!--`) or a line in JavaScript.
_UNSAFE_IN_SCRIPT = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def render_html(document: Mapping[str, Any]) -> str:
    """The page of `document` (a parsed `fitness-graph` document); the same document
    gives the same page."""
    page = files("fitness.reporters.diagrams").joinpath("page")
    script = page.joinpath("graph.js").read_text(encoding="utf-8")
    style = page.joinpath("graph.css").read_text(encoding="utf-8")
    roots = ", ".join(str(root) for root in document.get("roots", []))
    parts = {
        "title": escape(f"fitness graph: {roots}, depth {document.get('depth', '')}"),
        "style": style,
        "style_hash": _csp_hash(style),
        "script": script,
        "script_hash": _csp_hash(script),
        "data": script_json(document),
    }
    template = page.joinpath("page.html").read_text(encoding="utf-8")
    # One pass, so nothing inserted is read as a placeholder.
    return _PLACEHOLDER.sub(lambda found: parts[found[1]], template)


def script_json(document: Mapping[str, Any]) -> str:
    """`document` as JSON that cannot end the `<script>` element holding it."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda found: _UNSAFE_IN_SCRIPT[found[0]], text)


def _csp_hash(text: str) -> str:
    """The CSP source that allows an inline element whose text is `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
