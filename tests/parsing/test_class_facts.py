"""The classes and the lines of code the one libcst pass records for the metrics."""

from __future__ import annotations

import marshal

from fitness.model.classes import ClassFact, FunctionFact
from fitness.parsing.codec import decode, encode
from fitness.parsing.extract import extract

SOURCE = b'''\
"""A module.

# not a comment: a docstring line
"""
import abc
import typing as t
from abc import ABC as B, abstractmethod
from typing_extensions import Protocol

from .base import Model
from ..core import models

# a comment


class A(B):  # a comment after code
    pass


@decorated
class M(metaclass=abc.ABCMeta):
    class Inner(t.Protocol[int]):
        pass

    if flag:
        class Flagged(Model):
            pass


class P(Protocol):
    def f(self) -> None: ...


class Q(models.Base, t.Generic[T]):
    @abstractmethod
    def g(self) -> None: ...

    @abc.abstractmethod
    def h(self) -> None: ...


def f() -> None:
    class Local(B):
        pass


text = "class X: pass"
class Z(call()): pass
'''


def test_each_class_with_its_bases_and_metaclass_resolved_through_the_imports() -> None:
    assert extract(SOURCE).classes == (
        ClassFact("A", 16, ("abc.ABC",), None, False),
        ClassFact("M", 21, (), "abc.ABCMeta", False, ("decorated",)),
        ClassFact("M.Inner", 22, ("typing.Protocol",), None, False, (), 5),
        ClassFact("M.Flagged", 26, (".base.Model",), None, False, (), 9),
        ClassFact("P", 30, ("typing_extensions.Protocol",), None, False),
        ClassFact("Q", 34, ("..core.models.Base", "typing.Generic"), None, True),
        ClassFact("Z", 48, ("",), None, False),
    )


def test_the_lines_of_code_leave_out_blank_and_comment_lines_only() -> None:
    # 3 lines of the docstring (its blank line is not counted), 6 imports, then
    # 2 + 7 + 2 + 5 + 3 + 2 lines of classes, decorators and functions.
    assert extract(SOURCE).lines == 3 + 6 + 2 + 7 + 2 + 5 + 3 + 2
    assert extract(b"").lines == 0
    assert extract(b"# only\n\n   \n#\n").lines == 0
    assert extract(b"x = 1  # set\r\ny = '#'\r\n").lines == 2


def test_a_file_that_does_not_parse_has_no_lines_and_no_classes() -> None:
    facts = extract(b"class (:\n")
    assert facts.failure is not None
    assert (facts.lines, facts.classes) == (0, ())


def test_the_cache_keeps_the_classes_and_lines() -> None:
    facts = extract(SOURCE)
    again = decode(marshal.loads(marshal.dumps(encode(facts))))
    assert again == facts
    assert isinstance(again.classes[0], ClassFact)
    assert again.classes[1].abstract


FUNCTIONS = b'''
from fastapi import APIRouter as R, FastAPI
import abc
router = R()
app: FastAPI = FastAPI()
x = R(); x = 3
@router.get("/")
async def handler():
    def inner(): pass
@app.post
def other(): pass
@x.get
def third(): pass
@abc.abstractmethod
class A:
    @property
    def p(self): pass
    class B:
        async  def q(self): pass
s = """
def not_a_function(): pass
"""
'''


def test_functions_and_decorators_resolved_through_imports_and_instances() -> None:
    facts = extract(FUNCTIONS)
    assert facts.functions == (
        FunctionFact("handler", 8, 1, ("fastapi.APIRouter.get",), True),
        FunctionFact("other", 11, 1, ("fastapi.FastAPI.post",), False),
        FunctionFact("third", 13, 1, ("x.get",), False),
        FunctionFact("A.p", 17, 5, ("property",), False),
        FunctionFact("A.B.q", 19, 9, (), True),
    )
    assert facts.classes[0].decorators == ("abc.abstractmethod",)
