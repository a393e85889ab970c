"""Module names in a configuration's text, renamed: `--config-from REV` across a rename.

The configuration of REV names modules as they were at REV; a change that renamed
one is judged by that rule under the module's new name. The names are replaced
in the file's string values, a dotted name at a time (so `shop.legacy.**`
and `shop.legacy -> shop.api` follow too), and line numbers stay as they were.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A TOML string: basic ("...", with escapes) or literal ('...'), on one line.
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
# A dotted name inside it: segments of word characters or wildcards.
_NAME = re.compile(r"(?<![\w.*])[\w*]+(?:\.[\w*]+)*")


def rename_modules(text: str, moved: Mapping[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` with every module name `moved` holds (or a name under one) renamed.

    Also the renames that applied, `(old, new)` in the order first met.
    """
    if not moved:
        return text, ()
    followed: dict[str, str] = {}

    def name(match: re.Match[str]) -> str:
        dotted = match[0]
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            old = ".".join(parts[:end])
            if old in moved:
                followed.setdefault(old, moved[old])
                return ".".join([moved[old], *parts[end:]])
        return dotted

    renamed = _STRING.sub(lambda match: _NAME.sub(name, match[0]), text)
    return renamed, tuple(followed.items())
