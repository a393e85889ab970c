"""Finding the ADR directory, and reading every record in it: keys, successors, problems."""

from __future__ import annotations

from pathlib import Path

from fitness.adr.directory import Decisions, RecordProblem, find_dir, read_decisions
from fitness.model import Adr, AdrStatus
from support import write_tree

LOOKED = (
    "looked for .adr-dir, .log4brains.yml, doc/adr, docs/adr, docs/decisions, "
    "docs/architecture/decisions"
)


def test_the_configured_directory_wins(tmp_path: Path) -> None:
    write_tree(tmp_path, {".adr-dir": "doc/arch\n", "docs/adr/README.md": ""})

    assert find_dir(tmp_path, "./records/") == ("records", "[tool.fitness.adr] dir")
    assert find_dir(tmp_path, "records\\adr") == ("records/adr", "[tool.fitness.adr] dir")


def test_adr_dir_names_the_directory(tmp_path: Path) -> None:
    write_tree(tmp_path, {".adr-dir": "./doc/architecture/\nignored\n", "docs/adr/README.md": ""})

    assert find_dir(tmp_path, None) == ("doc/architecture", ".adr-dir")


def test_a_blank_adr_dir_is_passed_over(tmp_path: Path) -> None:
    write_tree(tmp_path, {".adr-dir": "  \n", "docs/adr/README.md": ""})

    assert find_dir(tmp_path, None) == ("docs/adr", "the default")


def test_log4brains_adr_folder(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".log4brains.yml": "project:\n  name: x\n  adrFolder: './decisions/adr'\n"},
    )

    assert find_dir(tmp_path, None) == ("decisions/adr", ".log4brains.yml")


def test_the_defaults_in_order(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"docs/architecture/decisions/x.md": "", "docs/decisions/x.md": "", "docs/adr/x.md": ""},
    )
    assert find_dir(tmp_path, None) == ("docs/adr", "the default")
    write_tree(tmp_path, {"doc/adr/x.md": ""})
    assert find_dir(tmp_path, None) == ("doc/adr", "the default")


def test_no_directory(tmp_path: Path) -> None:
    assert find_dir(tmp_path, None) == (None, LOOKED)
    assert read_decisions(tmp_path, None) == Decisions(None, (), (), LOOKED)


def test_a_named_directory_that_does_not_exist(tmp_path: Path) -> None:
    write_tree(tmp_path, {".adr-dir": "doc/arch\n"})

    assert read_decisions(tmp_path, None) == Decisions(None, (), (), "doc/arch (.adr-dir)")


def test_records_keys_successors_and_what_is_not_a_record(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "doc/adr/0001-use-cron.md": "# 1. Use cron\n\n## Status\n\nSuperseded by [2. Use Dagster](0002-use-dagster.md)\n",
            "doc/adr/0002-use-dagster.md": "# 2. Use Dagster\n\n## Status\n\nAccepted\n",
            "doc/adr/0003-use-airflow.md": "# 3. Use Airflow\n\n## Status\n\nSuperseded by ADR-0042\n",
            "doc/adr/20230412-read-pyproject.md": "# Read pyproject\n\n- Status: accepted\n",
            "doc/adr/12345678-not-a-date.md": "# Eight digits\n\nStatus: accepted\n",
            "doc/adr/README.md": "# ADRs\n\nStatus: rejected\n",
            "doc/adr/template.md": "# Title\n\n## Status\n\nWhat\n",
            "doc/adr/templates/0009-template.md": "# Template\n",
            "doc/adr/0010-notes.txt": "Status: what\n",
        },
    )

    decisions = read_decisions(tmp_path, None)

    assert decisions == Decisions(
        "doc/adr",
        (
            Adr(
                "ADR-0001",
                1,
                "Use cron",
                AdrStatus.SUPERSEDED,
                "Superseded by [2. Use Dagster](0002-use-dagster.md)",
                "ADR-0002",
                "doc/adr/0001-use-cron.md",
                5,
                None,
            ),
            Adr(
                "ADR-0002",
                2,
                "Use Dagster",
                AdrStatus.ACCEPTED,
                "Accepted",
                None,
                "doc/adr/0002-use-dagster.md",
                5,
                None,
            ),
            Adr(
                "ADR-0003",
                3,
                "Use Airflow",
                AdrStatus.SUPERSEDED,
                "Superseded by ADR-0042",
                "ADR-0042",
                "doc/adr/0003-use-airflow.md",
                5,
                None,
            ),
            Adr(
                "ADR-12345678",
                12345678,
                "Eight digits",
                AdrStatus.ACCEPTED,
                "accepted",
                None,
                "doc/adr/12345678-not-a-date.md",
                3,
                None,
            ),
            Adr(
                "20230412-read-pyproject",
                None,
                "Read pyproject",
                AdrStatus.ACCEPTED,
                "accepted",
                None,
                "doc/adr/20230412-read-pyproject.md",
                3,
                None,
            ),
        ),
        (),
        "the default",
    )
    assert decisions.numbered(2) == decisions.records[1]
    assert decisions.at("doc/adr/0003-use-airflow.md") == decisions.records[2]
    assert decisions.named("20230412-read-pyproject") == decisions.records[4]
    assert (
        decisions.numbered(9),
        decisions.at("doc/adr/README.md"),
        decisions.named("README"),
    ) == (
        None,
        None,
        None,
    )


def test_records_in_the_project_root(tmp_path: Path) -> None:
    write_tree(tmp_path, {".adr-dir": ".\n", "0001-x.md": "# X\n\nStatus: accepted\n"})

    decisions = read_decisions(tmp_path, None)

    assert (decisions.dir, [adr.path for adr in decisions.records]) == (".", ["0001-x.md"])


def test_problems_sorted_by_path(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "docs/adr/0001-a.md": "# A\n\nStatus: accepted\n",
            "docs/adr/0001-b.md": "# B\n\nStatus: accepted\n",
            "docs/adr/0002-pending.md": "# Pending\n\n## Status\n\nPending\n",
            "docs/adr/0003-nothing.md": "# Nothing\n",
            "docs/adr/0004-broken.md": "---\nstatus: accepted\n\n# Broken\n",
        },
    )
    (tmp_path / "docs/adr/0005-latin1.md").write_bytes(b"# Caf\xe9\n\nStatus: accepted\n")

    decisions = read_decisions(tmp_path, None)

    assert [adr.path for adr in decisions.records] == [
        "docs/adr/0001-a.md",
        "docs/adr/0001-b.md",
        "docs/adr/0002-pending.md",
        "docs/adr/0003-nothing.md",
    ]
    assert list(decisions.problems) == [
        RecordProblem(
            "docs/adr/0001-b.md",
            1,
            "ADR-0001 is also the number of docs/adr/0001-a.md: a reference to ADR-0001 "
            "means that one; renumber this record",
        ),
        RecordProblem(
            "docs/adr/0002-pending.md",
            5,
            "unknown status 'Pending': write one of proposed, accepted, rejected, "
            "deprecated or superseded by <ADR>, or map the word in [tool.fitness.adr] statuses",
        ),
        RecordProblem(
            "docs/adr/0003-nothing.md",
            1,
            "no status: add a '## Status' section, a '* Status: accepted' line or "
            "'status:' front matter",
        ),
        RecordProblem(
            "docs/adr/0004-broken.md",
            1,
            "the front matter opened on line 1 is never closed with '---'",
        ),
        RecordProblem(
            "docs/adr/0005-latin1.md",
            1,
            "cannot read: not UTF-8 ('utf-8' codec can't decode byte 0xe9 in position 5: "
            "invalid continuation byte)",
        ),
    ]
    assert decisions.numbered(1) == decisions.records[0]


def test_a_byte_order_mark_is_not_part_of_the_title(tmp_path: Path) -> None:
    (tmp_path / "docs/adr").mkdir(parents=True)
    (tmp_path / "docs/adr/0001-x.md").write_bytes("\ufeff# 1. X\n\nStatus: accepted\n".encode())

    [adr] = read_decisions(tmp_path, None).records

    assert (adr.title, adr.status) == ("X", AdrStatus.ACCEPTED)
