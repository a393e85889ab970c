"""Every JSON report validates against the documented schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from fitness.reporters import REPORTERS, RenderOptions
from shop import FILES
from support import check_project, write_tree

SCHEMA = json.loads((Path(__file__).parents[2] / "docs/json-report.schema.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(FILES, id="findings"),
        pytest.param(
            {
                **FILES,
                "src/shop/domain/pricing.py": "",
                "src/shop/jobs/nightly.py": "",
                "src/shop/domain/events.py": "",
            },
            id="clean",
        ),
        pytest.param({**FILES, "src/shop/broken.py": "def (:\n"}, id="parse-error"),
        pytest.param(
            {
                **FILES,
                "pyproject.toml": FILES["pyproject.toml"]
                + '\n[tool.fitness.rules.no-pickle]\nkind = "banned-api"\napis = ["pickle"]\n',
                "src/shop/services/store.py": "import pickle as p\n\np.loads(b'')\n",
            },
            id="banned-api",
        ),
        pytest.param(
            {
                **FILES,
                "src/shop/domain/pricing.py": (
                    "from shop.api.views import checkout  # fitness: ignore[layered] ADR-0002 Q3\n"
                ),
            },
            id="suppressed",
        ),
        pytest.param(
            {
                **FILES,
                "src/shop/domain/pricing.py": (
                    "from shop.api.views import checkout  # fitness: ignore[layered] "
                    "until=2020-01-31 owner=@payments Q3\n"
                ),
            },
            id="expired-exception",
        ),
    ],
)
def test_report_matches_schema(tmp_path: Path, files: dict[str, str]) -> None:
    report = check_project(write_tree(tmp_path, files))

    document = json.loads(REPORTERS["json"](report, RenderOptions()))

    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert document["summary"]["findings"] == len(report.findings)
    assert len(document["suppressed"]) == document["summary"]["suppressed"]
    if "owner=" in files.get("src/shop/domain/pricing.py", ""):
        assert [item["state"] for item in document["exceptions"]] == ["expired"]


def test_schema_rejects_an_unknown_field() -> None:
    document = {
        "schema": "fitness-report",
        "version": 2,
        "tool": {"name": "fitness", "version": "0"},
        "summary": {
            "failed": False,
            "findings": 0,
            "errors": 0,
            "warnings": 0,
            "notes": 0,
            "files": 0,
            "modules": 0,
            "elapsed_seconds": 0,
            "rules_kept": 0,
            "rules_broken": 0,
        },
        "rules": [],
        "findings": [],
        "extra": 1,
    }

    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
