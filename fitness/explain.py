"""`fitness explain`: what a rule kind checks, its keys and its examples, as text."""

from __future__ import annotations

import inspect

from fitness.checks import KINDS
from fitness.checks.docs import Example
from fitness.config.suggest import did_you_mean
from fitness.errors import UsageError


def explain(name: str | None) -> str:
    """The text `fitness explain [KIND]` prints: the kinds, or one kind in full."""
    if name is None:
        return _kinds()
    kind = KINDS.get(name)
    if kind is None:
        raise UsageError(
            f"unknown rule kind '{name}'{did_you_mean(name, KINDS)}; "
            f"known kinds: {', '.join(sorted(KINDS))}"
        )
    lines = [f"{name}: {kind.description}", "", inspect.cleandoc(type(kind).__doc__ or ""), ""]
    lines.append("Keys:")
    width = max(len(key.name) for key in kind.keys)
    default_width = max(len(key.default) for key in kind.keys)
    lines.extend(
        f"  {key.name.ljust(width)}  {key.default.ljust(default_width)}  {key.meaning}"
        for key in kind.keys
    )
    for example in kind.examples:
        lines.extend(("", *_example(example)))
    return "\n".join(lines) + "\n"


def _kinds() -> str:
    width = max(len(name) for name in KINDS)
    lines = [f"  {name.ljust(width)}  {KINDS[name].description}" for name in sorted(KINDS)]
    return "\n".join(["Rule kinds:", *lines, "", "Run `fitness explain KIND` for one."]) + "\n"


def _example(example: Example) -> list[str]:
    lines = [f"{'Valid' if example.valid else 'Invalid'} example: {example.title}"]
    for path, text in (("fitness.toml", example.rule), *example.files.items()):
        if not text:
            lines.append(f"  {path} (empty)")
            continue
        lines.append(f"  {path}")
        lines.extend(f"    {line}".rstrip() for line in text.splitlines())
    if example.valid:
        lines.append("  fitness check: no findings")
    else:
        lines.append("  fitness check:")
        lines.extend(f"    {finding}" for finding in example.findings)
    return lines
