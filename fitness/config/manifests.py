"""The project's own manifests: what each project (or uv workspace member) declares it needs.

Read from `pyproject.toml` files through the tree, never from the environment:
PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
`[dependency-groups]`, uv's `[tool.uv] dev-dependencies`, Poetry's
`[tool.poetry.dependencies]` (optional ones through `[tool.poetry.extras]`),
`dev-dependencies` and `[tool.poetry.group.*.dependencies]`, and the
requirements files a rule names. Each declaration keeps its line, so an unused
one is reported where it is written. Distribution names are normalised as PEP
503 says (`Foo_Bar` -> `foo-bar`).

The members are the projects of a uv workspace (`[tool.uv.workspace] members`,
globs, less its `exclude`), or else every `pyproject.toml` with a `[project]`
(or `[tool.poetry]`) table at or above a Python file under the source roots.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from fitness.tree import Tree, read_text

if TYPE_CHECKING:
    from fitness.config.toml_positions import KeyPath

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

Group = Literal["runtime", "optional", "dev"]

_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


class Declared(NamedTuple):
    """One declared dependency: its distribution (normalised), where and how it is declared.

    `section` names where it stands as a reader finds it (`[project] dependencies`,
    `[project.optional-dependencies] cli`, `[dependency-groups] dev`); `extra` is
    the extra or group it belongs to ("" for plain runtime dependencies).
    """

    distribution: str
    group: Group
    section: str
    extra: str
    path: str  # the manifest, relative to the project root
    line: int


class Manifest(NamedTuple):
    """One project: its name (normalised), its directory relative to the project root
    ("" for the root), its manifest and what it declares."""

    name: str
    directory: str
    path: str
    declared: tuple[Declared, ...]


class Manifests(NamedTuple):
    """Every member, and the files read to know them (path and text: what the reuse key
    holds). `problems` are manifests that could not be read, with why."""

    members: tuple[Manifest, ...]
    read: tuple[tuple[str, str], ...]
    problems: tuple[str, ...] = ()

    def member_of(self, path: str) -> Manifest | None:
        """The member whose directory holds `path` (relative to the project root), deepest first."""
        best: Manifest | None = None
        for member in self.members:
            inside = not member.directory or path.startswith(member.directory + "/")
            if inside and (best is None or len(member.directory) > len(best.directory)):
                best = member
        return best


def normalise(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str | None:
    """The distribution a PEP 508 requirement names, normalised (None for a URL or a path)."""
    match = _NAME.match(requirement)
    if match is None or requirement.lstrip().startswith((".", "/", "-")):
        return None
    rest = requirement[match.end() :].lstrip()
    if rest.startswith((":", "/")):  # a URL such as `https://...` or `git+ssh://...`
        return None
    return normalise(match[1])


def read_manifests(
    root: str,
    python_files: Iterable[str],
    tree: Tree,
    requirements: Mapping[str, Group] = {},
) -> Manifests:
    """The members of the project at `root` (absolute) whose Python files are `python_files`
    (relative to `root`), with `requirements` (files relative to `root`: their group)."""
    reader = _Reader(root, tree)
    top = reader.document("")
    members: list[str] = []
    workspace = _workspace(top[1]) if top is not None else None
    if workspace is not None:
        members = [""] if _is_project(top[1] if top else {}) else []
        members += reader.expand(*workspace)
    else:
        directories = {path.rpartition("/")[0] for path in python_files}
        found: set[str] = set()
        for directory in sorted(directories):
            found.update(reader.projects_above(directory))
        if not found and top is not None:
            found.add("")
        members = sorted(found)
    manifests = [reader.manifest(directory) for directory in members]
    read = [m for m in manifests if m is not None]
    extra = _requirements(reader, requirements, read)
    return Manifests(tuple(extra), tuple(sorted(reader.texts.items())), tuple(reader.problems))


def _workspace(document: Mapping[str, Any]) -> tuple[list[str], list[str]] | None:
    uv = _table(_table(document.get("tool")).get("uv"))
    workspace = uv.get("workspace")
    if not isinstance(workspace, dict):
        return None
    return _strings(workspace.get("members")), _strings(workspace.get("exclude"))


def _is_project(document: Mapping[str, Any]) -> bool:
    return "project" in document or "poetry" in _table(document.get("tool"))


class _Reader:
    def __init__(self, root: str, tree: Tree) -> None:
        self.root = root
        self.tree = tree
        self.texts: dict[str, str] = {}
        self.documents: dict[str, tuple[str, dict[str, Any]] | None] = {}
        self.problems: list[str] = []

    def document(self, directory: str) -> tuple[str, dict[str, Any]] | None:
        """The text and document of `directory`'s pyproject.toml, if it has a readable one."""
        if directory in self.documents:
            return self.documents[directory]
        relative = f"{directory}/pyproject.toml" if directory else "pyproject.toml"
        path = os.path.join(self.root, relative)
        found: tuple[str, dict[str, Any]] | None = None
        if self.tree.is_file(path):
            try:
                text = read_text(self.tree, path)
                found = text, tomllib.loads(text)
                self.texts[relative] = text
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                self.problems.append(f"{relative}: cannot read its dependencies: {exc}")
        self.documents[directory] = found
        return found

    def projects_above(self, directory: str) -> list[str]:
        """`directory` and those above it (to the root) that hold a project's pyproject.toml."""
        parts = directory.split("/") if directory else []
        found = []
        for end in range(len(parts), -1, -1):
            here = "/".join(parts[:end])
            document = self.document(here)
            if document is not None and _is_project(document[1]):
                found.append(here)
                break  # the nearest project owns the file
        return found

    def expand(self, patterns: Sequence[str], exclude: Sequence[str]) -> list[str]:
        """The directories the workspace's `members` globs name, less `exclude`'s."""
        import fnmatch

        found: set[str] = set()
        for pattern in patterns:
            found.update(self._glob([p for p in pattern.strip("/").split("/") if p != "."], ""))
        kept = [
            d
            for d in found
            if not any(fnmatch.fnmatchcase(d, p.strip("/")) for p in exclude)
            and self.document(d) is not None
        ]
        return sorted(kept)

    def _glob(self, parts: list[str], base: str) -> list[str]:
        import fnmatch

        if not parts:
            return [base]
        head, rest = parts[0], parts[1:]
        try:
            entries = self.tree.entries(os.path.join(self.root, base) if base else self.root)
        except OSError:
            return []
        found = []
        for entry in entries:
            if entry.is_dir and fnmatch.fnmatchcase(entry.name, head):
                found += self._glob(rest, f"{base}/{entry.name}" if base else entry.name)
        return found

    def manifest(self, directory: str) -> Manifest | None:
        document = self.document(directory)
        if document is None:
            return None
        text, data = document
        from fitness.config.toml_positions import key_lines

        path = f"{directory}/pyproject.toml" if directory else "pyproject.toml"
        lines = key_lines(text)
        project = _table(data.get("project"))
        poetry = _table(_table(data.get("tool")).get("poetry"))
        name = project.get("name") or poetry.get("name")
        own = normalise(name) if isinstance(name, str) else normalise(_last(directory))
        declared = list(_declarations(data, path, lines))
        return Manifest(own, directory, path, tuple(declared))


def _line_of(lines: Mapping[KeyPath, int], path: KeyPath) -> int:
    from fitness.config.toml_positions import line_of

    return line_of(lines, path)


def _declarations(
    data: Mapping[str, Any], path: str, lines: Mapping[KeyPath, int]
) -> Iterable[Declared]:
    def listed(
        values: Any, key: KeyPath, group: Group, section: str, extra: str
    ) -> Iterable[Declared]:
        if not isinstance(values, list):
            return
        for index, value in enumerate(values):
            name = requirement_name(value) if isinstance(value, str) else None
            if name is not None:
                line = _line_of(lines, (*key, index))
                yield Declared(name, group, section, extra, path, line)

    project = _table(data.get("project"))
    yield from listed(
        project.get("dependencies"), ("project", "dependencies"), "runtime",
        "[project] dependencies", "",
    )  # fmt: skip
    for extra, values in _table(project.get("optional-dependencies")).items():
        yield from listed(
            values, ("project", "optional-dependencies", extra), "optional",
            f"[project.optional-dependencies] {extra}", extra,
        )  # fmt: skip
    for group, values in _table(data.get("dependency-groups")).items():
        yield from listed(
            values, ("dependency-groups", group), "dev", f"[dependency-groups] {group}", group
        )
    tool = _table(data.get("tool"))
    uv = _table(tool.get("uv"))
    yield from listed(
        uv.get("dev-dependencies"), ("tool", "uv", "dev-dependencies"), "dev",
        "[tool.uv] dev-dependencies", "dev",
    )  # fmt: skip
    poetry = _table(tool.get("poetry"))
    extras = {
        normalise(name): extra
        for extra, names in _table(poetry.get("extras")).items()
        for name in _strings(names)
    }
    yield from _poetry(
        poetry.get("dependencies"), ("tool", "poetry", "dependencies"), path, lines, extras
    )
    yield from _poetry(
        poetry.get("dev-dependencies"), ("tool", "poetry", "dev-dependencies"), path, lines, None
    )
    for group, table in _table(poetry.get("group")).items():
        key = ("tool", "poetry", "group", group, "dependencies")
        yield from _poetry(_table(table).get("dependencies"), key, path, lines, None, group)


def _poetry(
    table: Any,
    key: KeyPath,
    path: str,
    lines: Mapping[KeyPath, int],
    extras: Mapping[str, str] | None,
    group: str = "dev",
) -> Iterable[Declared]:
    """Poetry's tables: `extras` None for a dev table (`group`), else the main one."""
    section = "[" + ".".join(str(part) for part in key) + "]"
    for written, value in _table(table).items():
        name = normalise(written)
        if name == "python":
            continue
        line = _line_of(lines, (*key, written))
        if extras is None:
            yield Declared(name, "dev", section, group, path, line)
        elif isinstance(value, dict) and value.get("optional") is True:
            yield Declared(name, "optional", section, extras.get(name, ""), path, line)
        else:
            yield Declared(name, "runtime", section, "", path, line)


def _requirements(
    reader: _Reader, files: Mapping[str, Group], members: list[Manifest]
) -> list[Manifest]:
    """`members` with the declarations of the requirements files, each given to the member
    whose directory holds it (the root's when none does)."""
    if not files:
        return members
    added: dict[str, list[Declared]] = {m.directory: list(m.declared) for m in members}
    for relative, group in sorted(files.items()):
        path = os.path.join(reader.root, relative)
        try:
            text = read_text(reader.tree, path)
        except (OSError, UnicodeDecodeError) as exc:
            reader.problems.append(f"{relative}: cannot read its requirements: {exc}")
            continue
        reader.texts[relative] = text
        owner = Manifests(tuple(members), ()).member_of(relative)
        directory = owner.directory if owner is not None else ""
        for number, line in enumerate(text.split("\n"), start=1):
            requirement = line.split(" #", 1)[0].strip()
            name = (
                requirement_name(requirement) if requirement and not line.startswith("#") else None
            )
            if name is not None:
                declared = Declared(name, group, relative, "", relative, number)
                added.setdefault(directory, []).append(declared)
    result = [m._replace(declared=tuple(added.pop(m.directory, ()))) for m in members]
    for directory, extra in added.items():  # no manifest beside: the project root's
        result.append(Manifest(normalise(_last(reader.root)), directory, "", tuple(extra)))
    return result


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _last(directory: str) -> str:
    return directory.rstrip("/").rsplit("/", 1)[-1] or "project"
