"""Which distribution provides a module, without importing anything.

Three sources, most trusted first after the rule's own `module_map`:

- the metadata of the distributions installed where fitness runs (each
  `*.dist-info` on `sys.path` outside the project: its `RECORD`, else its
  `top_level.txt`; and its `METADATA`'s `Requires-Dist`, for what is there only
  because something else needs it) — read as text, never imported;
- the declared distributions whose names read as a module prefix
  (`google-cloud-storage` for `google.cloud.storage`, `psycopg2` for `psycopg2`);
- the table shipped with fitness (`distributions.toml` beside this module) for
  the well-known names that differ (`yaml` is PyYAML's);
- else the module's top-level name itself, normalised.

Every source maps module prefixes, and the longest matching prefix wins, so the
distributions sharing a namespace package (`google.cloud.*`) are told apart.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import NamedTuple

from fitness.config.manifests import Manifests, normalise, requirement_name

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

_TABLE = Path(__file__).with_name("distributions.toml")


class Installed(NamedTuple):
    """What the installed distributions' metadata says.

    `prefixes` maps a module prefix (`yaml`, `google.cloud.storage`) to the
    distributions that install it; `requires` each distribution to those it
    requires (unconditionally or under an environment marker; not through an extra).
    """

    prefixes: dict[str, tuple[str, ...]]
    requires: dict[str, tuple[str, ...]]


class DependencyInputs(NamedTuple):
    """What a `dependencies` rule reads besides the code: the manifests, and the installed
    distributions' metadata (as `installed_stamp` lists it). Both are in the reuse key."""

    manifests: Manifests
    installed: tuple[str, ...]

    def key(self) -> tuple[object, ...]:
        return (self.manifests.read, self.installed)


def site_directories(project_root: Path) -> list[str]:
    """The entries of `sys.path` that are directories outside the project."""
    project = str(project_root.resolve())
    found = []
    for entry in sys.path:
        if not entry or not os.path.isdir(entry):
            continue
        real = os.path.realpath(entry)
        if real == project or real.startswith(project + os.sep):
            continue
        if real not in found:
            found.append(real)
    return found


def installed_stamp(directories: Sequence[str]) -> tuple[str, ...]:
    """The `*.dist-info` directories in `directories`: a name and version each, which
    is what the reuse key needs to know that the installed metadata is the same."""
    stamp: list[str] = []
    for directory in directories:
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        stamp.extend(f"{directory}/{n}" for n in sorted(names) if n.endswith(".dist-info"))
    return tuple(stamp)


def read_installed(stamp: Iterable[str]) -> Installed:
    """The metadata of each distribution `installed_stamp` listed (the first of a name wins)."""
    prefixes: dict[str, list[str]] = {}
    requires: dict[str, tuple[str, ...]] = {}
    for info in stamp:
        name = normalise(os.path.basename(info).split("-", 1)[0])
        if name in requires:
            continue  # shadowed by one earlier on the path
        requires[name] = _requires(info)
        for prefix in _prefixes(info):
            known = prefixes.setdefault(prefix, [])
            if name not in known:
                known.append(name)
    return Installed({p: tuple(names) for p, names in prefixes.items()}, requires)


def shipped_table() -> dict[str, tuple[str, ...]]:
    """The shipped table: module prefix -> the distributions that may install it
    (normalised; several when they are alternatives, as PyDispatcher and PyPyDispatcher)."""
    with _TABLE.open("rb") as file:
        data = tomllib.load(file)
    modules = data.get("modules", {})
    return {
        str(module): tuple(normalise(str(d)) for d in (dist if isinstance(dist, list) else [dist]))
        for module, dist in modules.items()
    }


class Names:
    """The distribution of a module, from the sources above in order."""

    def __init__(
        self,
        module_map: Mapping[str, str],
        installed: Installed,
        table: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.module_map = module_map
        self.installed = installed
        self.table = table

    def distribution(self, module: str, declared: Iterable[str] = ()) -> tuple[str, str]:
        """The distribution that provides `module` and the source that says so
        (`module_map`, `installed`, `table`, `declared` or `name`). Among several
        installed distributions of one prefix, a `declared` one is preferred."""
        parts = module.split(".")
        prefixes = [".".join(parts[:end]) for end in range(len(parts), 0, -1)]
        for prefix in prefixes:
            if prefix in self.module_map:
                return normalise(self.module_map[prefix]), "module_map"
        wanted = set(declared)
        for prefix in prefixes:
            names = self.installed.prefixes.get(prefix)
            if names:
                return next((n for n in names if n in wanted), names[0]), "installed"
        for prefix in prefixes:
            if normalise(prefix) in wanted:
                return normalise(prefix), "declared"
        for prefix in prefixes:
            if prefix in self.table:
                names = self.table[prefix]
                return next((n for n in names if n in wanted), names[0]), "table"
        return normalise(parts[0]), "name"

    def alternatives(self, module: str) -> tuple[str, ...]:
        """Every distribution the shipped table says may install `module` (one import
        uses each: a project may declare either, under environment markers)."""
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            names = self.table.get(".".join(parts[:end]))
            if names is not None:
                return names
        return ()

    def requirers(self, target: str, roots: Iterable[str]) -> str | None:
        """The first of `roots` whose installed requirements bring in `target`, if any."""
        requires = self.installed.requires
        for root in sorted(roots):
            seen = {root}
            queue = [root]
            while queue:
                for needed in requires.get(queue.pop(), ()):
                    if needed == target:
                        return root
                    if needed not in seen:
                        seen.add(needed)
                        queue.append(needed)
        return None

    def is_installed(self, distribution: str) -> bool:
        return distribution in self.installed.requires


def _prefixes(info: str) -> set[str]:
    """The module prefixes a distribution installs: each top-level module or package, and
    for a namespace package (a directory without `__init__`) the packages inside it."""
    try:
        record = Path(info, "RECORD").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        record = ""
    files = [line.split(",", 1)[0] for line in record.splitlines() if line]
    modules = [path for path in files if _is_module(path)]
    if not modules:
        try:
            top = Path(info, "top_level.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return set()
        return {line.strip().replace("/", ".") for line in top.splitlines() if line.strip()}
    packages = {
        tuple(path.split("/")[:-1])
        for path in modules
        if path.rsplit("/", 1)[-1].split(".", 1)[0] == "__init__"
    }
    found = set()
    for path in modules:
        parts = path.split("/")
        stem = parts[-1].split(".", 1)[0]
        whole = (*parts[:-1], stem) if stem != "__init__" else tuple(parts[:-1])
        prefix = next(
            (whole[:end] for end in range(1, len(whole)) if whole[:end] in packages), whole
        )
        if prefix and all(part.isidentifier() for part in prefix):
            found.add(".".join(prefix))
    return found


_SUFFIXES = (".py", ".pyi", *EXTENSION_SUFFIXES)


def _is_module(path: str) -> bool:
    if path.startswith(("..", "/")) or not path.endswith(_SUFFIXES):
        return False
    top = path.split("/", 1)[0]
    return not top.endswith((".dist-info", ".data", "-stubs")) and "__pycache__" not in path


def _requires(info: str) -> tuple[str, ...]:
    """The distributions METADATA's `Requires-Dist` names, leaving out those of an extra."""
    try:
        with open(os.path.join(info, "METADATA"), encoding="utf-8") as file:
            headers = []
            for line in file:
                if line in ("\n", "\r\n"):  # the headers end (a folded line is indented)
                    break
                headers.append(line)
    except (OSError, UnicodeDecodeError):
        return ()
    found = []
    for line in headers:
        if not line.startswith("Requires-Dist:"):
            continue
        requirement, _, marker = line[len("Requires-Dist:") :].partition(";")
        if "extra" in marker:
            continue
        name = requirement_name(requirement)
        if name is not None and name not in found:
            found.append(name)
    return tuple(found)
