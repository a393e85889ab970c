"""Uses of banned names in one file: which names to follow, and what each use resolves to.

`follow` decides from the imports the statement walk found and from the text
whether any configured ban can match in this file (if not, the expression
walk is not entered for uses at all), and which names the walk follows.
`resolved` turns the walk's candidates into `ApiUse` records, unplaced.

What a use is: an import of a banned module (`import pickle`, `from os import
system`); a name or attribute chain whose value resolves under a banned root
(`p.loads` after `import pickle as p`: `pickle.loads`; the longest chain only,
`os.path.join`, not also `os.path`), called or not; `getattr(x, "a")` with a
literal attribute name on such a value; `importlib.import_module("m")` and
`__import__("m")` with a literal name, and the attributes taken on them; an
unbound builtin name among the banned builtins (`eval`: `builtins.eval`), or
`builtins.eval`. A ban on the project's own API (`Bans.roots` holds `.`)
follows relative imports too: their uses are named relatively (`..infra.db.connect`)
and resolved against the file's package when the rule is checked.
A name assigned such a call alone (`m = importlib.import_module("pickle")`,
`m = __import__("pickle")`, `ld = getattr(pickle, "loads")`) holds what it
returns: `m.loads(b"")` is `pickle.loads`. After `from pickle import *`, a
name the file does not bind otherwise may be `pickle.<name>` (`loads(b"")`).
A use whose first name a from-import bound carries that import's name in
`stated`. Not found: string annotations, computed names, values passed
through containers, attributes or function results.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Sequence

import libcst as cst

from fitness.model import ApiUse, Argument, Bans
from fitness.parsing.candidates import Candidate
from fitness.parsing.nodes import Found, dotted, string_value
from fitness.parsing.scopes import FROM_IMPORT, RETURNED, redirect_declared, resolve
from fitness.parsing.walk import Follow, Walked

_DYNAMIC = ("importlib", "builtins")
_LOADERS = ("importlib.import_module", "importlib.__import__", "builtins.__import__")
_TOP_LOADERS = frozenset(_LOADERS[1:])


def follow(
    found: Sequence[Found], text: str, bans: Bans, mentioned: frozenset[str]
) -> Follow | None:
    """What the expression walk must follow, or None when no ban can match in this file."""
    if not bans:
        return None
    names: set[str] = set()
    watched: set[str] = set()
    imports_banned = imports_importlib = stars = False
    for item in found:
        for root, bound, first in _aliases(item.node):
            imports_importlib = imports_importlib or root == "importlib"
            if root in bans.roots:
                imports_banned = True
                watched.add(first)
                stars = stars or not bound
            if bound and (root in bans.roots or root in _DYNAMIC):
                names.add(_normalized(bound))
                watched.add(bound)
    builtins = bans.builtins & mentioned
    dynamic = ("__import__" in mentioned or imports_importlib) and any(
        root in text for root in bans.roots
    )
    if not (imports_banned or builtins or dynamic):
        return None
    helpers = {"getattr", "__import__"} & mentioned
    held = _held_modules(text) if dynamic or helpers else set()
    star = _star_names(text) if stars else frozenset()
    names |= builtins | helpers | held | star
    watched |= builtins | helpers | held | star
    return Follow(frozenset(names), frozenset(watched), bans.roots, text.isascii(), star)


def resolved(walked: Walked, bans: Bans) -> list[tuple[ApiUse, Candidate]]:
    """The uses among the candidates, each with the candidate that places it."""
    redirect_declared(walked.scopes)
    resolver = _Resolver(bans, walked.candidates)
    inner = {id(c.inner): c for c in walked.candidates if c.kind == "call" and c.inner}
    uses: list[tuple[ApiUse, Candidate]] = []
    for candidate in walked.candidates:
        if candidate.first is None:
            continue  # a call whose callee names nothing followed
        owner = inner.get(id(candidate))
        if owner is not None and resolver.apis(owner):
            continue  # `getattr(pickle, "loads")` is one use, not two
        # A callee is a use of its own: `import_module` when `importlib` is banned too.
        for api, written, stated in resolver.apis(candidate):
            if resolver.banned(api):
                uses.append((_record(candidate, api, written)._replace(stated=stated), candidate))
    return uses


Value = tuple[str, str, str]  # the API, how the code writes it, the from-import stating it


class _Resolver:
    def __init__(self, bans: Bans, candidates: list[Candidate]) -> None:
        self.bans = bans
        self.candidates = candidates
        self.memo: dict[int, list[Value]] = {}

    def banned(self, api: str) -> bool:
        if api.startswith("."):
            return "." in self.bans.roots  # relative: judged once the file's package is known
        parts = api.split(".")
        if parts[0] in self.bans.roots:
            return True
        return parts[0] == "builtins" and len(parts) > 1 and parts[1] in self.bans.builtins

    def apis(self, candidate: Candidate) -> list[Value]:
        """(api, written, stated) for each value the candidate may have."""
        key = id(candidate)
        if key not in self.memo:
            self.memo[key] = []  # a value that depends on itself (`m = getattr(m, "a")` in a loop)
            self.memo[key] = sorted(set(self._apis(candidate)))
        return self.memo[key]

    def _apis(self, c: Candidate) -> list[Value]:
        tail = "".join(f".{attr}" for attr in c.attrs)
        if c.kind in ("import", "star"):
            return [(c.api, c.written, "")]
        if c.kind == "name":
            assert c.first is not None
            written = c.first.value + tail
            found: list[Value] = []
            for value in resolve(c.name, c.scope, c.seq, c.path):
                if value is None:
                    continue
                if value.startswith(FROM_IMPORT):
                    stated, _, rest = value[len(FROM_IMPORT) :].partition(" ")
                    found.append((stated + rest + tail, written, stated))
                elif value.startswith(RETURNED):
                    returned = self.candidates[int(value[len(RETURNED) :])]
                    found.extend((held + tail, written, "") for held in self.returns(returned))
                else:
                    found.append((value + tail, written, ""))
            return found
        if c.func is None:
            return []
        found = []
        for function, callee, _ in self.apis(c.func):
            if function in _LOADERS and c.literal:
                module = string_value(c.literal)
                if module and not module.startswith("."):
                    if function != "importlib.import_module" and c.attrs and not _from_list(c):
                        module = module.split(".")[0]  # `__import__("a.b")` is `a`
                    found.append((module + tail, f"{callee}({_source(c.literal)}){tail}", ""))
            elif function == "builtins.getattr" and c.attribute and c.inner is not None:
                attribute = string_value(c.attribute)
                if attribute:
                    for value, inner, _ in self.apis(c.inner):
                        written = f"{callee}({inner}, {_source(c.attribute)}){tail}"
                        found.append((f"{value}.{attribute}{tail}", written, ""))
        return found

    def returns(self, call: Candidate) -> list[str]:
        """What a call alone returns: the module `__import__("a.b")` gives is `a`."""
        if call.func is None:
            return []
        functions = {function for function, _, _ in self.apis(call.func)}
        top = bool(functions & _TOP_LOADERS) and not _from_list(call)
        return [value.split(".")[0] if top else value for value, _, _ in self.apis(call)]


def _record(candidate: Candidate, api: str, written: str) -> ApiUse:
    call = candidate.call
    positional: list[Argument] = []
    keywords: list[tuple[str, Argument]] = []
    star_args = star_kwargs = False
    if call is not None:
        for arg in call.args:
            if arg.star == "*":
                star_args = True
            elif arg.star == "**":
                star_kwargs = True
            elif arg.keyword is not None:
                keywords.append((_normalized(arg.keyword.value), argument(arg.value)))
            elif not star_args:
                positional.append(argument(arg.value))
    return ApiUse(
        api=api,
        written=written,
        line=0,
        column=0,
        end_line=0,
        end_column=0,
        scope=candidate.scope.qualname,
        call=call is not None,
        positional=tuple(positional),
        keywords=tuple(keywords),
        star_args=star_args,
        star_kwargs=star_kwargs,
        type_checking=candidate.checking,
        local=candidate.local,
    )


def argument(node: cst.BaseExpression) -> Argument:
    """An argument's value when it is a literal: bool, int, str (not bytes) or None."""
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return Argument(True, {"True": True, "False": False, "None": None}[node.value])
    if isinstance(node, cst.Integer):
        return Argument(True, int(node.evaluated_value))
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer)
    ):
        return Argument(True, -int(node.expression.evaluated_value))
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        if isinstance(value, str):
            return Argument(True, value)
    return Argument(False, None)


def _source(node: cst.BaseExpression) -> str:
    """A string literal as written (`"ev" "al"`, `f"exec"`)."""
    if isinstance(node, cst.SimpleString):
        return node.value
    return cst.Module([]).code_for_node(node)


_HELD = re.compile(r"(?m)^[ \t]*([^\W\d]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?(\w+)[ \t]*\(")
_IDENTIFIER = re.compile(r"(?<![\w.])[^\W\d]\w*")


def _held_modules(text: str) -> set[str]:
    """The names assigned a call that may return a module or attribute (`m = __import__(...)`)."""
    calls = ("import_module", "__import__", "getattr")
    return {name for name, callee in _HELD.findall(text) if callee in calls}


def _star_names(text: str) -> frozenset[str]:
    """The names a star import may bind: every identifier the file writes, but keywords."""
    return frozenset(_IDENTIFIER.findall(text)) - _KEYWORDS


_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)


def _from_list(candidate: Candidate) -> bool:
    """An `__import__` call given a `fromlist` (its fourth argument) returns the module itself."""
    node = candidate.node
    while isinstance(node, cst.Attribute):
        node = node.value
    if not isinstance(node, cst.Call):
        return False
    positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
    return len(positional) >= 4 or any(
        arg.keyword is not None and arg.keyword.value == "fromlist" for arg in node.args
    )


def _aliases(node: cst.CSTNode) -> list[tuple[str, str, str]]:
    """(root module, bound name, first name written) of each alias an import statement binds."""
    aliases: list[tuple[str, str, str]] = []
    if isinstance(node, cst.Import):
        for alias in node.names:
            module = dotted(alias.name)
            first = module.split(".")[0]
            bound = alias.evaluated_alias or first
            aliases.append((_normalized(first), bound, first))
    elif isinstance(node, cst.ImportFrom) and node.relative:
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                name = dotted(alias.name)
                aliases.append((".", alias.evaluated_alias or name, name))
    elif isinstance(node, cst.ImportFrom) and node.module is not None:
        root = _normalized(dotted(node.module).split(".")[0])
        if isinstance(node.names, cst.ImportStar):
            aliases.append((root, "", dotted(node.module).split(".")[0]))  # binds nothing known
        else:
            for alias in node.names:
                name = dotted(alias.name)
                aliases.append((root, alias.evaluated_alias or name, name))
    return aliases


def _normalized(name: str) -> str:
    return name if name.isascii() else unicodedata.normalize("NFKC", name)
