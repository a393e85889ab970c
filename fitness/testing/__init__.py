"""Testing rule kinds by their own examples: the harness fitness's built-in kinds use.

A kind's `examples` (`fitness.api.Example`) are mini-projects written as a dict
of files with the exact findings `fitness check` must report on them. This
module turns each into a project in a directory, runs the real check on it, and
compares; it needs no test framework:

    from fitness.testing import check_example
    for example in MyKind().examples:
        with tempfile.TemporaryDirectory() as root:
            check_example("my-kind", example, Path(root))  # raises ExampleFailure

It is also a pytest plugin: `pytest -p fitness.testing` collects every example
of the kinds that installed plugins declare (the `fitness.kinds` entry points)
as a test item, with two more items per kind (it has a valid and an invalid
example; the keys it lists are the keys its parser reads). `--fitness-kinds=a,b`
or the ini setting `fitness_kinds` name the kinds instead (built-in or plugin).
pytest is imported only by `fitness.testing.items`, when pytest runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fitness.checks import KINDS, PARSERS
from fitness.checks.base import RuleKind
from fitness.checks.docs import Example

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


class ExampleFailure(AssertionError):
    """An example did not give exactly its findings, or a kind breaks what it declares."""


def write_example(root: Path, example: Example) -> None:
    """The example's project under `root`: its rule as `fitness.toml`, then its files."""
    (root / "fitness.toml").write_text(example.rule, encoding="utf-8")
    for relative, text in example.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def example_findings(root: Path, kind: str | None = None) -> tuple[str, ...]:
    """What `fitness check` finds in the project at `root`, one `path:line:col: rule-id:
    message` per finding in report order. `kind`: the configuration must hold exactly one
    rule, of this kind, and load without a problem."""
    from fitness import app
    from fitness.config.load import load_config

    config, problems = load_config(root / "fitness.toml", PARSERS)
    if problems.messages():
        raise ExampleFailure(
            "the example's configuration has problems:\n" + _lines(problems.messages())
        )
    kinds = [rule.kind for rule in config.rules]
    if kind is not None and kinds != [kind]:
        raise ExampleFailure(f"the example's rules are of kinds {kinds}, expected ['{kind}']")
    report = app.check(app.CheckOptions(root, None, "never"), clock=lambda: 0.0)
    return tuple(
        f"{f.location.path}:{f.location.line}:{f.location.column}: {f.rule_id}: {f.message}"
        for f in report.findings
    )


def check_example(kind: str, example: Example, root: Path) -> None:
    """Write `example` under `root` (an empty directory), check it, and raise
    `ExampleFailure` unless it gives exactly `example.findings`, in order."""
    write_example(root, example)
    found = example_findings(root, kind)
    if found != tuple(example.findings):
        raise ExampleFailure(
            f"{kind} example {example.title!r}:\n"
            f"expected:\n{_lines(example.findings)}\nfound:\n{_lines(found)}"
        )


def check_has_both(kind: str) -> None:
    """Raise `ExampleFailure` unless the kind has a valid and an invalid example."""
    examples = KINDS[kind].examples
    if not [e for e in examples if e.valid]:
        raise ExampleFailure(f"{kind} has no valid example")
    if not [e for e in examples if not e.valid]:
        raise ExampleFailure(f"{kind} has no invalid example")


def check_keys(kind: str) -> None:
    """Raise `ExampleFailure` unless the keys the kind lists (`fitness explain` shows them)
    are exactly the keys its parser reads, each once: a listed key is never unknown."""
    from fitness.config.source import ConfigSource, Problems
    from fitness.config.table import Table

    found: RuleKind[Any] = KINDS[kind]
    listed = [key.name for key in found.keys]
    if len(listed) != len(set(listed)):
        raise ExampleFailure(f"{kind} lists a key twice: {listed}")
    read: set[str] = set()
    tables: list[dict[str, object]] = [{}, *(_rule_table(e) for e in found.examples)]
    for data in tables:
        table = Table(data, ("rules", "x"), Problems(ConfigSource.from_text("x.toml", "", ())))
        found.parse(table)
        read |= table.read_keys()
    if sorted(read) != sorted(listed):
        raise ExampleFailure(f"{kind} lists the keys {sorted(listed)} but reads {sorted(read)}")


def examples_of(kinds: Sequence[str]) -> list[tuple[str, str, Example]]:
    """(kind, test id, example) for each example of `kinds`: ids read `KIND-valid-0`."""
    return [
        (name, f"{name}-{'valid' if example.valid else 'invalid'}-{index}", example)
        for name in kinds
        for index, example in enumerate(KINDS[name].examples)
    ]


def plugin_kinds() -> list[str]:
    """The kinds that installed distributions declare in the `fitness.kinds` group."""
    from fitness.checks.plugins import declared

    return sorted({point.name for point in declared()})


def pytest_addoption(parser: Any) -> None:
    """`--fitness-kinds` / `fitness_kinds`: the kinds whose examples pytest collects."""
    help = "rule kinds whose examples run as tests (default: every installed plugin's kinds)"
    parser.addoption("--fitness-kinds", default=None, help=help + ", comma-separated")
    parser.addini("fitness_kinds", help, type="args", default=[])


def pytest_configure(config: Any) -> None:
    from fitness.testing.items import ExamplesPlugin

    config.pluginmanager.register(ExamplesPlugin(config), "fitness-examples")


def _rule_table(example: Example) -> dict[str, object]:
    """The example's rule table without `kind` (which the rule loader reads, not the kind)."""
    document: dict[str, Any] = tomllib.loads(example.rule)
    (table,) = document["rules"].values()
    return {key: value for key, value in table.items() if key != "kind"}


def _lines(lines: Sequence[str]) -> str:
    return "\n".join(f"  {line}" for line in lines) if lines else "  (none)"
