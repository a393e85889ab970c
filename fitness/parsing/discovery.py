"""Find the Python files under the source roots and name their modules."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fitness.parsing.git_tracked import Tracked
from fitness.parsing.ignores import GitIgnores, Skip, spec
from fitness.tree import Tree
from fitness.tree.names import NAME_NOT_UTF8, shown, undecodable
from fitness.tree.work import WORK

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


# Hidden directories and names that are not identifiers (".venv", ".git",
# "my-scripts") are never walked, nor `__pycache__`.
# Vendor directories, skipped when git does not track them (a package may be named so).
VENDOR = frozenset({"__pypackages__", "node_modules", "site-packages", "buck-out"})


class SourceFile(NamedTuple):
    """A module file: its dotted name, its path relative to the project root (POSIX)."""

    module: str
    path: str
    is_package: bool


class Shadowed(NamedTuple):
    """A module name found under two source roots; the first root wins."""

    module: str
    kept: str
    ignored: str


EXCLUDED = "excluded"
GITIGNORED = "gitignored"
NOT_UNDER_A_ROOT = "not under a root"


# A Python file, or a directory (with a trailing `/`), that is not analysed: its path, why
# (`excluded`, `gitignored` or `not under a root`) and the module name it would have. A plain
# tuple: a warm run reads these from the stored listing, and a named tuple costs start-up time.
LeftOut = tuple[str, str, str]


class Discovery(NamedTuple):
    """The project's modules: files, namespace packages (directories without `__init__.py`).

    `read` lists what the walk looked at (directories, with a trailing `/`,
    `.gitignore` files, and git's index when it asked which files git tracks),
    so a later run can tell whether the listing still holds. `skipped` lists
    the directories of Python files left out, and why (`directory-skipped`).
    `left_out` lists the Python files and directories the configuration or git
    leaves out, and those outside every source root: what a rule's coverage
    names as not checked.
    """

    files: tuple[SourceFile, ...]
    namespaces: tuple[str, ...]
    shadowed: tuple[Shadowed, ...]
    unreadable: tuple[tuple[str, str], ...]
    read: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (directory, why) for untracked Python skipped
    left_out: tuple[LeftOut, ...] = ()

    @property
    def modules(self) -> frozenset[str]:
        return frozenset(f.module for f in self.files) | frozenset(self.namespaces)


def default_source_roots(project_root: Path, tree: Tree = WORK) -> tuple[str, ...]:
    """`src` if the project has one, else the project root itself."""
    return ("src",) if tree.is_dir(str(project_root / "src")) else (".",)


def discover(
    project_root: Path,
    source_roots: Sequence[str],
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    tree: Tree = WORK,
) -> Discovery:
    """List every module under `source_roots` in `tree`, skipping `exclude` and gitignored paths."""
    excluded = spec(exclude) if exclude else None
    roots = list(
        dict.fromkeys(_relative(project_root, project_root / root) for root in source_roots)
    )
    found: dict[str, SourceFile] = {}
    shadowed: list[Shadowed] = []
    unreadable: list[tuple[str, str]] = []
    read: list[str] = []
    skipped: list[tuple[str, str]] = []
    left_out: list[LeftOut] = []
    tracked = Tracked(tree, project_root)
    walked: set[str] = set()  # the real directories walked, relative to the project root
    for root in roots:
        others = {other for other in roots if other != root}
        walk = _walk(
            tree,
            project_root,
            root,
            others,
            excluded,
            respect_gitignore,
            tracked,
            walked,
            unreadable,
            read,
            left_out,
        )
        walk = _noting(walk, skipped)
        in_root: set[str] = set()
        for source in walk:
            kept = found.setdefault(source.module, source)
            if kept is not source:
                if source.is_package and not kept.is_package and source.module in in_root:
                    # As in Python, a package wins over a module of the same name.
                    found[source.module] = source
                    source, kept = kept, source
                shadowed.append(Shadowed(source.module, kept.path, source.path))
            in_root.add(source.module)
    files = tuple(sorted(found.values(), key=lambda f: f.module))
    if "." not in roots:
        left_out += _outside_roots(tree, project_root, roots, excluded, respect_gitignore, tracked)
    if tracked.index is not None:
        read.append(tracked.index)  # `git add -f` changes what is analysed, not a directory
    return Discovery(
        files,
        _namespaces(found),
        tuple(shadowed),
        tuple(sorted(unreadable)),
        tuple(read),
        tuple(sorted(set(skipped))),
        tuple(sorted(set(left_out))),
    )


def _noting(
    walk: Iterable[SourceFile | Skipped], skipped: list[tuple[str, str]]
) -> Iterable[SourceFile]:
    for item in walk:
        if isinstance(item, Skipped):
            skipped.append((item.path, item.why))
        else:
            yield item


def _walk(
    tree: Tree,
    project_root: Path,
    root: str,
    other_roots: set[str],
    excluded: GitIgnoreSpec | None,
    respect_gitignore: bool,
    tracked: Tracked,
    walked: set[str],
    unreadable: list[tuple[str, str]],
    read: list[str],
    left_out: list[LeftOut],
) -> Iterable[SourceFile | Skipped]:
    """Depth-first, in name order; a `.gitignore` leaves out only what git does not track.

    A link to a directory inside the project is followed; each real directory
    is walked once (the first path to it names its modules; no loops).
    """
    ignores = GitIgnores(tree, project_root) if respect_gitignore else None
    if ignores is not None and root != ".":
        # The .gitignore files above the root apply inside it too.
        parts = root.split("/")
        for directory in [".", *("/".join(parts[:end]) for end in range(1, len(parts)))]:
            ignore_file = ".gitignore" if directory == "." else f"{directory}/.gitignore"
            if tree.is_file(str(project_root / ignore_file)):
                ignores.add(directory)
                read.append(ignore_file)
    check = Skip(excluded, ignores)
    base = str(project_root)
    real_root = tree.resolve(base)
    stack: list[tuple[str, list[str], str]] = [(root, [], root)]
    while stack:
        here, package, real = stack.pop()
        if real in walked:
            continue
        walked.add(real)
        try:
            entries = tree.entries(base if here == "." else os.path.join(base, here))
        except OSError as error:
            unreadable.append((here, error.strerror or str(error)))
            continue
        read.append(here + "/")
        names = {entry.name for entry in entries}
        if "pyvenv.cfg" in names and here != root and not tracked.holds(here):
            if _holds_python(names):
                yield Skipped(
                    here, "a virtual environment (it holds pyvenv.cfg) git does not track"
                )
            continue
        if ignores is not None and ".gitignore" in names:
            ignores.add(here)
            read.append(".gitignore" if here == "." else f"{here}/.gitignore")
        subdirectories = []
        for entry in entries:
            name = entry.name
            path = name if here == "." else f"{here}/{name}"
            if (entry.is_dir or name.endswith(".py")) and undecodable(name):
                # No module name can hold it; unless excluded, ignored or hidden, it is reported.
                skipped = check.skipped(path + "/" if entry.is_dir else path)
                if not skipped and not name.startswith("."):
                    unreadable.append((shown(path), NAME_NOT_UTF8))
                continue
            if entry.is_dir:
                if name in VENDOR and not tracked.holds(path):
                    if _holds_python(_names(tree, os.path.join(base, path))):
                        yield Skipped(path, f"a vendor directory ({name}) git does not track")
                    continue
                if name.isidentifier() and name != "__pycache__" and path not in other_roots:
                    why = _why_skipped(check, tracked, path + "/", path)
                    if why is None:
                        inner = name if real == "." else f"{real}/{name}"
                        subdirectories.append((path, [*package, name], inner))
                    elif _holds_python(_names(tree, os.path.join(base, path))):
                        left_out.append((path + "/", why, ".".join([*package, name])))
                continue
            if not entry.is_file and name.isidentifier() and tree.is_dir(os.path.join(base, path)):
                if check.excluded(path) or (check.ignored(path) and not tracked.file(path)):
                    continue
                target = _inside(tree, real_root, os.path.join(base, path))
                if target is not None:
                    subdirectories.append((path, [*package, name], target))
                elif _holds_python(_names(tree, os.path.join(base, path))):
                    yield Skipped(path, "a link to a directory outside the project")
                continue
            stem, _, suffix = name.rpartition(".")
            # Any name without a dot is a module: `importlib.import_module("app.price-impl")`
            # loads `price-impl.py`, and Django loads `migrations/0001_initial.py` by name.
            if suffix != "py" or not _module_name(stem):
                continue
            is_package = stem == "__init__"
            parts = package if is_package else [*package, stem]
            why = _why_skipped(check, tracked, path, path, file=True)
            if why is not None:
                if entry.is_file and parts:
                    left_out.append((path, why, ".".join(parts)))
                continue
            if not entry.is_file:
                continue  # a dangling link, or a link to a directory
            if parts:
                yield SourceFile(".".join(parts), path, is_package)
        stack.extend(reversed(subdirectories))


def _why_skipped(
    check: Skip, tracked: Tracked, pattern: str, path: str, file: bool = False
) -> str | None:
    """`excluded` or `gitignored` (and git does not track it) when `path` is left out."""
    if check.excluded(pattern):
        return EXCLUDED
    if check.ignored(pattern) and not (tracked.file(path) if file else tracked.holds(path)):
        return GITIGNORED
    return None


def _outside_roots(
    tree: Tree,
    project_root: Path,
    roots: Sequence[str],
    excluded: GitIgnoreSpec | None,
    respect_gitignore: bool,
    tracked: Tracked,
) -> list[LeftOut]:
    """The Python files and directories of Python files at the top of the project that no
    source root holds (`tests/`, `setup.py`); shallow: their insides are not walked."""
    base = str(project_root)
    try:
        entries = tree.entries(base)
    except OSError:
        return []
    ignores = GitIgnores(tree, project_root) if respect_gitignore else None
    if ignores is not None and any(entry.name == ".gitignore" for entry in entries):
        ignores.add(".")
    check = Skip(excluded, ignores)
    tops = {root.split("/")[0] for root in roots}
    found = []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in VENDOR or name == "__pycache__" or name in tops:
            continue
        if entry.is_dir:
            if not name.isidentifier() or _why_skipped(check, tracked, name + "/", name):
                continue
            names = _names(tree, os.path.join(base, name))
            if "pyvenv.cfg" not in names and _holds_python(names):
                found.append((name + "/", NOT_UNDER_A_ROOT, name))
        elif (
            entry.is_file
            and name.endswith(".py")
            and _module_name(name[:-3])
            and not _why_skipped(check, tracked, name, name, file=True)
        ):
            found.append((name, NOT_UNDER_A_ROOT, name[:-3]))
    return found


class Skipped(NamedTuple):
    """A directory of Python files left out by a heuristic, git not tracking it."""

    path: str
    why: str


def _inside(tree: Tree, real_root: str, link: str) -> str | None:
    """Where the directory `link` leads, relative to the real project root; None outside it."""
    target = os.path.relpath(tree.resolve(link), real_root)
    if target == ".." or target.startswith(".." + os.sep) or os.path.isabs(target):
        return None
    return "." if target == "." else target.replace(os.sep, "/")


def _module_name(stem: str) -> bool:
    """Whether `import_module` can name a file of this stem: no dot, valid UTF-8."""
    if not stem or "." in stem:
        return False
    try:
        stem.encode("utf-8")
    except UnicodeEncodeError:  # a name that is not UTF-8, read with surrogate escapes
        return False
    return True


def _names(tree: Tree, directory: str) -> set[str]:
    try:
        return {entry.name for entry in tree.entries(directory)}
    except OSError:
        return set()


def _holds_python(names: Iterable[str]) -> bool:
    return any(name.endswith(".py") for name in names)


def _namespaces(found: dict[str, SourceFile]) -> tuple[str, ...]:
    namespaces = set()
    for module in found:
        parts = module.split(".")
        for end in range(1, len(parts)):
            prefix = ".".join(parts[:end])
            if prefix not in found:
                namespaces.add(prefix)
    return tuple(sorted(namespaces))


def _relative(project_root: Path, path: Path) -> str:
    try:
        relative = os.path.relpath(path, project_root)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(relative).as_posix()
