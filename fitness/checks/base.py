"""What a rule kind is, and what a check is given."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from fitness.checks.docs import Example, Key
from fitness.config.schema import Params, Rule
from fitness.config.source import ConfigSource
from fitness.config.table import Table
from fitness.graph import ImportGraph
from fitness.model import FileFacts, Finding

if TYPE_CHECKING:  # a run without a `dependencies` rule never imports it
    from fitness.config.distributions import DependencyInputs

P = TypeVar("P", bound=Params)


class CheckContext(NamedTuple):
    """Everything a check may look at: the graph, its own rule, the configuration file.

    `files` maps each module under the source roots to its path (relative to the
    project root) and the facts extracted from it, for checks that look beyond
    imports (`banned-api`). `dependencies` holds the manifests and the installed
    metadata, read when a `dependencies` rule runs (None otherwise).
    """

    graph: ImportGraph
    rule: Rule
    source: ConfigSource
    config_path: str  # the configuration file, relative to the project root
    files: Mapping[str, tuple[str, FileFacts]]
    dependencies: DependencyInputs | None = None

    def applies_to(self, module: str) -> bool:
        """Whether the rule's `include` / `exclude` let it check imports made by `module`."""
        return applies_to(self.rule, module)


def applies_to(rule: Rule, module: str) -> bool:
    """Whether `rule`'s `include` / `exclude` let it check imports made by `module`."""
    if rule.include and not any(ref.expr.covers(module) for ref in rule.include):
        return False
    return not any(ref.expr.covers(module) for ref in rule.exclude)


class RuleKind(Protocol[P]):
    """A kind of rule: how to read its parameters, how to check them."""

    @property
    def description(self) -> str:
        """One line for `fitness rules` and the docs."""
        ...

    @property
    def keys(self) -> Sequence[Key]:
        """Every key `parse` reads, with its default: `fitness explain` lists them."""
        ...

    @property
    def examples(self) -> Sequence[Example]:
        """Valid and invalid mini-projects with their exact findings, run by the tests."""
        ...

    def parse(self, table: Table) -> P:
        """Read this kind's keys from the rule's table, recording every problem."""
        ...

    def summary(self, params: P) -> str:
        """The rule in one line, as `fitness rules` lists it."""
        ...

    def check(self, params: P, context: CheckContext) -> Iterable[Finding]:
        """Every finding of this rule on the graph."""
        ...
