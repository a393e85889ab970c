"""`fitness explain`: what a rule kind checks, its keys and its examples, as text; or what a
configured rule does for this project."""

from __future__ import annotations

import inspect

from fitness.checks import KINDS
from fitness.checks.docs import Example
from fitness.config.keys import RULE_KEYS
from fitness.config.python_versions import unmet
from fitness.config.schema import Config, Rule
from fitness.errors import UsageError
from fitness.model import BUILT_IN_KINDS, built_in_kind
from fitness.suggest import did_you_mean


def explain(name: str | None) -> str:
    """The text `fitness explain [KIND]` prints: the kinds, or one kind in full.

    KIND may also be a built-in finding id (`adr-missing`, `parse-error`, ...).
    """
    if name is None:
        return _kinds()
    built_in = built_in_kind(name)
    if built_in is not None:
        return (
            f"{name}: {built_in.summary} (built-in, {built_in.severity.value})\n\n"
            f"{built_in.description}\n\nTo fix: {built_in.help}\n"
        )
    kind = KINDS.get(name)
    if kind is None:
        known = [*KINDS, *(k.id for k in BUILT_IN_KINDS)]
        raise UsageError(
            f"unknown rule kind '{name}'{did_you_mean(name, known)}; "
            f"known kinds: {', '.join(sorted(KINDS))}"
        )
    lines = [f"{name}: {kind.description}", "", inspect.cleandoc(type(kind).__doc__ or ""), ""]
    lines.append("Keys:")
    width = max(len(key.name) for key in kind.keys)
    default_width = max(len(key.default) for key in kind.keys)
    for key in kind.keys:
        lines.append(
            f"  {key.name.ljust(width)}  {key.default.ljust(default_width)}  {key.meaning}"
        )
        lines.append(f"  {''.ljust(width)}  type: {key.type.words()}")
    lines.append(_EVERY_RULE)
    for example in kind.examples:
        lines.extend(("", *_example(example)))
    return "\n".join(lines) + "\n"


_EVERY_RULE = (
    "Every rule also takes: "
    + ", ".join(key.name for key in RULE_KEYS if key.name != "kind")
    + " (`fitness schema` describes each)"
)


def is_known(name: str) -> bool:
    """Whether `name` is a rule kind or a built-in finding id, which `explain` describes."""
    return name in KINDS or built_in_kind(name) is not None


def explain_rule(config: Config, rule: Rule) -> str:
    """The text `fitness explain RULE` prints for a configured rule."""
    shown = rule.where.source.display
    lines = [
        f"{rule.id}: a {rule.kind} rule ({rule.severity.value}), defined in {shown}",
        f"  {KINDS[rule.kind].summary(rule.params)}",
    ]
    project = config.python.describe()
    if rule.python is None:
        lines.append("python: any (the rule says nothing of the Python version)")
    elif rule in config.dormant:
        short = unmet(rule.python, config.python)
        lacking = ", ".join(short[:3]) + (" and more" if len(short) > 3 else "")
        lines.append(
            f"python: {rule.python}: not run, since the project supports {project}, "
            f"and {lacking} {'does' if len(short) == 1 else 'do'} not meet it"
        )
    else:
        lines.append(
            f"python: {rule.python}: run, since every Python the project supports "
            f"({project}) meets it"
        )
    if not rule.suppressible:
        lines.append(
            "suppressible: no (suppressible = false): no inline suppression nor baseline "
            "entry silences its findings"
        )
    lines.append(f"Run `fitness explain {rule.kind}` for what the kind checks and its keys.")
    return "\n".join(lines) + "\n"


def _kinds() -> str:
    width = max(len(name) for name in KINDS)
    lines = [f"  {name.ljust(width)}  {KINDS[name].description}" for name in sorted(KINDS)]
    built = max(len(kind.id) for kind in BUILT_IN_KINDS)
    found = [f"  {kind.id.ljust(built)}  {kind.summary}" for kind in BUILT_IN_KINDS]
    return (
        "\n".join(
            [
                "Rule kinds:",
                *lines,
                "",
                "Built-in findings (no rule makes them; they always run):",
                *found,
                "",
                "Run `fitness explain KIND` for one.",
            ]
        )
        + "\n"
    )


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
