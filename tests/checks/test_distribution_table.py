"""The module -> distribution names: the shipped table against real metadata, and the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.config.distributions import (
    Installed,
    Names,
    installed_stamp,
    read_installed,
    shipped_table,
    site_directories,
)
from fitness.config.manifests import normalise

HERE = Path(__file__).resolve().parent
INSTALLED = read_installed(installed_stamp(site_directories(HERE / "no-project")))
TABLE = shipped_table()
CHECKED = sorted(
    (module, dist)
    for module, dists in TABLE.items()
    for dist in dists
    if dist in INSTALLED.requires
)


def test_the_table_covers_the_names_the_issue_lists() -> None:
    expected = {
        "yaml": ("pyyaml",),
        "PIL": ("pillow",),
        "sklearn": ("scikit-learn",),
        "attr": ("attrs",),
        "dateutil": ("python-dateutil",),
        "bs4": ("beautifulsoup4",),
        "google.protobuf": ("protobuf",),
        "pydispatch": ("pydispatcher", "pypydispatcher"),
    }
    assert {module: TABLE[module] for module in expected} == expected


def test_some_entries_have_their_distribution_installed_here() -> None:
    # PyYAML, attrs, PySocks and rpds-py come with the test extra on every supported Python
    # (markdown-it-py too, from 3.10 on).
    assert {"yaml", "attr", "socks", "rpds"} <= {module for module, _ in CHECKED}


@pytest.mark.parametrize(("module", "distribution"), CHECKED)
def test_an_entry_agrees_with_the_installed_metadata(module: str, distribution: str) -> None:
    """The distribution, installed, installs the module (or a package the module is in)."""
    provided = {p for p, names in INSTALLED.prefixes.items() if distribution in names}
    parts = module.split(".")
    assert any(".".join(parts[:end]) in provided for end in range(1, len(parts) + 1)), provided


def test_every_entry_is_normalised_and_names_no_module_its_own_name_finds() -> None:
    for module, distributions in TABLE.items():
        parts = module.split(".")
        # Its own name is there only to override a shorter prefix's entry (a namespace).
        shorter = any(".".join(parts[:end]) in TABLE for end in range(1, len(parts)))
        for distribution in distributions:
            assert distribution == normalise(distribution)
            assert distribution != normalise(module) or shorter, module


def test_the_reader_takes_record_top_level_and_requires_dist(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _dist(
        site / "google_cloud_storage-2.0.dist-info",
        record=(
            "google/cloud/storage/__init__.py,,\ngoogle/cloud/storage/blob.py,,\n"
            "google_cloud_storage-2.0.dist-info/METADATA,,\n../../bin/gcs,,\n"
        ),
        metadata=(
            "Metadata-Version: 2.1\nName: google-cloud-storage\nLicense: MIT\n"
            "        \n        folded\nRequires-Dist: google-auth (>=2)\n"
            "Requires-Dist: requests<3,>=2.18.0; python_version >= '3.8'\n"
            "Requires-Dist: protobuf; extra == 'protobuf'\n\nRequires-Dist: not-a-header\n"
        ),
    )
    _dist(site / "PyYAML-6.0.dist-info", record="yaml/__init__.py,,\n_yaml/__init__.py,,\n")
    _dist(site / "six-1.16.dist-info", record="six.py,,\n", metadata="Name: six\n")
    _dist(site / "legacy-1.0.dist-info", top_level="legacy_mod\n")
    _dist(site / "types_PyYAML-6.0.dist-info", record="yaml-stubs/__init__.pyi,,\n")
    installed = read_installed(installed_stamp([str(site)]))
    assert installed == Installed(
        prefixes={
            "google.cloud.storage": ("google-cloud-storage",),
            "legacy_mod": ("legacy",),
            "six": ("six",),
            "yaml": ("pyyaml",),
            "_yaml": ("pyyaml",),
        },
        requires={
            "google-cloud-storage": ("google-auth", "requests"),
            "legacy": (),
            "pyyaml": (),
            "six": (),
            "types-pyyaml": (),
        },
    )
    table = {"yaml": ("other",), "pydispatch": ("pydispatcher", "pypydispatcher")}
    names = Names({"gcs_tools": "gcs-tools"}, installed, table)
    assert names.distribution("google.cloud.storage.blob.Blob") == (
        "google-cloud-storage",
        "installed",
    )
    assert names.distribution("yaml.safe_load") == ("pyyaml", "installed")
    assert names.distribution("gcs_tools.x") == ("gcs-tools", "module_map")
    assert names.distribution("google.cloud.pubsub", ["google-cloud-pubsub"]) == (
        "google-cloud-pubsub",
        "declared",
    )
    assert names.distribution("Fancy_HTTP.client") == ("fancy-http", "name")
    assert names.distribution("pydispatch.dispatcher") == ("pydispatcher", "table")
    assert names.distribution("pydispatch", ["pypydispatcher"]) == ("pypydispatcher", "table")
    assert names.alternatives("pydispatch.x") == ("pydispatcher", "pypydispatcher")
    assert names.alternatives("six") == ()
    assert names.requirers("requests", ["six", "google-cloud-storage"]) == "google-cloud-storage"
    assert names.requirers("protobuf", ["google-cloud-storage"]) is None


def _dist(directory: Path, record: str = "", metadata: str = "", top_level: str = "") -> None:
    directory.mkdir(parents=True)
    for name, text in (("RECORD", record), ("METADATA", metadata), ("top_level.txt", top_level)):
        if text:
            (directory / name).write_text(text, encoding="utf-8")
