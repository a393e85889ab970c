"""The parameters of a `dependencies` rule, apart from the kind: the run reads them to
know which requirements files to read, without importing the kind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from fitness.config.manifests import Group
from fitness.config.table import ModuleRef

if TYPE_CHECKING:  # defined only when coverage is worked out
    from fitness.model.reach import Subjects


class DependenciesParams(NamedTuple):
    ignore: tuple[str, ...]  # distributions never reported unused, normalised
    module_map: tuple[tuple[str, str], ...]  # module prefix -> distribution
    allow: tuple[tuple[ModuleRef, tuple[str, ...]], ...]  # package -> distributions
    requirements: tuple[tuple[str, Group], ...]  # requirements files and their group
    dev_extras: tuple[str, ...]
    tests: tuple[ModuleRef, ...]

    def module_refs(self) -> Iterable[ModuleRef]:
        return (*(ref for ref, _ in self.allow), *self.tests)

    def subjects(self) -> Subjects:
        """Every module's imports are examined; `allow` and `tests` only qualify some."""
        from fitness.model.reach import Subjects

        return Subjects(None, only_imports=False)
