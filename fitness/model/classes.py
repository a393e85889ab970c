"""The classes and functions one file defines: what the metrics (abstractness) and
the `classes` rules read.

Fields are added at the end with defaults, so records built by older code keep
working (issue 28 added decorators, columns and the functions).

Decorators are resolved like bases: the call is stripped (`@router.get("/")` is
`router.get`) and the first name is resolved through the module-level imports
(`from fastapi import APIRouter as R` makes `@R.get` `fastapi.APIRouter.get`).
One more exact rule: a name that the module binds once, at module level, to a
call of a resolved name (`router = APIRouter()`, `app: FastAPI = FastAPI()`)
stands for an instance of it, so `@router.get` is `fastapi.APIRouter.get`; a
name bound twice, or also by an import, is kept as written.
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
    decorators: tuple[str, ...] = ()  # resolved, in source order
    column: int = 1  # of the `class` keyword

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


class FunctionFact(NamedTuple):
    """One `def` at module level or in a class body (a method), not inside a function.

    `name` is qualified within its module (`Order.total`); `line` and `column` are
    those of the `def` keyword (of `async` for `async def`); `decorators` are
    resolved as the module docstring says.
    """

    name: str
    line: int
    column: int
    decorators: tuple[str, ...]
    is_async: bool
