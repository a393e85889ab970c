"""Every format on one fixture project, compared with tests/golden/<format>/shop.<ext>.

`pytest --update-goldens` rewrites the files; read every diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.reporters import REPORTERS, RenderOptions
from golden.project import golden_report

HERE = Path(__file__).parent
EXTENSIONS = {
    "github": "txt",
    "json": "json",
    "junit": "xml",
    "markdown": "md",
    "sarif": "sarif",
    "text": "txt",
}


def test_every_format_has_a_golden() -> None:
    assert sorted(EXTENSIONS) == sorted(REPORTERS)


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_golden(name: str, tmp_path: Path, update_goldens: bool) -> None:
    report = golden_report(tmp_path)
    assert report.elapsed == 0.0
    assert {rule.seconds for rule in report.rules} == {0.0}

    rendered = REPORTERS[name](report, RenderOptions())

    golden = HERE / name / f"shop.{EXTENSIONS[name]}"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")
