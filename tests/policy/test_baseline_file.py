"""The baseline file: entries from findings, its exact text, reading it back and refusing others."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.errors import UsageError
from fitness.model import BaselineEntry, Finding, Hop, Location, Routes, Severity, Site
from fitness.policy.baseline import entries_of, read, render, summary, write


def chain_finding(rule: str, path: str, line: int, importer: str, imported: str) -> Finding:
    site = Site(Location(path, line, 1, line, 20), False, False, False)
    hop = Hop(f"{importer}.m", f"{imported}.m", (site,))
    other = Hop(f"{importer}.n", f"{imported}.m", (site._replace(location=site.location),))
    return Finding(
        rule,
        Severity.ERROR,
        "{importer} must not import {imported}",
        (("imported", imported), ("importer", importer)),
        site.location,
        ((hop,),),
        (importer, imported),
        None,
        None,
        (rule, importer, imported),
        Routes((hop, other)),
    )


def ban_finding(path: str, line: int, scope: str, occurrence: int) -> Finding:
    return Finding(
        "ban",
        Severity.ERROR,
        "{api} is banned",
        (("api", "pickle.loads"),),
        Location(path, line, 5, line, 17),
        (),
        ("app.m",),
        None,
        None,
        ("ban", "app.m", "pickle.loads", scope, str(occurrence)),
    )


LAYER_B = chain_finding("layers", "src/app/g/b.py", 1, "app.g", "app.b")
LAYER_A = chain_finding("layers", "src/app/g/a.py", 4, "app.g", "app.a")
BAN = ban_finding("src/app/m.py", 7, "Store.load", 1)


def test_entries_are_one_per_fingerprint_counted_and_sorted_by_rule_and_summary() -> None:
    twin = LAYER_A._replace(location=LAYER_A.location._replace(line=40, end_line=40))

    a_imports = ("app.g.m -> app.a.m", "app.g.n -> app.a.m")
    b_imports = ("app.g.m -> app.b.m", "app.g.n -> app.b.m")
    assert entries_of([LAYER_B, LAYER_A, BAN, twin]) == [
        BaselineEntry(BAN.fingerprint, "ban", "app.m pickle.loads Store.load 1", "src/app/m.py", 1),
        BaselineEntry(
            LAYER_A.fingerprint, "layers", "app.g -> app.a", "src/app/g/a.py", 2, a_imports
        ),
        BaselineEntry(
            LAYER_B.fingerprint, "layers", "app.g -> app.b", "src/app/g/b.py", 1, b_imports
        ),
    ]


def test_the_summary_names_the_pair_of_an_import_finding_or_the_names_of_another() -> None:
    bare = BAN._replace(identity=("ban",))

    assert summary(LAYER_A) == "app.g -> app.a"
    assert summary(BAN) == "app.m pickle.loads Store.load 1"
    assert summary(bare) == "src/app/m.py"


def test_render_writes_one_sorted_entry_per_line() -> None:
    entries = entries_of([LAYER_B, LAYER_A, BAN])

    assert render(list(reversed(entries))) == (
        "{\n"
        '  "schema": "fitness-baseline",\n'
        '  "version": 2,\n'
        '  "entries": [\n'
        f'    {{"fingerprint": "{BAN.fingerprint}", "rule": "ban", "count": 1, '
        '"path": "src/app/m.py", "summary": "app.m pickle.loads Store.load 1"},\n'
        f'    {{"fingerprint": "{LAYER_A.fingerprint}", "rule": "layers", "count": 1, '
        '"path": "src/app/g/a.py", "summary": "app.g -> app.a", "imports": [\n'
        '      "app.g.m -> app.a.m",\n'
        '      "app.g.n -> app.a.m"\n'
        "    ]},\n"
        f'    {{"fingerprint": "{LAYER_B.fingerprint}", "rule": "layers", "count": 1, '
        '"path": "src/app/g/b.py", "summary": "app.g -> app.b", "imports": [\n'
        '      "app.g.m -> app.b.m",\n'
        '      "app.g.n -> app.b.m"\n'
        "    ]}\n"
        "  ]\n"
        "}\n"
    )


def test_an_empty_baseline_has_an_empty_list() -> None:
    assert render([]) == (
        '{\n  "schema": "fitness-baseline",\n  "version": 2,\n  "entries": []\n}\n'
    )


def test_non_ascii_names_are_written_as_they_are() -> None:
    entry = BaselineEntry("a" * 20, "layers", "app.café -> app.b", "src/app/café.py", 1)

    assert '"summary": "app.café -> app.b"' in render([entry])


def test_what_is_written_reads_back(tmp_path: Path) -> None:
    entries = entries_of([LAYER_B, LAYER_A, BAN, BAN])
    path = tmp_path / "base.json"

    write(path, entries)

    assert read(path) == [entry._replace(line=line) for entry, line in zip(entries, (5, 6, 10))]
    assert path.read_text(encoding="utf-8") == render(entries)


def test_count_summary_and_path_are_optional_when_read(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(
        '{"schema": "fitness-baseline", "version": 1, '
        '"entries": [{"fingerprint": "abc", "rule": "layers"}]}',
        encoding="utf-8",
    )

    assert read(path) == [BaselineEntry("abc", "layers", "", "", 1, None)]


def test_a_baseline_without_entries_has_none(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"schema": "fitness-baseline", "version": 1}', encoding="utf-8")

    assert read(path) == []


NEEDS = (
    "needs a fingerprint, a rule and a count, and its imports must be a list of "
    "'importer -> imported'"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            "{path}: not a fitness baseline (invalid JSON: Expecting value: line 1 column 1 (char 0))",
        ),
        (
            '{"schema": "fitness-baseline",',
            "{path}: not a fitness baseline (invalid JSON: Expecting property name enclosed in "
            "double quotes: line 1 column 31 (char 30))",
        ),
        ("[]", '{path}: not a fitness baseline (no "schema": "fitness-baseline")'),
        ('{"version": 1}', '{path}: not a fitness baseline (no "schema": "fitness-baseline")'),
        (
            '{"schema": "fitness-report", "version": 1}',
            '{path}: not a fitness baseline (no "schema": "fitness-baseline")',
        ),
        (
            '{"schema": "fitness-baseline", "version": 3}',
            "{path}: baseline version 3; this fitness reads versions 1 and 2",
        ),
        (
            '{"schema": "fitness-baseline"}',
            "{path}: baseline version None; this fitness reads versions 1 and 2",
        ),
        (
            '{"schema": "fitness-baseline", "version": 1, "entries": [{"rule": "x"}]}',
            f"{{path}}: entry 1 {NEEDS}",
        ),
        (
            '{"schema": "fitness-baseline", "version": 1, "entries": '
            '[{"fingerprint": "a", "rule": "x"}, {"fingerprint": "b", "rule": "x", "count": "two"}]}',
            f"{{path}}: entry 2 {NEEDS}",
        ),
        (
            '{"schema": "fitness-baseline", "version": 2, "entries": '
            '[{"fingerprint": "a", "rule": "x", "imports": ["a.b"]}]}',
            f"{{path}}: entry 1 {NEEDS}",
        ),
        (
            '{"schema": "fitness-baseline", "version": 2, "entries": '
            '[{"fingerprint": "a", "rule": "x", "imports": "a -> b"}]}',
            f"{{path}}: entry 1 {NEEDS}",
        ),
        (
            '{"schema": "fitness-baseline", "version": 1, "entries": ["abc"]}',
            f"{{path}}: entry 1 {NEEDS}",
        ),
    ],
)
def test_a_file_that_is_not_a_baseline_is_a_usage_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(UsageError) as raised:
        read(path)

    assert str(raised.value) == message.format(path=path)
    assert raised.value.exit_code == 2


@pytest.mark.parametrize("entries", ["5", "null", "{}"])
def test_entries_that_are_not_a_list_are_a_usage_error(tmp_path: Path, entries: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(
        f'{{"schema": "fitness-baseline", "version": 1, "entries": {entries}}}', encoding="utf-8"
    )

    with pytest.raises(UsageError) as raised:
        read(path)

    assert str(raised.value) == f"{path}: not a fitness baseline (its entries are not a list)"


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "none.json"

    with pytest.raises(UsageError) as raised:
        read(path)

    assert str(raised.value) == f"cannot read the baseline {path}: No such file or directory"


def test_a_baseline_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    path = tmp_path / "a-file" / "b.json"

    with pytest.raises(UsageError) as raised:
        write(path, [])

    assert str(raised.value) == f"cannot write the baseline {path}: File exists"


def test_until_and_owner_are_written_after_the_summary_and_read_back(tmp_path: Path) -> None:
    stamped = entries_of([BAN])[0]._replace(until="2027-06-30", owner="@platform")
    path = tmp_path / "base.json"

    write(path, [stamped])

    assert path.read_text(encoding="utf-8").splitlines()[4] == (
        '    {"fingerprint": "256781be64a1bb984ebd", "rule": "ban", "count": 1, '
        '"path": "src/app/m.py", "summary": "app.m pickle.loads Store.load 1", '
        '"until": "2027-06-30", "owner": "@platform"}'
    )
    assert read(path) == [stamped._replace(line=5)]


def test_a_file_without_until_or_owner_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "base.json"
    write(path, entries_of([BAN]))

    assert [(entry.until, entry.owner) for entry in read(path)] == [(None, None)]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ('"until": "30/06/2027"', "until must be a date written YYYY-MM-DD, got '30/06/2027'"),
        ('"until": 20270630', "until must be a date written YYYY-MM-DD, got 20270630"),
        ('"owner": ""', "owner must be a name such as @team, got ''"),
    ],
)
def test_an_until_or_owner_that_cannot_be_read_is_a_usage_error(
    tmp_path: Path, field: str, message: str
) -> None:
    path = tmp_path / "base.json"
    path.write_text(
        '{"schema": "fitness-baseline", "version": 2, "entries": [\n'
        f'  {{"fingerprint": "f", "rule": "r", "count": 1, {field}}}\n]}}\n',
        encoding="utf-8",
    )

    with pytest.raises(UsageError) as raised:
        read(path)

    assert str(raised.value) == f"{path}: entry 1: {message}"
