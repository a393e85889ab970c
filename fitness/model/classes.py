"""The classes one file defines, as the metrics read them (abstractness).

Issue 28 adds decorators and `async` to these records: fields are added at the
end with defaults, so records built by older code and the cache's codec keep working.
"""

from __future__ import annotations

from typing import NamedTuple

# The names that make a class abstract, once its bases and decorators are resolved.
ABSTRACT_BASES = frozenset({"abc.ABC"})
ABSTRACT_METACLASSES = frozenset({"abc.ABCMeta"})
PROTOCOLS = frozenset({"typing.Protocol", "typing_extensions.Protocol"})


class ClassFact(NamedTuple):
    """One class statement at module level or inside another class (not inside a function).

    `name` is qualified within its module (`Order.Line`). `bases` and `metaclass`
    are resolved through the file's module-level imports (`from abc import ABC as B;
    class X(B)` gives `abc.ABC`), subscripts dropped (`Protocol[T]` is
    `typing.Protocol`); a name the imports do not bind is kept as written, with
    the leading dots of a relative import (`.base.Model`). `abstract_methods`:
    the class body defines a method decorated with `abc.abstractmethod` (resolved
    alike).
    """

    name: str
    line: int
    bases: tuple[str, ...]
    metaclass: str | None
    abstract_methods: bool

    @property
    def protocol(self) -> bool:
        return any(base in PROTOCOLS for base in self.bases)

    @property
    def abstract(self) -> bool:
        """A base resolves to `abc.ABC`, the metaclass to `abc.ABCMeta`, it defines an
        abstract method, or it is a Protocol. A subclass of an abstract class that
        meets none of these itself is concrete: it is meant to implement them."""
        return (
            self.abstract_methods
            or self.metaclass in ABSTRACT_METACLASSES
            or any(base in ABSTRACT_BASES or base in PROTOCOLS for base in self.bases)
        )
