"""Reading one TOML file of the configuration: the file itself or a rule pack."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from fitness.config.source import Problem
from fitness.tree import Tree, read_text

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


_TOO_DEEP = "values nested too deeply to read"


def read_toml(path: Path, display: str, tree: Tree) -> tuple[str, dict[str, object]] | Problem:
    """The text and the document of `path` in `tree`, or the problem that stops it being read."""
    try:
        text = read_text(tree, str(path))
    except (OSError, UnicodeDecodeError) as exc:
        return Problem(display, 0, (), f"{display}: cannot read: {exc}")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _toml_error(display, text, exc)
    except RecursionError:  # arrays or tables nested thousands of levels deep
        return Problem(display, 0, (), f"{display}: invalid TOML: {_TOO_DEEP}")


def display(path: Path) -> str:
    """`path` as problems name it: relative to the current directory when it is under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def _toml_error(display: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    message = str(exc)
    place = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if place is not None:
        line, column = int(place[1]), int(place[2])
    elif message.endswith(" (at end of document)"):
        place = re.search(r" \(at end of document\)$", message)
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    if place is None:
        return Problem(display, 0, (), f"{display}: invalid TOML: {message}")
    text = f"{display}:{line}:{column}: invalid TOML: {message[: place.start()]}"
    return Problem(display, line, (), text)
