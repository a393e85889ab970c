"""Rule packs: the files `extends` names, read with the packs they extend in turn.

`extends = ["fitness:security", "ci/team-rules.toml"]`: `fitness:NAME` is a
built-in pack (`rules/NAME.toml`, shipped in the wheel as `fitness/rules/`); any
other entry is a path, relative to the directory of the file that names it. A
pack holds `[rules.<id>]` tables, as fitness.toml does, and may `extend` others.
A pack reached twice (two packs extend a third) is read once; a pack that
reaches itself is a problem naming the cycle, and so is a rule id that two packs
define: which one would win is nothing a reader could tell.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from fitness.config.source import ConfigSource, Problem, Problems, Where
from fitness.config.table import Table
from fitness.config.toml_file import display, read_toml
from fitness.suggest import close_match
from fitness.tree import Tree
from fitness.tree.work import WORK

BUILT_IN = "fitness:"

# The top-level keys of a rule pack.
PACK_KEYS = ("extends", "rules", "suppressible")


def built_in_packs() -> dict[str, Path]:
    """The built-in packs by name: `security` for `rules/security.toml`."""
    directory = _packs_directory()
    return {} if directory is None else {p.stem: p for p in sorted(directory.glob("*.toml"))}


class _Target(NamedTuple):
    """A pack file `extends` names: where it is, and how problems and findings name it."""

    path: Path  # resolved
    display: str
    finding_path: str
    built_in: bool


class PackRules:
    """The rules of every pack a configuration extends, directly or through other packs.

    `rules` maps each rule id to its table, in the order the packs are read:
    depth first, so a pack's extended packs come before its own rules.
    """

    def __init__(self, project_root: Path, defaults: Mapping[str, str], tree: Tree) -> None:
        self.rules: dict[str, Table] = {}
        self._tree = tree
        self.named = 0  # how many packs the configuration itself names in `extends`
        self._project_root = project_root
        self._defaults = defaults
        self._read: set[Path] = set()

    def follow(self, top: Table, file: Path) -> None:
        """Read the packs that `top`, the top table of the configuration at `file`, extends."""
        self.named = len(top.strings("extends"))
        self._follow(
            top, file, ((Path(self._tree.resolve(str(file))), top.where().source.display),)
        )

    def _follow(self, top: Table, file: Path, chain: tuple[tuple[Path, str], ...]) -> None:
        for text, path in top.strings("extends"):
            where = top.problems.where(path)
            target = self._target(text, file, where, top.problems)
            if target is None:
                continue
            ancestors = [resolved for resolved, _ in chain]
            if target.path in ancestors:
                cycle = [name for _, name in chain[ancestors.index(target.path) :]]
                top.problems.add(where, "circular extends: " + " -> ".join([*cycle, cycle[0]]))
                continue
            if target.path in self._read:
                continue
            self._read.add(target.path)
            pack = self._pack(target, top.problems)
            if pack is not None:
                self._follow(pack, target.path, (*chain, (target.path, target.display)))
                self._collect(pack)
                pack.finish()

    def _target(self, text: str, file: Path, where: Where, problems: Problems) -> _Target | None:
        if text.startswith(BUILT_IN):
            name = text[len(BUILT_IN) :]
            packs = built_in_packs()
            if name in packs:
                shown = f"rules/{name}.toml"
                return _Target(packs[name].resolve(), shown, shown, True)
            close = close_match(name, packs)
            hint = f" (did you mean '{BUILT_IN}{close}'?)" if close else ""
            problems.add(
                where,
                f"no built-in rule pack '{name}'{hint}; built-in packs: {', '.join(packs)}",
            )
            return None
        path = file.parent / text
        if self._tree.is_file(str(path)):
            resolved = Path(self._tree.resolve(str(path)))
            return _Target(resolved, display(path), self._finding_path(resolved), False)
        problems.add(where, _no_file(text, path, where, self._tree))
        return None

    def _pack(self, target: _Target, problems: Problems) -> Table | None:
        read = read_toml(target.path, target.display, WORK if target.built_in else self._tree)
        if isinstance(read, Problem):
            problems.extend([read])
            return None
        text, document = read
        source = ConfigSource.from_text(target.display, text, (), target.finding_path)
        return Table(document, (), problems.at(source))

    def _collect(self, pack: Table) -> None:
        """Note each rule the pack defines; its keys are read once overrides are known."""
        # `suppressible = false` at a pack's top: none of its rules may be silenced.
        sealed = {"suppressible": "false"} if not pack.boolean("suppressible", True) else {}
        rules = pack.table("rules", {**self._defaults, **sealed})
        # (`rules` that is not a table is a problem already.)
        empty = rules.is_empty() if rules is not None else not pack.has("rules")
        if empty and not pack.has("extends"):
            pack.problem(None, "no rules in this rule pack: add [rules.<id>] tables")
        if rules is None:
            return
        for rule_id, table in rules.tables():
            if table is None:
                continue
            first = self.rules.get(rule_id)
            if first is None:
                self.rules[rule_id] = table
                continue
            at = first.where()
            table.problem(
                None,
                f"rule '{rule_id}' is also defined in {at.source.display}:{at.line()}: "
                "a rule id may come from one extended pack only",
            )
            table.skip_rest()

    def _finding_path(self, resolved: Path) -> str:
        return Path(os.path.relpath(resolved, self._project_root.resolve())).as_posix()


def _no_file(text: str, path: Path, where: Where, tree: Tree) -> str:
    naming = where.source.display
    shown = display(path)
    looked = "" if shown == text else f"looked for {shown}; "
    hint = ""
    if "/" not in text and "\\" not in text and Path(text).stem in built_in_packs():
        hint = f"; did you mean '{BUILT_IN}{Path(text).stem}'?"
    else:
        # Other packs beside the one asked for, by stem: every name shares `.toml`.
        directory = path.parent
        naming_file = where.source.display
        listed = tree.entries(str(directory)) if tree.is_dir(str(directory)) else []
        siblings = {
            name[: -len(".toml")]: name
            for name in (entry.name for entry in listed if entry.is_file)
            if name.endswith(".toml") and display(directory / name) != naming_file
        }
        close = close_match(path.stem, siblings)
        if close is not None:
            hint = f"; did you mean '{(Path(text).parent / siblings[close]).as_posix()}'?"
    return (
        f"no rule pack file '{text}' ({looked}a path in extends is relative to the "
        f"directory of {naming}{hint})"
    )


def _packs_directory() -> Path | None:
    """`fitness/rules/` in an installed wheel, `rules/` beside `fitness/` in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    return None
