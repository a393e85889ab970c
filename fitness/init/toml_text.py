"""Writing TOML by hand, so a draft keeps its comments and its order."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from fitness.config.source import KeyPath

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, for the characters json writes)."""
    return json.dumps(text, ensure_ascii=False)


def array(items: Sequence[str], indent: str = "", width: int = 88) -> str:
    """`["a", "b"]` on one line when it fits in `width`, else one item per line."""
    one_line = "[" + ", ".join(string(item) for item in items) + "]"
    if len(indent) + len(one_line) <= width or not items:
        return one_line
    inner = "".join(f"{indent}  {string(item)},\n" for item in items)
    return f"[\n{inner}{indent}]"


def header(prefix: KeyPath, *keys: str) -> str:
    """`[tool.fitness.rules.layers]`: the table at `keys` under the configuration's prefix."""
    parts = [str(part) for part in prefix] + list(keys)
    return "[" + ".".join(p if _BARE.fullmatch(p) else string(p) for p in parts) + "]"


def comment(text: str, width: int = 88) -> list[str]:
    """`text` as `#` lines of at most `width` characters, words kept whole."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = "#"
        for word in paragraph.split(" "):
            if len(line) + 1 + len(word) > width and line != "#":
                lines.append(line)
                line = "#"
            line += " " + word
        lines.append(line)
    return lines
