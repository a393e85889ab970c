"""Files no repository should contain, and what fitness must say about each.

Every case is written into a project under `tmp_path` (many are awkward to
commit: undecodable bytes, null bytes, symlinks, a 5 MB module). The project
has one rule, `no-vault`: no module under `app` may import `vault`. Each case
that fitness can read imports `vault`, so the finding it gets proves that its
imports were found, and where; a case it cannot read gets a `parse-error`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CONFIG = """\
[tool.fitness]
source_roots = ["src", "lib"]

[tool.fitness.rules.no-vault]
kind = "forbidden"
from = ["app.*"]
to = ["vault"]
"""

# The 5 MB generated module: a table of 2,000 assignments, then embedded data
# (as protobuf descriptors and bundled assets are), with an import at each end.
HUGE_SIZE = 5 * 1024 * 1024
HUGE_TABLE = 2000
DEEP = 2000
_WHERE = re.compile(r"^(.*?):(\d+):(\d+): ")


@dataclass(frozen=True)
class Case:
    """Files (path -> bytes) to write, how else to set them up, and the report lines they give."""

    name: str
    files: dict[str, bytes]
    expected: tuple[str, ...]
    setup: Callable[[Path, Path], None] | None = field(default=None, compare=False)
    notes: tuple[str, ...] = ()  # the run-level notices it gives, as the text report prints them


def vault(path: str, line: int, column: int, module: str) -> str:
    """The text-report line of the `no-vault` finding at `path`."""
    return f"{path}:{line}:{column}: no-vault: {module} must not import vault"


def parse_error(path: str, line: int, column: int, reason: str) -> str:
    return f"{path}:{line}:{column}: parse-error: {reason}"


def huge_module() -> bytes:
    """About 5 MB: `import json`, a table, 2 KB data lines, `import vault` on line `huge_line()`."""
    head = "import json\n" + "".join(f"value_{i:04} = {i}\n" for i in range(HUGE_TABLE))
    row = "    b'" + "0123456789abcdef" * 128 + "',\n"
    rows = (HUGE_SIZE - len(head)) // len(row)
    return (head + "DATA = [\n" + row * rows + "]\nimport vault\n").encode()


def huge_line() -> int:
    return huge_module().count(b"\n")


def cases() -> list[Case]:
    """Every bad input, with the lines `fitness check` must print for it."""
    app = "src/app"
    return [
        Case(
            "a violation in a good file",
            {f"{app}/good.py": b'"""Fine."""\n\nimport vault\n'},
            (vault(f"{app}/good.py", 3, 1, "app.good"),),
        ),
        Case(
            "syntax error",
            {f"{app}/broken.py": b"import vault\ndef f(:\n    pass\n"},
            (parse_error(f"{app}/broken.py", 2, 7, "syntax error: unexpected ':'"),),
        ),
        Case(
            "Python 2 print statement",
            {f"{app}/py2.py": b'import vault\nprint "x"\n'},
            (
                # The running interpreter's words and place: 3.9 points after `print`.
                parse_error(
                    f"{app}/py2.py",
                    2,
                    7,
                    "syntax error: Missing parentheses in call to 'print'."
                    ' Did you mean print("x")?',
                )
                if sys.version_info < (3, 10)
                else parse_error(
                    f"{app}/py2.py",
                    2,
                    1,
                    "syntax error: Missing parentheses in call to 'print'."
                    " Did you mean print(...)?",
                ),
            ),
        ),
        Case(
            "Python 3.12 type alias (libcst accepts it)",
            {f"{app}/alias.py": b"type Vault = int\nimport vault\n"},
            (vault(f"{app}/alias.py", 2, 1, "app.alias"),),
        ),
        Case(
            "PEP 695 generics (libcst accepts them)",
            {
                f"{app}/generic.py": b"class Box[T]:\n    pass\n\ndef f[T](x: T) -> T:\n"
                b"    import vault\n    return x\n"
            },
            (
                vault(f"{app}/generic.py", 5, 5, "app.generic")
                + "\n  app.generic -> vault (l.5, local)",
            ),
        ),
        Case(
            "latin-1 coding declaration",
            {
                f"{app}/latin.py": "# -*- coding: latin-1 -*-\nname = 'café'\nimport vault\n".encode(
                    "latin-1"
                )
            },
            (vault(f"{app}/latin.py", 3, 1, "app.latin"),),
        ),
        Case(
            "undecodable bytes",
            {f"{app}/undecodable.py": b"import vault\nname = 'caf\xe9'\n"},
            (
                parse_error(
                    f"{app}/undecodable.py",
                    2,
                    12,
                    "cannot decode as utf-8: invalid continuation byte (byte 0xe9)",
                ),
            ),
        ),
        Case(
            "UTF-8 BOM",
            {f"{app}/bom.py": b"\xef\xbb\xbfimport vault\n"},
            (vault(f"{app}/bom.py", 1, 1, "app.bom"),),
        ),
        Case(
            "CRLF line endings",
            {f"{app}/crlf.py": b"x = 1\r\n\r\nimport vault\r\n"},
            (vault(f"{app}/crlf.py", 3, 1, "app.crlf"),),
        ),
        Case(
            "lone CR line endings",
            {f"{app}/cr.py": b"x = 1\r\rif x:\r    import vault\r"},
            (vault(f"{app}/cr.py", 4, 5, "app.cr"),),
        ),
        Case(
            "tabs mixed with spaces",
            {f"{app}/tabs.py": b"import vault\nif True:\n\tx = 1\n        y = 2\n"},
            (
                parse_error(
                    f"{app}/tabs.py",
                    4,
                    1,
                    "syntax error: inconsistent use of tabs and spaces in indentation",
                ),
            ),
        ),
        Case("empty file", {f"{app}/empty.py": b""}, ()),
        Case("only comments", {f"{app}/comments.py": b"# one\n# two\n"}, ()),
        Case(
            "5 MB generated module",
            {f"{app}/huge.py": huge_module()},
            (vault(f"{app}/huge.py", huge_line(), 1, "app.huge"),),
        ),
        Case(
            f"{DEEP} nested brackets",
            {
                f"{app}/brackets.py": b"import vault\nx = "
                + b"(" * DEEP
                + b"1"
                + b")" * DEEP
                + b"\n"
            },
            (
                parse_error(
                    f"{app}/brackets.py", 2, 205, "syntax error: too many nested parentheses"
                ),
            ),
        ),
        Case(
            "1500 nested calls",  # 50 s and 5 GB in libcst, then no finding; 2,500 aborted
            {f"{app}/calls.py": b"import vault\nx = " + b"a(" * 1500 + b")" * 1500 + b"\n"},
            (parse_error(f"{app}/calls.py", 2, 406, "syntax error: too many nested parentheses"),),
        ),
        Case(
            "2900 subscripts",  # valid Python: 25 s in libcst
            {f"{app}/subscripts.py": b"import vault\nx = a" + b"[0]" * 2900 + b"\n"},
            (
                parse_error(
                    f"{app}/subscripts.py",
                    2,
                    606,
                    "more than 200 calls, subscripts or attributes in one chain: Python accepts"
                    " it, but fitness's parser would take minutes",
                ),
            ),
        ),
        Case(
            f"{DEEP} nested operators",
            {f"{app}/operators.py": b"x = " + b"not " * DEEP + b"-" * DEEP + b"y\nimport vault\n"},
            (vault(f"{app}/operators.py", 2, 1, "app.operators"),),
        ),
        Case(
            "null byte",
            {f"{app}/null.py": b"import vault\nx = '\x00'\n"},
            (
                parse_error(
                    f"{app}/null.py", 2, 6, "syntax error: source code cannot contain null bytes"
                ),
            ),
        ),
        Case(
            "directory symlink to its parent (a loop: the real directory is walked once)",
            {f"{app}/loop/__init__.py": b""},
            (),
            setup=lambda root, _: _symlink(root / app / "loop" / "again", ".."),
        ),
        Case(
            "symlinks out of the project: a file is read, a directory is reported",
            {},
            (vault(f"{app}/linked.py", 1, 1, "app.linked"),),
            setup=_outside_links,
            notes=(
                f"{app}/package is not checked: a link to a directory outside the project; "
                "its Python files are not modules of the project",
            ),
        ),
        Case(
            "directory named like a module file",
            {f"{app}/folder.py/__init__.py": b"import vault\n"},
            (),
        ),
        Case(
            "__init__.py missing in the middle of a path",
            {
                f"{app}/middle/inner/__init__.py": b"",
                f"{app}/middle/inner/deep.py": b"import vault\n",
            },
            (
                vault(f"{app}/middle/inner/deep.py", 1, 1, "app.middle")
                + "\n  app.middle.inner.deep -> vault (l.1)",
            ),
        ),
        Case(
            "the same module under two source roots",
            {"src/twice.py": b"", "lib/twice.py": b"import vault\n"},
            (
                "lib/twice.py:1:1: duplicate-module: module twice is also at src/twice.py;"
                " this copy is not checked [warning]",
            ),
        ),
        Case(
            "non-ASCII module names and identifiers",
            {
                f"{app}/café.py": "import vault\nnaïve = 1\n".encode(),
                f"{app}/menu.py": "from .café import naïve\n".encode(),
                f"{app}/compat.py": "from .cafe\u0301 import nai\u0308ve\n".encode(),
            },
            (
                vault(f"{app}/café.py", 1, 1, "app.café"),
                # Python reads identifiers NFKC-normalized: `cafe` + U+0301 is `café`.
                vault(f"{app}/compat.py", 1, 1, "app.compat")
                + "\n  app.compat -> app.café (l.1)\n  app.café -> vault (l.1)",
                vault(f"{app}/menu.py", 1, 1, "app.menu")
                + "\n  app.menu -> app.café (l.1)\n  app.café -> vault (l.1)",
            ),
        ),
        Case(
            # Once an internal error (exit 3) that left every other file unchecked.
            "a starred argument before a dynamic import's module name",
            {
                f"{app}/starred.py": b"from importlib import import_module\n"
                b"def load(*args):\n"
                b'    return import_module(*args, "x")\n'
                b"import vault\n"
            },
            (vault(f"{app}/starred.py", 4, 1, "app.starred"),),
        ),
        Case(
            "a file name that is not UTF-8",
            {},
            (
                f"{app}/bad\\xff.py:1:1: unreadable: its name is not UTF-8 (shown with \\x "
                "escapes), so no module is named for it",
            ),
            setup=lambda root, _: (root / app / os.fsdecode(b"bad\xff.py")).write_bytes(
                b"import vault\n"
            ),
        ),
    ]


def unreadable_case() -> Case:
    """A file without read permission (permissions do not apply to root)."""
    return Case(
        "file without read permission",
        {"src/app/locked.py": b"import vault\n"},
        (parse_error("src/app/locked.py", 1, 1, "cannot read: Permission denied"),),
        setup=lambda root, _: (root / "src/app/locked.py").chmod(0),
    )


def build(root: Path, outside: Path, chosen: list[Case]) -> Path:
    """Write the project with `chosen` cases into `root`; `outside` is a directory beyond it."""
    files = {
        "pyproject.toml": CONFIG.encode(),
        "src/vault.py": b"",
        "src/app/__init__.py": b"",
        "src/app/plain.py": b"import json\n",
    }
    for case in chosen:
        files.update(case.files)
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "lib").mkdir(exist_ok=True)
    for case in chosen:
        if case.setup is not None:
            case.setup(root, outside)
    return root


def report(chosen: list[Case]) -> str:
    """The findings of the text report, in its order (path, line, column, rule), no summary."""
    found = sorted((block for case in chosen for block in case.expected), key=_order)
    return "".join(block + "\n" for block in found)


def _order(line: str) -> tuple[str, int, int, str]:
    where = _WHERE.match(line)
    assert where is not None, line
    return where[1], int(where[2]), int(where[3]), line


def _symlink(link: Path, target: str | Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def _outside_links(root: Path, outside: Path) -> None:
    (outside / "real.py").write_bytes(b"import vault\n")
    (outside / "package").mkdir()
    (outside / "package" / "__init__.py").write_bytes(b"import vault\n")
    _symlink(root / "src/app/linked.py", outside / "real.py")
    _symlink(root / "src/app/package", outside / "package")
