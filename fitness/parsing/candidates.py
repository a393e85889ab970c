"""What the walk records about the expressions that may use a banned name.

A candidate is an expression whose value the walk can name once the names in
it are resolved: a name or an attribute chain on a name (`p.loads`), an
import alias, or a call that may be `getattr(x, "attr")`,
`importlib.import_module("m")` or `__import__("m")`, with the attributes taken
on its result. `fitness.parsing.uses` resolves them into `ApiUse` records.
"""

from __future__ import annotations

import libcst as cst

from fitness.parsing.scopes import Path, Scope


class Candidate:
    """One expression or import alias that may use a banned name, and where it stands."""

    __slots__ = (
        "api",
        "attribute",
        "attrs",
        "call",
        "checking",
        "first",
        "func",
        "inner",
        "kind",
        "literal",
        "local",
        "name",
        "node",
        "path",
        "scope",
        "seq",
        "written",
    )

    def __init__(
        self,
        kind: str,
        node: cst.CSTNode,
        first: cst.Name | None,
        scope: Scope,
        seq: int,
        path: Path,
        local: bool,
        checking: bool,
    ) -> None:
        self.kind = kind  # "name", "import", "star" or "call"
        self.node = node  # the expression (or alias, or statement) the use covers
        self.first = first  # its first name, which places it in the text
        self.scope = scope
        self.seq = seq
        self.path = path
        self.local = local
        self.checking = checking
        self.name = ""  # "name": the (normalized) name the chain starts from
        self.attrs: tuple[str, ...] = ()  # attributes taken after the name or the call
        self.call: cst.Call | None = None  # the call whose callee this expression is
        self.func: Candidate | None = None  # "call": the callee
        self.inner: Candidate | None = None  # "call": the first argument, for getattr
        self.literal: cst.BaseExpression | None = None  # "call": the first argument, a string
        self.attribute: cst.BaseExpression | None = None  # "call": the second, a string
        self.api = ""  # "import", "star": the name imported
        self.written = ""  # "import", "star": the statement as written for this alias
