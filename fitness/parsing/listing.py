"""Reuse the last run's file listing while no directory it read has changed.

Adding, removing or renaming a file changes its directory's modification
time, so a warm run stats the directories the last walk listed (and the
`.gitignore` files it read) instead of listing and matching them all again;
a stamp not older than the stored listing is racy, and the tree is walked again.

A tree that names its whole version (a git revision's tree id: `Tree.identity`)
needs no stamps: its listing is kept in a second store under that name, for
the next `--since` against the same revision.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fitness import __version__
from fitness.atomic import write_atomic_bytes
from fitness.logs import Logger
from fitness.parsing.cache import own_directory
from fitness.parsing.discovery import Discovery, Shadowed, SourceFile, discover
from fitness.parsing.version import newest, read_written
from fitness.tree import Stamp, Tree

log = Logger("fitness.cache")  # imports logging only when --debug set it up


def discover_cached(
    project_root: Path,
    source_roots: Sequence[str],
    exclude: Sequence[str],
    respect_gitignore: bool,
    cache_dir: Path | None,
    tree: Tree,
    read: bool = True,
) -> Discovery:
    """`discover` in `tree`, answered from `cache_dir` when nothing it depends on has changed.

    `read=False` (`--no-cache`) walks the tree and stores what it found.
    """
    if cache_dir is None:
        return discover(project_root, source_roots, exclude, respect_gitignore, tree)
    identity = tree.identity()
    store = "listing" if identity is None else "listing-revision"
    location = cache_dir / f"{store}-{__version__}.marshal"
    key = (tuple(source_roots), tuple(exclude), respect_gitignore, str(project_root), identity)
    loaded = _load(location) if read else None
    if loaded is not None:
        stored, written = loaded
        if (
            stored[0] == key
            and isinstance(stored[2], tuple)
            and len(stored[2]) == 6  # an older listing lacks what it left out: listed again
            and isinstance(stored[3], int)
            and _unchanged(tree, project_root, stored[1], stored[3] >= written)
        ):
            return _decode(stored[2])
    found = discover(project_root, source_roots, exclude, respect_gitignore, tree)
    if not found.unreadable:
        stamps = {}
        if identity is None:  # else the identity stands for every stamp
            stamps = {path: _stamp(tree, str(project_root), path) for path in found.read}
        try:
            own_directory(cache_dir)
            record = (key, stamps, _encode(found), newest(stamps.values()))
            write_atomic_bytes(location, marshal.dumps(record))
        except OSError as exc:
            log.warning("cannot write the cache %s: %s", location, exc)
    return found


def _load(location: Path) -> tuple[Any, int] | None:
    try:
        data, written = read_written(location)
        stored = marshal.loads(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("cache: ignoring %s (%s); it will be rebuilt", location, exc)
        return None
    return (stored, written) if isinstance(stored, tuple) and len(stored) == 4 else None


def _unchanged(
    tree: Tree, project_root: Path, stamps: dict[str, Stamp | None], suspect: bool
) -> bool:
    """Whether every path has its stored stamp, and none is racy: `suspect` says whether
    one of the stored stamps is not older than the listing (`newest`)."""
    root, stamp_of, join = str(project_root), tree.stamp, os.path.join  # a loop of thousands
    for path, stamp in stamps.items():
        try:
            now: Stamp | None = stamp_of(join(root, path))
        except OSError:
            now = None
        if now != stamp:
            return False
    return not suspect


def _stamp(tree: Tree, root: str, path: str) -> Stamp | None:
    try:
        return tree.stamp(os.path.join(root, path))
    except OSError:
        return None


def _encode(found: Discovery) -> tuple[Any, ...]:
    return (
        tuple((f.module, f.path, f.is_package) for f in found.files),
        found.namespaces,
        tuple((s.module, s.kept, s.ignored) for s in found.shadowed),
        found.read,
        found.skipped,
        found.left_out,
    )


def _decode(encoded: tuple[Any, ...]) -> Discovery:
    files, namespaces, shadowed, read, skipped, left_out = encoded
    return Discovery(
        tuple(SourceFile(*f) for f in files),
        tuple(namespaces),
        tuple(Shadowed(*s) for s in shadowed),
        (),
        tuple(read),
        tuple(skipped),
        tuple((str(path), str(why), str(module)) for path, why, module in left_out),
    )
