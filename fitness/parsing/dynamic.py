"""Calls to `importlib.import_module` and `__import__`, wherever they are.

They sit inside expressions: the one expression walk (`fitness.parsing.walk`)
collects them, in source order, with their flags (inside a function's body,
under `if TYPE_CHECKING:`); `positions` pairs the k-th call of a literal with
the k-th place it is written. The walk runs only on files whose text mentions
one of the two names, or where a configured ban can match.
"""

from __future__ import annotations

import libcst as cst

from fitness.parsing.nodes import Found
from fitness.parsing.walk import walk


def dynamic_calls(module: cst.Module) -> list[Found]:
    """Every call of a dynamic-import function, literal or not, with its flags."""
    return walk(module).calls
