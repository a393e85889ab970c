"""`fitness schema`: generated from the key descriptions, committed in docs/, and it accepts
every configuration of the repository and rejects what the loader rejects."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from fitness.checks import KINDS
from fitness.cli import cli
from fitness.config.keys import EXAMPLES_KEY, PACK_KEYS, RULE_KEYS, TOP_KEYS
from fitness.config.load import load_config
from fitness.json_schema import LAYOUTS, schema, schema_text
from fitness.model.keys import REQUIRED, Key, Record, json_default

REPO = Path(__file__).resolve().parents[2]
COMMITTED = {
    "fitness": REPO / "docs" / "fitness.schema.json",
    "pyproject": REPO / "docs" / "partial-fitness.json",
    "pyproject-file": REPO / "docs" / "pyproject-fitness.schema.json",
    "pack": REPO / "docs" / "fitness-pack.schema.json",
}
INVALID = sorted((Path(__file__).parent / "invalid").glob("*.toml"))
PARSERS = {name: kind.parse for name, kind in KINDS.items()}


def errors(layout: str, data: object) -> list[str]:
    validator = jsonschema.Draft7Validator(schema(layout))
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_committed_schema_is_what_fitness_schema_prints(layout: str) -> None:
    result = CliRunner().invoke(cli, ["schema", "--layout", layout])

    assert result.exit_code == 0
    assert result.output == schema_text(layout)
    assert COMMITTED[layout].read_text(encoding="utf-8") == result.output, (
        f"run: fitness schema --layout {layout} > {COMMITTED[layout].relative_to(REPO)}"
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_schema_is_a_valid_draft_07_schema(layout: str) -> None:
    document = schema(layout)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(document)


def test_the_pyproject_layout_is_a_schemastore_partial() -> None:
    document = schema("pyproject")
    assert document["$comment"] == "tool.fitness table in pyproject.toml"
    assert document["type"] == "object"
    assert document["additionalProperties"] is False


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_key_of_every_kind_is_in_the_schema_with_its_type_and_default(name: str) -> None:
    for layout in LAYOUTS:
        rule = _definitions(layout)[f"kind-{name}"]
        assert rule["properties"]["kind"] == {
            "const": name,
            "description": KINDS[name].description,
        }
        for key in KINDS[name].keys:
            _assert_described(rule["properties"][key.name], key)
        for key in RULE_KEYS[1:]:
            _assert_described(rule["properties"][key.name], key)
        assert rule["additionalProperties"] is False
        required = [key.name for key in KINDS[name].keys if key.default == REQUIRED]
        assert rule["required"] == ["kind", *required]
        assert ("examples" in rule["properties"]) is (layout == "pack")


def test_every_top_level_and_pack_key_is_in_the_schema() -> None:
    for layout in ("fitness", "pyproject"):
        properties = schema(layout)["properties"]
        assert list(properties) == [key.name for key in TOP_KEYS]
        for key in TOP_KEYS:
            _assert_described(properties[key.name], key)
    pack = schema("pack")["properties"]
    assert list(pack) == [key.name for key in PACK_KEYS]
    for key in PACK_KEYS:
        _assert_described(pack[key.name], key)
    _assert_described(_definitions("pack")["kind-layers"]["properties"]["examples"], EXAMPLES_KEY)


def test_a_key_with_a_toml_default_has_it_as_json_and_in_its_description() -> None:
    key = KINDS["forbidden"].keys[2]
    assert key.name == "allow_indirect"
    assert json_default(key) == (False,)
    mode = next(k for k in KINDS["layers"].keys if k.name == "type_checking")
    assert json_default(mode) == ("check",)
    fragment = _definitions("fitness")["kind-layers"]["properties"]["type_checking"]
    assert fragment == {
        "type": "string",
        "enum": ["check", "ignore"],
        "description": '"ignore" leaves out imports under `if TYPE_CHECKING:` '
        '(default: "check" (or [tool.fitness]\'s))',
        "default": "check",
    }
    depth = _definitions("fitness")["kind-metrics"]["properties"]["max_lines"]
    assert "default" not in depth
    assert depth["description"].endswith("(default: none)")


def test_every_json_default_is_valid_for_its_own_key() -> None:
    keys = [*TOP_KEYS, *RULE_KEYS, *PACK_KEYS, EXAMPLES_KEY]
    keys += [key for kind in KINDS.values() for key in kind.keys]
    keys += [inner for key in list(keys) if isinstance(key.type, Record) for inner in key.type.keys]
    entry = next(k for k in KINDS["banned-api"].keys if k.name == "apis").type.schema()
    keys_with_defaults = [key for key in keys if json_default(key)]
    assert len(keys_with_defaults) > 40
    for key in keys_with_defaults:
        fragment = key.type.schema()
        if fragment.get("$ref"):  # the rule tables: {} is a table of no rules
            assert json_default(key) == ({},)
            continue
        validator = jsonschema.Draft7Validator(fragment)
        assert [e.message for e in validator.iter_errors(json_default(key)[0])] == [], key.name
    for inner in entry["items"]["anyOf"][1]["properties"].values():
        if "default" in inner:
            assert list(jsonschema.Draft7Validator(inner).iter_errors(inner["default"])) == []


def test_rule_tables_are_told_apart_by_kind() -> None:
    rule = _definitions("fitness")["rule"]
    assert rule["if"] == {"required": ["kind"]}
    assert rule["else"] == {"$ref": "#/definitions/override"}
    assert rule["then"]["properties"]["kind"]["enum"] == sorted(KINDS)
    assert rule["then"]["allOf"][0] == {
        "if": {"properties": {"kind": {"const": "acyclic"}}},
        "then": {"$ref": "#/definitions/kind-acyclic"},
    }


def test_a_rule_of_one_kind_with_another_kinds_key_is_rejected() -> None:
    data = {"rules": {"r": {"kind": "forbidden", "from": ["a"], "to": ["b"], "layers": ["x"]}}}
    assert errors("fitness", data) == [
        "Additional properties are not allowed ('layers' was unexpected)"
    ]


def test_an_override_of_a_pack_rule_may_set_only_the_override_keys() -> None:
    good = {"extends": ["fitness:security"], "rules": {"security-pickle": {"enabled": False}}}
    assert errors("fitness", good) == []
    bad = {"extends": ["fitness:security"], "rules": {"security-pickle": {"apis": ["x"]}}}
    assert errors("fitness", bad) == [
        "Additional properties are not allowed ('apis' was unexpected)"
    ]


def test_the_repositorys_own_configurations_are_valid() -> None:
    own = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert errors("pyproject", own["tool"]["fitness"]) == []
    shop = tomllib.loads((REPO / "examples/shop/pyproject.toml").read_text(encoding="utf-8"))
    assert errors("pyproject", shop["tool"]["fitness"]) == []
    packs = sorted((REPO / "rules").glob("*.toml"))
    assert [p.name for p in packs] == ["modern-python.toml", "security.toml"]
    for pack in packs:
        assert errors("pack", tomllib.loads(pack.read_text(encoding="utf-8"))) == [], pack


def test_every_pyproject_fixture_of_the_tests_is_valid() -> None:
    fixtures = sorted((REPO / "tests").rglob("pyproject.toml"))
    assert len(fixtures) >= 10
    for path in fixtures:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        table = document.get("tool", {}).get("fitness")
        if table is not None:
            assert errors("pyproject", table) == [], path


@pytest.mark.parametrize(
    ("name", "index"),
    [(name, index) for name in sorted(KINDS) for index in range(len(KINDS[name].examples))],
)
def test_every_kinds_example_configuration_is_valid(name: str, index: int) -> None:
    """Every example is a valid configuration: the invalid ones give findings, not errors."""
    example = KINDS[name].examples[index]
    assert errors("fitness", tomllib.loads(example.rule)) == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_configuration_is_rejected_by_the_loader_and_the_schema(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    (tmp_path / "fitness.toml").write_text(text, encoding="utf-8")
    for package in ("api", "domain"):
        (tmp_path / "src" / "shop" / package).mkdir(parents=True)
        (tmp_path / "src" / "shop" / package / "__init__.py").write_text("")
    (tmp_path / "src" / "shop" / "__init__.py").write_text("")

    monkeypatch.chdir(tmp_path)
    _, problems = load_config(Path("fitness.toml"), PARSERS)

    expected = path.with_suffix(".txt").read_text(encoding="utf-8").strip()
    assert problems.messages() == [expected]
    assert errors("fitness", tomllib.loads(text)) != []


def test_fitness_explain_shows_each_keys_type() -> None:
    result = CliRunner().invoke(cli, ["explain", "acyclic"])
    keys = result.output[result.output.index("Keys:") : result.output.index("\n\nValid")]
    mode = '"check" (or [tool.fitness]\'s)'
    assert keys.splitlines() == [
        "Keys:",
        "  packages          (required)                     module expressions: the packages "
        "whose children must not loop",
        "                    type: list of module expressions",
        "  depth             10                             also check the children of the "
        "children, this many levels down",
        "                    type: integer >= 0",
        "  skip_descendants  []                             packages that count as children but "
        "whose children are not",
        "                    type: list of module expressions",
        "  ignore            []                             imports the rule does not count, as "
        "'importer -> imported' (a third-party package names its submodules too)",
        "                    type: list of 'a -> b'",
        f'  type_checking     {mode}  "ignore" leaves out imports under `if TYPE_CHECKING:`',
        '                    type: "check" | "ignore"',
        f'  dynamic           {mode}  "ignore" leaves out literal importlib.import_module("x")',
        '                    type: "check" | "ignore"',
        "Every rule also takes: severity, adr, message, tags, python, include, exclude, "
        "suppressible, enabled (`fitness schema` describes each)",
    ]


def _definitions(layout: str) -> dict[str, Any]:
    found = schema(layout)["definitions"]
    assert isinstance(found, dict)
    return found


def _assert_described(fragment: dict[str, Any], key: Key) -> None:
    assert fragment["description"].startswith(key.meaning + " (")
    for value in json_default(key):
        assert fragment["default"] == value
    if isinstance(key.type, Record):
        for inner in key.type.keys:
            _assert_described(fragment["properties"][inner.name], inner)
    expected = {k: v for k, v in fragment.items() if k not in ("description", "default")}
    assert expected == key.type.schema()


def test_a_warm_check_does_not_load_the_schema_command(tmp_path: Path) -> None:
    """`schema` is a lazy command (fitness/cli/lazy.py): `fitness check` never imports it."""
    import os
    import subprocess

    (tmp_path / "fitness.toml").write_text(
        '[rules.r]\nkind = "layers"\nlayers = ["shop.api", "shop.domain"]\n', encoding="utf-8"
    )
    for package in ("shop", "shop/api", "shop/domain"):
        (tmp_path / "src" / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / "src" / package / "__init__.py").write_text("")
    names: set[str] = set()
    for _ in range(2):  # cold, then warm
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "fitness", "check", "-j", "1"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert done.returncode == 0, done.stdout + done.stderr[-2000:]
        names = {
            line.split("|")[-1].strip()
            for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }
    assert "fitness.cli" in names
    assert "fitness.cli.schema" not in names
    assert "fitness.json_schema" not in names
    assert "fitness.config.keys" not in names
