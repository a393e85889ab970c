from __future__ import annotations

import sys
from typing import Any

import pytest

from fitness.config.toml_positions import KeyPath, key_lines, line_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

PYPROJECT_LINES = [
    "# A pyproject-like document",  # 1
    "[project]",  # 2
    'name = "demo"',  # 3
    "dependencies = [\"click>=8\", 'libcst']",  # 4
    "",  # 5
    "[tool.fitness]",  # 6
    'root = "src"',  # 7
    '"my.key" = 1',  # 8
    'site."a.b".c = true',  # 9
    "",  # 10
    "[tool.fitness.rules.layered-architecture]",  # 11
    "layers = [",  # 12
    '    "app",',  # 13
    "    # the domain sits in the middle",  # 14
    '    "domain",  # trailing comment',  # 15
    '    "infra",',  # 16
    "]",  # 17
    'adr = "docs/adr/0001.md"',  # 18
    "",  # 19
    "[tool.fitness.rules.no-shell]",  # 20
    'kind = "forbidden-call"',  # 21
    "apis = [",  # 22
    '    { name = "os.system" },',  # 23
    '    { name = "subprocess.run", when = { shell = true } },',  # 24
    "]",  # 25
    "since = 1979-05-27 07:32:00Z",  # 26
    'description = """',  # 27
    "Looks like a header:",  # 28
    "[fake.header]",  # 29
    "key = 1 \\",  # 30
    '   an escaped quote \\""" and "quotes"',  # 31
    '"""',  # 32
    "note = '''",  # 33
    "[another.fake]",  # 34
    "x = 2'''",  # 35
    'last = "end" # comment with "quotes" = [x]',  # 36
]
PYPROJECT = "\n".join(PYPROJECT_LINES) + "\n"

FITNESS = ("tool", "fitness")
LAYERED = (*FITNESS, "rules", "layered-architecture")
NO_SHELL = (*FITNESS, "rules", "no-shell")

PYPROJECT_EXPECTED: dict[KeyPath, int] = {
    ("project",): 2,
    ("project", "name"): 3,
    ("project", "dependencies"): 4,
    ("project", "dependencies", 0): 4,
    ("project", "dependencies", 1): 4,
    ("tool",): 6,
    FITNESS: 6,
    (*FITNESS, "root"): 7,
    (*FITNESS, "my.key"): 8,
    (*FITNESS, "site"): 9,
    (*FITNESS, "site", "a.b"): 9,
    (*FITNESS, "site", "a.b", "c"): 9,
    (*FITNESS, "rules"): 11,
    LAYERED: 11,
    (*LAYERED, "layers"): 12,
    (*LAYERED, "layers", 0): 13,
    (*LAYERED, "layers", 1): 15,
    (*LAYERED, "layers", 2): 16,
    (*LAYERED, "adr"): 18,
    NO_SHELL: 20,
    (*NO_SHELL, "kind"): 21,
    (*NO_SHELL, "apis"): 22,
    (*NO_SHELL, "apis", 0): 23,
    (*NO_SHELL, "apis", 0, "name"): 23,
    (*NO_SHELL, "apis", 1): 24,
    (*NO_SHELL, "apis", 1, "name"): 24,
    (*NO_SHELL, "apis", 1, "when"): 24,
    (*NO_SHELL, "apis", 1, "when", "shell"): 24,
    (*NO_SHELL, "since"): 26,
    (*NO_SHELL, "description"): 27,
    (*NO_SHELL, "note"): 33,
    (*NO_SHELL, "last"): 36,
}

ARRAY_OF_TABLES = "\n".join(
    [
        "[[fruits]]",  # 1
        'name = "apple"',  # 2
        "[fruits.physical]",  # 3
        'color = "red"',  # 4
        "[[fruits.varieties]]",  # 5
        'name = "red delicious"',  # 6
        "[[fruits.varieties]]",  # 7
        'name = "granny smith"',  # 8
        "",  # 9
        "[[fruits]]",  # 10
        'name = "banana"',  # 11
        "[[fruits.varieties]]",  # 12
        'name = "plantain"',  # 13
    ]
)

QUOTED_KEYS = "\n".join(
    [
        '"my.key" = 1',  # 1
        "'lit.key\\n' = 2",  # 2
        '"caf\\u00e9 \\"q\\"" = 3',  # 3
        '"tab\\tand\\\\slash" = 4',  # 4
        '"\\U0001F600" = 5',  # 5
        '"" = 6',  # 6
        "[ \"a.b\" . 'c' ]",  # 7
        "d = 7",  # 8
    ]
)

INLINE_TABLES = "\n".join(
    [
        'x = { a = 1, b = [1, [2, 3]], c.d = "s" }',  # 1
        "y = [",  # 2
        "  [1, 2],",  # 3
        "  [",  # 4
        "    { z = 3 },",  # 5
        "  ],",  # 6
        "  'after',",  # 7
        "]",  # 8
    ]
)

TRICKY_STRINGS = "\n".join(
    [
        's = """a"""""',  # 1
        "t = '''it's'''''",  # 2
        'u = """\\\\"""',  # 3
        'v = "# not a comment" # a comment',  # 4
        "w = '\\'",  # 5
        "k = 1",  # 6
    ]
)

DOCUMENTS = [PYPROJECT, ARRAY_OF_TABLES, QUOTED_KEYS, INLINE_TABLES, TRICKY_STRINGS]


def _parsed_paths(value: Any, prefix: KeyPath = ()) -> list[KeyPath]:
    """Every key path of a parsed TOML value, parents before children."""
    children: list[tuple[str | int, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    paths: list[KeyPath] = []
    for key, child in children:
        path = (*prefix, key)
        paths.append(path)
        paths.extend(_parsed_paths(child, path))
    return paths


def test_pyproject_like_document() -> None:
    assert key_lines(PYPROJECT) == PYPROJECT_EXPECTED


def test_crlf_line_endings_give_the_same_lines() -> None:
    assert key_lines(PYPROJECT.replace("\n", "\r\n")) == PYPROJECT_EXPECTED
    assert key_lines("a = 1\r\n\r\n[b]\r\nc = [\r\n  1,\r\n  2,\r\n]\r\n") == {
        ("a",): 1,
        ("b",): 3,
        ("b", "c"): 4,
        ("b", "c", 0): 5,
        ("b", "c", 1): 6,
    }


def test_array_of_tables() -> None:
    assert key_lines(ARRAY_OF_TABLES) == {
        ("fruits",): 1,
        ("fruits", 0): 1,
        ("fruits", 0, "name"): 2,
        ("fruits", 0, "physical"): 3,
        ("fruits", 0, "physical", "color"): 4,
        ("fruits", 0, "varieties"): 5,
        ("fruits", 0, "varieties", 0): 5,
        ("fruits", 0, "varieties", 0, "name"): 6,
        ("fruits", 0, "varieties", 1): 7,
        ("fruits", 0, "varieties", 1, "name"): 8,
        ("fruits", 1): 10,
        ("fruits", 1, "name"): 11,
        ("fruits", 1, "varieties"): 12,
        ("fruits", 1, "varieties", 0): 12,
        ("fruits", 1, "varieties", 0, "name"): 13,
    }


def test_dotted_keys_record_implicit_parents_at_their_first_occurrence() -> None:
    assert key_lines("a.b.c = 1\na . b.d = 2\na.e = 3\n") == {
        ("a",): 1,
        ("a", "b"): 1,
        ("a", "b", "c"): 1,
        ("a", "b", "d"): 2,
        ("a", "e"): 3,
    }


def test_quoted_keys_are_single_decoded_parts() -> None:
    assert key_lines(QUOTED_KEYS) == {
        ("my.key",): 1,
        ("lit.key\\n",): 2,
        ('café "q"',): 3,
        ("tab\tand\\slash",): 4,
        ("\U0001f600",): 5,
        ("",): 6,
        ("a.b",): 7,
        ("a.b", "c"): 7,
        ("a.b", "c", "d"): 8,
    }


def test_headers_imply_ancestors_and_explicit_headers_define_their_own_line() -> None:
    assert key_lines("[a.b.c]\nx = 1\n[a]\ny = 2\n[a.d]\n") == {
        ("a",): 3,
        ("a", "b"): 1,
        ("a", "b", "c"): 1,
        ("a", "b", "c", "x"): 2,
        ("a", "y"): 4,
        ("a", "d"): 5,
    }


def test_inline_tables_and_nested_arrays() -> None:
    assert key_lines(INLINE_TABLES) == {
        ("x",): 1,
        ("x", "a"): 1,
        ("x", "b"): 1,
        ("x", "b", 0): 1,
        ("x", "b", 1): 1,
        ("x", "b", 1, 0): 1,
        ("x", "b", 1, 1): 1,
        ("x", "c"): 1,
        ("x", "c", "d"): 1,
        ("y",): 2,
        ("y", 0): 3,
        ("y", 0, 0): 3,
        ("y", 0, 1): 3,
        ("y", 1): 4,
        ("y", 1, 0): 5,
        ("y", 1, 0, "z"): 5,
        ("y", 2): 7,
    }


def test_string_edge_cases_do_not_confuse_the_scanner() -> None:
    assert key_lines(TRICKY_STRINGS) == {
        ("s",): 1,
        ("t",): 2,
        ("u",): 3,
        ("v",): 4,
        ("w",): 5,
        ("k",): 6,
    }


def test_line_of_falls_back_to_the_nearest_ancestor() -> None:
    lines = key_lines(PYPROJECT)
    assert line_of(lines, (*LAYERED, "layers", 1)) == 15
    assert line_of(lines, (*LAYERED, "layers", 7)) == 12
    assert line_of(lines, (*LAYERED, "missing", "deeper")) == 11
    assert line_of(lines, (*NO_SHELL, "apis", 1, "when", "cwd")) == 24
    assert line_of(lines, ("nope",)) == 1
    assert line_of(lines, ()) == 1
    assert line_of({}, ("a", 0)) == 1


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_parsed_key_path_has_a_line(document: str) -> None:
    lines = key_lines(document)
    paths = _parsed_paths(tomllib.loads(document))
    assert paths
    assert [path for path in paths if path not in lines] == []
    assert set(lines) == set(paths)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_truncated_or_broken_input_never_raises(document: str) -> None:
    for end in range(len(document) + 1):
        key_lines(document[:end])
    for junk in (
        "=",
        "[",
        "[[a]",
        'a = "',
        "a = '''",
        'a = { b = "\\q" }',
        '"\\q" = 1',
        "\ufeffa = 1",
        "a = @",
    ):
        assert isinstance(key_lines(junk), dict)
