"""fitness's own ADR 0001 describes the layering its pyproject.toml enforces, layer by layer."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_adr_0001_lists_the_layers_of_the_package_layers_rule() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    rule = config["tool"]["fitness"]["rules"]["package-layers"]
    declared = [sorted(part.strip() for part in layer.split("|")) for layer in rule["layers"]]
    record = (ROOT / "docs/adr/0001-stages-as-layers.md").read_text(encoding="utf-8")
    decision = record.split("## Decision", 1)[1].split("\n## ", 1)[0]
    items = re.split(r"\n(?=\d+\. )", decision.strip().split("\n\n", 1)[1].split("\n\n", 1)[0])

    described = [sorted(re.findall(r"`([\w.]+)`", item)) for item in items]

    assert rule["adr"] == "ADR-0001"
    assert described == declared


def test_each_of_fitness_own_decisions_names_the_rule_that_confirms_it() -> None:
    from fitness.adr.directory import read_decisions

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    rules = config["tool"]["fitness"]["rules"]

    decisions = read_decisions(ROOT, "docs/adr")

    named = {adr.key: [(m.rule, m.explicit) for m in adr.named] for adr in decisions.records}
    assert named == {
        "ADR-0001": [("package-layers", True)],
        "ADR-0002": [("libcst-only-in-parsing", True)],
        "ADR-0003": [("security-marshal", True)],
    }
    assert all(rule in rules for confirmed in named.values() for rule, _ in confirmed)
