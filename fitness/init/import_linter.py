"""Reading an import-linter configuration: `.importlinter`, `setup.cfg` or pyproject.toml.

The INI files hold an `[importlinter]` section (the session options) and one
`[importlinter:contract:ID]` section per contract; pyproject.toml holds
`[tool.importlinter]` with a `contracts` array of tables. Values come out as
import-linter reads them: a string, or a list of strings (INI: one per line).
"""

from __future__ import annotations

import configparser
import sys
from pathlib import Path
from typing import NamedTuple, Union

from fitness.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

Value = Union[str, list[str]]

# The files import-linter looks for in the current directory, in its order.
CANDIDATES = ("setup.cfg", ".importlinter", "pyproject.toml")


class Contract(NamedTuple):
    """One contract: its id (None when a TOML contract has none) and its other options."""

    id: str | None
    options: dict[str, Value]


class ImportLinterConfig(NamedTuple):
    """The file read, its session options and its contracts in file order."""

    path: Path
    session: dict[str, Value]
    contracts: tuple[Contract, ...]


def find(directory: Path) -> Path:
    """The first of `CANDIDATES` in `directory` that holds an import-linter configuration."""
    for name in CANDIDATES:
        path = directory / name
        if path.is_file() and read(path) is not None:
            return path
    raise UsageError(
        f"no import-linter configuration in {directory}: looked for [importlinter] in "
        "setup.cfg and .importlinter, and [tool.importlinter] in pyproject.toml; "
        "name the file: fitness init --from-import-linter PATH"
    )


def import_linter_configuration(directory: Path) -> str | None:
    """The name of the first of `CANDIDATES` in `directory` that configures import-linter.

    For `fitness init` to point at the conversion; a file it cannot read is passed over.
    """
    for name in CANDIDATES:
        path = directory / name
        try:
            if path.is_file() and read(path) is not None:
                return name
        except UsageError:
            continue
    return None


def read(path: Path) -> ImportLinterConfig | None:
    """The configuration in `path` (TOML if it ends in .toml, else INI), or None if it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    if path.suffix == ".toml":
        return _from_toml(path, text)
    return _from_ini(path, text)


def _from_ini(path: Path, text: str) -> ImportLinterConfig | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise UsageError(f"{path}: not a valid INI file: {exc}") from None
    if "importlinter" not in parser.sections():
        return None
    session = _section(parser["importlinter"])
    contracts = tuple(
        # import-linter takes the id after the last colon: [importlinter:contract:my-id].
        Contract(name.split(":")[-1], _section(parser[name]))
        for name in parser.sections()
        if name.startswith("importlinter:")
    )
    return ImportLinterConfig(path, session, contracts)


def _section(section: configparser.SectionProxy) -> dict[str, Value]:
    """A section's options: a value spanning several lines is a list of its lines."""
    options: dict[str, Value] = {}
    for key, value in section.items():
        if "\n" in value:
            options[key] = [line.strip() for line in value.strip().split("\n") if line.strip()]
        else:
            options[key] = value
    return options


def _from_toml(path: Path, text: str) -> ImportLinterConfig | None:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    tool = document.get("tool")
    data = tool.get("importlinter") if isinstance(tool, dict) else None
    if not isinstance(data, dict) or not data:
        return None
    raw_contracts = data.get("contracts", [])
    if not isinstance(raw_contracts, list) or not all(isinstance(c, dict) for c in raw_contracts):
        raise UsageError(f"{path}: tool.importlinter.contracts: expected an array of tables")
    session = {key: _value(path, key, value) for key, value in data.items() if key != "contracts"}
    contracts = []
    for index, raw in enumerate(raw_contracts):
        where = f"tool.importlinter.contracts[{index}]"
        options = {key: _value(path, f"{where}.{key}", value) for key, value in raw.items()}
        contract_id = options.pop("id", None)
        if isinstance(contract_id, list):
            raise UsageError(f"{path}: {where}.id: expected a string")
        contracts.append(Contract(contract_id, options))
    return ImportLinterConfig(path, session, tuple(contracts))


def _value(path: Path, key: str, value: object) -> Value:
    """A TOML value as import-linter reads it: booleans and numbers become strings."""
    if isinstance(value, list):
        return [_scalar(path, key, item) for item in value]
    return _scalar(path, key, value)


def _scalar(path: Path, key: str, value: object) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (str, int)):
        return str(value)
    raise UsageError(f"{path}: {key}: expected a string, a boolean or a list of strings")
