"""Bytes to text as the interpreter reads them: the coding declarations it accepts, and refuses."""

from __future__ import annotations

import encodings.aliases
import warnings

import pytest

from fitness.model import FileFacts, ParseFailure, RawImport
from fitness.parsing.extract import extract

BOM = b"\xef\xbb\xbf"
IMPORT_A = RawImport("a", 0, (), 2, 1, 2, 9, False, False, False)


def interpreter_accepts(data: bytes) -> bool:
    """What `import` does with the file: `compile` reads the bytes with the same tokenizer."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, "<file>", "exec")
    except (SyntaxError, ValueError):  # Python 3.9 refuses a null byte with ValueError
        return False
    return True


# CPython folds the first 12 characters of the name (lower case, `_` as `-`) onto
# "utf-8" and "iso-8859-1" before it looks the codec up; with a BOM, only names
# that fold onto "utf-8" are accepted (Python 3.9 to 3.13 alike).
_UTF_8_WITH_BOM = ["utf-8", "UTF-8", "utf_8", "Utf_8", "utf-8-sig", "utf_8_sig", "utf-8-anything"]
_REFUSED_WITH_BOM = ["utf8", "UTF8", "u8", "utf", "cp65001", "utf-8x", "latin-1", "ascii"]


@pytest.mark.parametrize("name", _UTF_8_WITH_BOM)
def test_a_bom_with_a_name_python_reads_as_utf_8_is_accepted(name: str) -> None:
    data = BOM + f"# coding: {name}\nimport a\n".encode()
    assert interpreter_accepts(data)
    assert extract(data) == FileFacts((IMPORT_A,), None, lines=1)


@pytest.mark.parametrize("name", _REFUSED_WITH_BOM)
def test_a_bom_with_any_other_name_is_refused_as_python_refuses_it(name: str) -> None:
    data = BOM + f"# coding: {name}\nimport a\n".encode()
    assert not interpreter_accepts(data)
    assert extract(data) == FileFacts(
        (), ParseFailure(f"the file starts with a UTF-8 BOM but declares '{name}'", 1, 1)
    )


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8", "utf-8"),
        ("u8", "utf-8"),
        ("utf-8-anything", "utf-8"),
        ("latin-1-anything", "latin-1"),
        ("iso_latin_1", "latin-1"),
        ("ISO_8859_1", "latin-1"),
    ],
)
def test_names_python_folds_onto_utf_8_or_latin_1_are_read_without_a_bom(
    name: str, encoding: str
) -> None:
    data = f"# coding: {name}\n# caf\xe9\nimport a\n".encode(encoding)
    assert interpreter_accepts(data)
    imports = (RawImport("a", 0, (), 3, 1, 3, 9, False, False, False),)
    assert extract(data) == FileFacts(imports, None, lines=1)


@pytest.mark.parametrize("name", ["hex", "rot13", "base64", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(name: str) -> None:
    data = f"# coding: {name}\nimport a\n".encode()
    assert not interpreter_accepts(data)
    assert extract(data) == FileFacts(
        (), ParseFailure(f"'{name}' in the coding declaration is not a text encoding", 1, 1)
    )


def test_a_codec_that_fails_without_saying_where_is_refused_at_the_declaration() -> None:
    data = b"#!/usr/bin/env python\n# coding: undefined\nimport a\n"
    assert not interpreter_accepts(data)
    assert extract(data) == FileFacts(
        (), ParseFailure("cannot decode as undefined: undefined encoding", 2, 1)
    )


def test_a_utf_16_declaration_decodes_what_python_decodes_and_refuses_it_alike() -> None:
    data = b"# coding: utf-16\nimport a\n"  # ASCII read two bytes at a time: no Python
    assert not interpreter_accepts(data)
    assert extract(data) == FileFacts(
        (), ParseFailure("syntax error: invalid character '\u2023' (U+2023)", 1, 1)
    )


def test_every_codec_python_knows_is_accepted_or_refused_as_python_does() -> None:
    names = sorted({*encodings.aliases.aliases, *encodings.aliases.aliases.values()})
    bodies = [b"import a\n", b"import a\nx = 'caf\xe9'\n", b"import a\nx = '\xff\xfe\x00'\n"]
    disagreements = [
        (name, bom, body)
        for name in names
        for bom in (b"", BOM)
        for body in bodies
        if interpreter_accepts(data := bom + f"# coding: {name}\n".encode() + body)
        != (extract(data).failure is None)
    ]
    assert len(names) > 300
    assert disagreements == []
