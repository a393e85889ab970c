"""Uses on real code: placed exactly as libcst places them, resolved as `symtable` resolves names.

The sample is about 40 standard-library modules. Each bans the roots of the
modules it imports at module level and a few builtins, so most of its names
are followed.
"""

from __future__ import annotations

import ast
import os
import re
import symtable
from collections.abc import Iterator
from pathlib import Path

import libcst as cst
import pytest

from fitness.model import Bans
from fitness.parsing import extract as extract_module
from fitness.parsing import placing
from fitness.parsing.extract import extract, statement_imports
from fitness.parsing.mentions import mentioned_builtins
from fitness.parsing.uses import follow, resolved
from fitness.parsing.walk import walk

_STDLIB = Path(os.__file__).parent
_BUILTINS = frozenset({"len", "isinstance", "getattr", "print", "open", "eval", "exec"})


def _sample() -> list[Path]:
    files = sorted(
        path
        for path in _STDLIB.rglob("*.py")
        if not {"site-packages", "dist-packages", "test", "tests"}
        & set(path.relative_to(_STDLIB).parts)
    )
    return files[:: max(len(files) // 40, 1)]


def _module_imports(tree: ast.Module) -> dict[str, str]:
    """Names bound at module level by `import x` / `import x as y`: name -> module."""
    bound: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname is None:
                    bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
                else:
                    bound[alias.asname] = alias.name
    return bound


def _bans(tree: ast.Module) -> Bans:
    roots = {module.split(".")[0] for module in _module_imports(tree).values()}
    return Bans(frozenset(roots), _BUILTINS)


def _parsed(path: Path) -> tuple[str, ast.Module]:
    text = extract_module.decode(path.read_bytes())
    try:
        return text, ast.parse(text)
    except SyntaxError:
        pytest.skip("not a program for this interpreter")


@pytest.mark.slow
@pytest.mark.parametrize("path", _sample(), ids=lambda path: path.relative_to(_STDLIB).as_posix())
def test_uses_are_placed_where_libcst_places_them(path: Path) -> None:
    text, tree = _parsed(path)
    bans = _bans(tree)
    module = cst.parse_module(text)
    following = follow(list(statement_imports(module)), text, bans, mentioned_builtins(text))
    if following is None:
        pytest.skip("no ban can match")
    walked = walk(module, following)
    uses = resolved(walked, bans)
    if not uses:
        pytest.skip("nothing to place")
    from_text = placing._from_text(module, text, uses, walked.occurrences)
    assert from_text is not None, "the text placement gave up"
    assert from_text == placing.exact_spans(module, [candidate.node for _, candidate in uses])


def _scopes(
    table: symtable.SymbolTable, qualname: str, kind: str
) -> Iterator[tuple[str, symtable.SymbolTable]]:
    """(qualified name as fitness gives it, table) for each function-like table in `table`.

    `qualname` and `kind` are those of `table` ("module", "class" or "function");
    a comprehension takes both from the table it is in.
    """
    for child in table.get_children():
        name = child.get_name()
        if child.get_type() == "function" and name in (
            "listcomp",
            "setcomp",
            "dictcomp",
            "genexpr",
        ):
            yield qualname, child
            yield from _scopes(child, qualname, kind)
            continue
        name = "<lambda>" if name == "lambda" else name
        if kind == "module":
            inner = name
        elif kind == "class":
            inner = f"{qualname}.{name}"
        else:
            inner = f"{qualname}.<locals>.{name}"
        if child.get_type() == "function":
            yield inner, child
            yield from _scopes(child, inner, "function")
        elif child.get_type() == "class":
            yield from _scopes(child, inner, "class")


def _rebound(text: str, name: str) -> bool:
    """Whether `name` may be bound by anything but its one module-level import."""
    word = re.escape(name)
    patterns = (
        rf"\b(?:def|class|global|nonlocal)\s+{word}\b",
        rf"\bas\s+{word}\b",
        rf"(?<![.\w]){word}\s*(?:[-+*/%&|^@]|//|>>|<<|\*\*)?=(?!=)",
        rf"\bfor\s[^:]*\b{word}\b[^:]*\bin\b",
        rf"\bimport\s+(?:[\w.]+\s*,\s*)*{word}\b",
    )
    imports = len(re.findall(rf"^import\s+{word}\s*$", text, re.MULTILINE))
    return imports != 1 or any(re.search(pattern, text) for pattern in patterns[:-1])


@pytest.mark.slow
@pytest.mark.parametrize("path", _sample(), ids=lambda path: path.relative_to(_STDLIB).as_posix())
def test_functions_that_use_an_import_are_those_where_symtable_finds_it_global(
    path: Path,
) -> None:
    text, tree = _parsed(path)
    names = {
        name
        for name, module in _module_imports(tree).items()
        if name == module and not _rebound(text, name)
    }
    if not names:
        pytest.skip("no module-level import bound only once")
    facts = extract(path.read_bytes(), Bans(frozenset(names)))
    compared = 0
    for name in sorted(names):
        tables = list(_scopes(symtable.symtable(text, str(path), "exec"), "", "module"))
        expected = {
            qualname
            for qualname, table in tables
            if name in table.get_identifiers()
            and table.lookup(name).is_referenced()
            and table.lookup(name).is_global()
        }
        local = {
            qualname
            for qualname, table in tables
            if name in table.get_identifiers() and not table.lookup(name).is_global()
        }
        found = {
            use.scope
            for use in facts.uses
            if use.local and (use.written == name or use.written.startswith(f"{name}."))
        }
        assert found - local == expected - local, name
        compared += len(expected)
    if not compared:
        pytest.skip("no function uses the imports")
