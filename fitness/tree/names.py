"""File names that are not UTF-8: told apart, and shown without breaking an output.

A file name is any bytes on a POSIX system (and in a git tree); Python hands
the bytes that are not UTF-8 over as lone surrogates (`\\udce9` for 0xE9), which
no UTF-8 output can hold. So such a name is shown with the bytes escaped
(`caf\\xe9.py`), the way `ls --quoting-style=escape` shows it.
"""

from __future__ import annotations

# Why a Python file or directory with such a name is not analysed (an `unreadable` finding).
NAME_NOT_UTF8 = "its name is not UTF-8 (shown with \\x escapes), so no module is named for it"


def undecodable(name: str) -> bool:
    """Whether `name` holds bytes that are not UTF-8 (as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def shown(name: str) -> str:
    """`name` printable in UTF-8: each byte that is not UTF-8 written `\\xNN`."""
    if not undecodable(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        return name.encode("utf-8", "backslashreplace").decode("ascii")
    return raw.decode("utf-8", "backslashreplace")
