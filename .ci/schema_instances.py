"""Write the repository's configurations as JSON, for check-jsonschema (issue 27).

    python .ci/schema_instances.py OUT

OUT/<layout>/valid/*.json must pass the schema of <layout>; OUT/fitness/invalid/*.json
must each fail it. TOML has no null and JSON has no dates; the configurations hold
neither, so the conversion is the parsed document as it is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fitness.checks import KINDS  # noqa: E402 (the repository, not an installed copy)


def main(out: Path) -> None:
    def write(layout: str, group: str, name: str, data: object) -> None:
        path = out / layout / group / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    def load(path: Path) -> dict[str, object]:
        return tomllib.loads(path.read_text(encoding="utf-8"))

    pyprojects = [REPO / "pyproject.toml", *sorted(REPO.glob("examples/*/pyproject.toml"))]
    pyprojects += sorted((REPO / "tests").rglob("pyproject.toml"))
    for path in pyprojects:
        tool = load(path).get("tool", {})
        if isinstance(tool, dict) and "fitness" in tool:
            name = str(path.parent.relative_to(REPO)).replace("/", "_") or "repository"
            write("pyproject", "valid", name, tool["fitness"])
    for path in sorted((REPO / "rules").glob("*.toml")):
        write("pack", "valid", path.stem, load(path))
    for kind_name in sorted(KINDS):
        for index, example in enumerate(KINDS[kind_name].examples):
            write("fitness", "valid", f"{kind_name}-{index}", tomllib.loads(example.rule))
    for path in sorted((REPO / "tests" / "schema" / "invalid").glob("*.toml")):
        write("fitness", "invalid", path.stem, load(path))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
