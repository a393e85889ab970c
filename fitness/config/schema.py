"""The validated, typed and frozen configuration."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import NamedTuple, Protocol, runtime_checkable

from fitness.config.python_versions import Supported
from fitness.config.source import ConfigSource, KeyPath, Redirects, Where, locate
from fitness.config.table import ModuleRef, Table
from fitness.model import AdrStatus, ExceptionRules, Severity


class Params(Protocol):
    """What every rule kind's parsed parameters offer the configuration."""

    def module_refs(self) -> Iterable[ModuleRef]:
        """The module expressions the rule names, to check that each exists."""
        ...


@runtime_checkable
class NamesUnderModules(Protocol):
    """Parameters that name something under a module of the rule, such as `protected`'s
    `public` submodules: checked once the source roots have been read."""

    def layout_problems(self, modules: Collection[str]) -> Iterable[tuple[Where, str]]:
        """Each name that is nothing under its module, with why; `modules` are the project's."""
        ...


ParamsParser = Callable[[Table], Params]

# How a graph rule treats imports under `if TYPE_CHECKING:` and literal dynamic
# imports; `[tool.fitness]` may set the default of every rule.
IMPORT_MODES = ("check", "ignore")
RULE_DEFAULTS = ("type_checking", "dynamic")


class Rule(NamedTuple):
    """One configured rule: the table key is its id.

    `where` is the rule's table in the file that defines it: the configuration,
    or a rule pack it extends. `redirects` are the keys a configuration's
    override of a pack rule set (`allow_in`, `severity`, ...), which are
    written in the configuration instead; `locate` knows both. `tags` say what
    the rule is about (`security`): SARIF passes them to code scanning. `python`
    (`">=3.9"`) runs the rule only when every Python the project supports
    meets it.
    """

    id: str
    kind: str
    severity: Severity
    adr: str | None
    message: str | None
    include: tuple[ModuleRef, ...]
    exclude: tuple[ModuleRef, ...]
    params: Params
    where: Where
    redirects: Redirects = ()
    tags: tuple[str, ...] = ()
    more_adrs: tuple[str, ...] = ()  # `adr` may be a list: the decisions cited after the first
    python: str | None = None  # the Pythons the rule needs the project to support, as written
    suppressible: bool = True  # False: no inline suppression nor baseline entry silences it

    @property
    def adrs(self) -> tuple[str, ...]:
        """Every decision the rule cites, as written, in order."""
        return (self.adr, *self.more_adrs) if self.adr is not None else ()

    def locate(self, path: KeyPath) -> Where:
        """The file and key of `path`, a key path in the file that defines the rule."""
        return locate(self.where.source, self.redirects, path)


class AdrSettings(NamedTuple):
    """Where the ADRs live and what must cite one; `statuses` maps the project's own
    status words (lower case) to fitness's (`approved` -> accepted)."""

    dir: str | None
    require_for_rules: bool
    require_for_suppressions: bool
    statuses: tuple[tuple[str, AdrStatus], ...] = ()

    def status_words(self) -> dict[str, AdrStatus]:
        return dict(self.statuses)


class Disabled(NamedTuple):
    """A rule switched off with `enabled = false`: its id, its kind (None when its table
    names none) and where it was switched off (`pyproject.toml:12`)."""

    id: str
    kind: str | None
    where: str


class Config(NamedTuple):
    """Everything `[tool.fitness]` says, checked; `disabled` are the rules switched off."""

    source: ConfigSource
    path: Path
    project_root: Path
    source_roots: tuple[str, ...] | None
    exclude: tuple[str, ...]
    respect_gitignore: bool
    cache_dir: str
    adr: AdrSettings
    rules: tuple[Rule, ...]
    disabled: tuple[Disabled, ...] = ()
    python: Supported = Supported()  # the Pythons the project supports
    exceptions: ExceptionRules = ExceptionRules()  # [tool.fitness.exceptions]
    dormant: tuple[Rule, ...] = ()  # rules whose `python` some supported Python does not meet
    baseline: str | None = None  # `baseline = "path"`: the project's baseline, named
