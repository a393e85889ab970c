"""What a rule kind documents about itself: its keys and its examples.

`fitness explain KIND` prints them, and tests/checks/test_kind_examples.py runs
every example through `fitness check`, so the documentation cannot drift from
what the kind does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from fitness.config.schema import IMPORT_MODES
from fitness.model.keys import REQUIRED, Imports, Key, Words

__all__ = ["REQUIRED", "Example", "Key", "graph_keys"]


class Example(NamedTuple):
    """A mini-project for one rule kind and the findings `fitness check` reports on it.

    `rule` is the whole rule table as it stands in `fitness.toml` (`[rules.<id>]`
    and its `kind` included); `files` maps each file, relative to the project root,
    to its exact text. Each finding is `path:line:col: rule-id: message`, in report
    order; an example without findings is a valid one.
    """

    title: str
    rule: str
    files: Mapping[str, str]
    findings: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.findings


def graph_keys() -> tuple[Key, ...]:
    """The keys every graph rule reads through `parse_graph_options`."""
    inherited = '"check" (or [tool.fitness]\'s)'
    return (
        Key(
            "ignore",
            "[]",
            "imports the rule does not count, as 'importer -> imported' "
            "(a third-party package names its submodules too)",
            Imports(),
        ),
        Key(
            "type_checking",
            inherited,
            '"ignore" leaves out imports under `if TYPE_CHECKING:`',
            Words(IMPORT_MODES),
        ),
        Key(
            "dynamic",
            inherited,
            '"ignore" leaves out literal importlib.import_module("x")',
            Words(IMPORT_MODES),
        ),
    )
