"""Uses of names a `banned-api` rule may ban, as found in one file.

Which names are looked for depends on the configuration (`Bans`), so the facts
of a file say which bans they were gathered for (`FileFacts.examined`).
"""

from __future__ import annotations

from typing import NamedTuple, Union

Literal_ = Union[bool, int, str, None]


class Argument(NamedTuple):
    """One argument of a call: its value when it is a literal (bool, int, str, None)."""

    literal: bool  # False: an expression fitness does not evaluate; `value` is then None
    value: Literal_


class ApiUse(NamedTuple):
    """One use of a module, attribute or builtin, resolved through the file's aliases.

    `api` is the canonical dotted name: `pickle.loads` for `from pickle import
    loads as ld; ld(x)`, `pickle` for `import pickle`, `builtins.eval` for
    `eval(...)`. `written` is how the code names it (`ld`, `p.loads`,
    `getattr(pickle, "loads")`, `import pickle`). The range covers the use
    (the called expression for a call, not its arguments); `scope` is the
    qualified name of the enclosing functions and classes (`Order.save`, `""` at
    module level). For a call, `positional` and `keywords` hold its arguments
    in order; `star_args` / `star_kwargs` say whether `*x` / `**x` could add more.
    `stated` is the name a from-import bound the use's first name to
    (`pickle.load` for `from pickle import load as read; read(f)`): that
    import states the fact already. Empty for any other use.
    """

    api: str
    written: str
    line: int
    column: int
    end_line: int
    end_column: int
    scope: str
    call: bool
    positional: tuple[Argument, ...]
    keywords: tuple[tuple[str, Argument], ...]
    star_args: bool
    star_kwargs: bool
    type_checking: bool
    local: bool
    stated: str = ""


class Bans(NamedTuple):
    """What extraction looks for beyond imports: uses under these roots and builtins, and
    the sections the metrics read.

    `roots` are top-level module names (`pickle`, `xml`, `subprocess`);
    `builtins` are builtin names (`eval`, `exec`). Empty: no uses. `measures`:
    the lines of code, classes and functions are gathered too (what `metrics`,
    `classes` and plugin rules read; a run without one skips them, and with
    them the parse of every class and function statement).
    """

    roots: frozenset[str] = frozenset()
    builtins: frozenset[str] = frozenset()
    measures: bool = True

    def __bool__(self) -> bool:
        return bool(self.roots or self.builtins)


NO_BANS = Bans()
UNMEASURED = Bans(measures=False)  # imports and comments only: graph rules
