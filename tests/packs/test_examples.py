"""Every built-in pack rule's examples, each run through the real `fitness check`.

A rule of `rules/<pack>.toml` carries `examples.valid` (code that gives no
finding) and `examples.invalid` (code where each line ending in
`# expect: <message>` gives exactly that finding; a line may carry several
markers, and no unmarked line gives one). Each example becomes a module of a
project of its own that extends the pack, and `fitness check --select <rule>`
must report exactly what the markers say.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from support import Result

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

PACKS = Path(__file__).resolve().parents[2] / "rules"
_MARKER = re.compile(r"#\s*expect:\s*")


class Example(NamedTuple):
    pack: str
    rule: str
    valid: bool
    index: int
    code: str

    @property
    def id(self) -> str:
        return f"{self.pack}:{self.rule}:{'valid' if self.valid else 'invalid'}[{self.index}]"


def pack_rules() -> Iterator[tuple[str, str, dict[str, object]]]:
    """(pack, rule id, rule table) for every rule of every built-in pack."""
    for path in sorted(PACKS.glob("*.toml")):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        rules = document.get("rules", {})
        assert isinstance(rules, dict)
        for rule_id, table in rules.items():
            yield path.stem, rule_id, table


def examples() -> list[Example]:
    found = []
    for pack, rule_id, table in pack_rules():
        given = table.get("examples", {})
        assert isinstance(given, dict)
        for valid, key in ((True, "valid"), (False, "invalid")):
            for index, code in enumerate(given.get(key, [])):
                found.append(Example(pack, rule_id, valid, index, code))
    return found


def expected(code: str) -> list[tuple[int, str]]:
    """(line, message) of each `# expect: <message>` marker, in line order."""
    found = []
    for number, line in enumerate(code.splitlines(), start=1):
        _, *messages = _MARKER.split(line)
        found.extend((number, message.strip()) for message in messages)
    return sorted(found)


EXAMPLES = examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_each_example_gives_exactly_the_findings_it_states(
    example: Example, project: Project, run: Run
) -> None:
    python = next(t.get("python", ">=3.9") for _, r, t in pack_rules() if r == example.rule)
    root = project(
        {
            "pyproject.toml": f"""
                [project]
                name = "example"
                requires-python = "{python}"

                [tool.fitness]
                source_roots = ["."]
                extends = ["fitness:{example.pack}"]

                # A rule the pack ships switched off runs too.
                [tool.fitness.rules.{example.rule}]
                enabled = true
            """,
        }
    )
    (root / "example.py").write_text(example.code, encoding="utf-8")

    result = run(
        "check",
        "--select",
        example.rule,
        "--format",
        "json",
        "--fail-on",
        "note",
        "--no-cache",
        cwd=root,
    )

    assert result.err == ""
    findings = json.loads(result.out)["findings"]
    assert sorted((f["line"], f["message"]) for f in findings) == expected(example.code)
    assert {(f["rule"], f["path"]) for f in findings} <= {(example.rule, "example.py")}
    assert all(f["guidance"] for f in findings), "every finding says what to use instead"
    assert result.code == (0 if example.valid else 1)


@pytest.mark.parametrize(
    ("pack", "rule_id", "table"),
    [pytest.param(*rule, id=f"{rule[0]}:{rule[1]}") for rule in pack_rules()],
)
def test_each_pack_rule_is_complete(pack: str, rule_id: str, table: dict[str, object]) -> None:
    """Both kinds of example, a marker in each invalid one, guidance for every entry, no ADR."""
    assert rule_id.startswith("security-" if pack == "security" else "modern-"), rule_id
    assert "adr" not in table
    assert table.get("severity") in ("error", "warning", "note")
    given = table["examples"]
    assert isinstance(given, dict)
    assert given.get("valid"), "at least one valid example"
    assert given.get("invalid"), "at least one invalid example"
    for code in given["invalid"]:
        assert expected(code), f"an invalid example without '# expect:' markers: {code!r}"
    for code in given["valid"]:
        assert not expected(code), f"a valid example with markers: {code!r}"
    apis = table["apis"]
    assert isinstance(apis, list)
    for entry in apis:
        assert isinstance(entry, dict) and entry.get("message"), entry


def test_there_are_examples_to_run() -> None:
    packs = {example.pack for example in EXAMPLES}
    assert packs == {"security", "modern-python"}
    assert len(EXAMPLES) >= 2 * len(list(pack_rules()))
