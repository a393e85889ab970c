"""Comments kept from a file: those that cite an ADR or speak to fitness."""

from __future__ import annotations

from typing import NamedTuple


class Comment(NamedTuple):
    """A comment as written, `#` included, at its 1-based line and column (code points).

    `own_line`: nothing but blanks comes before it on its line, so it speaks
    to the line below (a suppression written above the import it suppresses).
    """

    line: int
    column: int
    text: str
    own_line: bool
