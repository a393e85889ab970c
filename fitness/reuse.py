"""Reuse what the last run worked out, as far as nothing it depends on has changed.

Two files beside the facts cache, each written whole and atomically, each
ignored when unreadable, corrupt or of another version (like the facts cache):

- the *findings* of the rules and of the files (before scope, suppressions and
  the baseline, which are applied afresh on every run), with what the rules
  reached (their coverage, as bytes the caller encodes), the comments
  suppressions and ADR findings are read from, under a key of fitness's and
  Python's versions, the configuration (every file's text: the configuration
  and the packs its rules come from; the rules selected), the module list,
  and what else the caller says the findings depend on (`extra_key`: a
  `dependencies` rule's manifests, the distribution and version of each
  plugin whose kind a rule uses — `fitness.app.run`),
  and the version (stamp and content hash) of every file they were found in;
- the *resolved graph*: each module's edges, with the content hash of the
  file they were resolved from, under a key of the module list (a module
  added or removed can change how other modules' imports resolve).

A run whose files all have the stamps the findings were stored with reads
nothing else: no facts, no graph. Otherwise the facts are collected; when the
changed files' facts equal those the findings were found with (an edit that
touches no import, use or comment that fitness reads), the findings stand.
Else the graph is rebuilt, re-resolving only the changed modules' imports,
and the rules run again.

ADR files are not part of either key: the decisions are read, and the ADR
findings worked out, on every run.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from fitness import __version__
from fitness.atomic import write_atomic_bytes
from fitness.config.schema import Config
from fitness.finding_codec import decode_finding, encode_finding
from fitness.graph import ImportGraph, build_graph
from fitness.graph.build import edges_by_importer
from fitness.logs import Logger
from fitness.model import (
    Bans,
    Between,
    Comment,
    FileFacts,
    Finding,
    ImportEdge,
    Location,
    PairImports,
)
from fitness.parsing.cache import Entry, FactsCache, own_directory
from fitness.parsing.discovery import Discovery
from fitness.parsing.examined import reusable
from fitness.parsing.version import newest, racy, read_written
from fitness.tree import Tree

log = Logger("fitness.cache")  # imports logging only when --debug set it up

FORMAT = 9  # bump when what is stored changes shape

_REWRITE = 64  # modules resolved afresh (or 1 %) past which the stored graph is rewritten

Versions = dict[str, Entry]  # path -> (*stamp, content hash)
# The findings, and what else came with them (bytes of the caller's: the rules' coverage).
FindingsOf = Callable[[ImportGraph, dict[str, FileFacts]], tuple[list[Finding], bytes]]


class Analysis(NamedTuple):
    """What the rules and the files gave, whether worked out now or reused."""

    findings: list[Finding]  # of the rules and the files; scope and policy not applied
    comments: dict[str, tuple[Comment, ...]]  # by path, only files that have any
    modules: frozenset[str]  # the graph's internal modules
    externals: frozenset[str]  # the external names the graph's imports name
    how: str  # "reused", "unaffected", "incremental" or "rebuilt"
    imports: frozenset[tuple[str, str]] | None = None  # the graph's pairs, when it was built
    # The statements between the project's modules, for views: worked out (or decoded from
    # the store) only when asked, since a check does not need them.
    between: Callable[[], Between] | None = None
    beside: bytes = b""  # what `findings_of` gave with the findings, stored and reused with them


def analyse(
    config: Config,
    discovery: Discovery,
    collect: Callable[[Sequence[str] | None], tuple[dict[str, FileFacts], FactsCache]],
    findings_of: FindingsOf,
    bans: Bans,
    directory: Path | None,
    tree: Tree,
    graph_from: Path | None = None,
    read: bool = True,
    extra_key: object = None,
) -> Analysis:
    """The findings of `findings_of(graph, facts)`, reused from `directory` where they still hold.

    The files are those of `tree`; `collect(paths)` gathers the facts of
    `paths` (None: of every file) with `bans`, and gives the cache it read them
    from (loaded on the first call); `directory` None reuses nothing and stores
    nothing. `graph_from` (another tree's `directory`, for `--since`) lends the
    imports it resolved for the same module list and the same contents, and is
    never written. `read=False` (`--no-cache`) reuses nothing but stores what it found.
    `extra_key` is what else the findings depend on (a `dependencies` rule's
    manifests and installed metadata): stored findings under another are not reused.
    """
    paths = [source.path for source in discovery.files]
    key = _findings_key(config, discovery, extra_key) if directory is not None else None
    loaded = _load(directory / _FINDINGS, key) if directory is not None and read else None
    stored = loaded[0] if loaded is not None else None
    stale = None
    if loaded is not None:
        stale = _stale(tree, config.project_root, paths, loaded[0][0], loaded[1])
    if stored is not None and stale == []:
        log.debug("reuse: no file changed; the findings of the last run stand")
        reused = _decode_analysis(stored[1:], discovery, "reused")
        if reused is not None:
            return reused
    if stored is not None and stale:
        # Only the files whose stamps changed are read: if their facts are those the
        # findings were found with, the other files' facts are not needed at all.
        changed, cache = collect(stale)
        versions = cache.versions()
        if _unaffected(paths, stored[0][0], versions, changed, cache, bans, bans.measures):
            log.debug("reuse: the changed files' facts are unchanged; the findings stand")
            unaffected = _decode_analysis(stored[1:], discovery, "unaffected")
            if unaffected is not None:
                _save(directory, _FINDINGS, (key, _versions(versions), *stored[1:]))
                return unaffected
    facts, cache = collect(None)
    versions = cache.versions()
    graph, how = _graph(discovery, facts, versions, directory, graph_from, read)
    findings, beside = findings_of(graph, facts)
    comments = {path: found.comments for path, found in facts.items() if found.comments}
    analysis = Analysis(
        findings, comments, graph.modules, graph.externals, how, graph.pairs, graph.between, beside
    )
    if directory is not None and len(versions) == len(paths):
        _save(directory, _FINDINGS, (key, _versions(versions), *_encode_analysis(analysis)))
    return analysis


def _versions(versions: Versions) -> tuple[Versions, int]:
    """The files' versions as stored: with the `newest` of their stamps."""
    return versions, newest(entry[:-1] for entry in versions.values())


_FINDINGS = f"findings-{__version__}-r{FORMAT}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
_GRAPH = f"graph-{__version__}-r{FORMAT}.marshal"


def _findings_key(config: Config, discovery: Discovery, extra: object = None) -> tuple[Any, ...]:
    sources = {config.source, *(rule.where.source for rule in config.rules)}
    texts = sorted((source.path, source.display, source.text) for source in sources)
    return (
        str(config.project_root),
        str(config.path),
        tuple(texts),
        tuple(rule.id for rule in config.rules),
        _modules_key(discovery),
        tuple(tuple(shadowed) for shadowed in discovery.shadowed),
        tuple(discovery.unreadable),
        extra,
    )


def _modules_key(discovery: Discovery) -> tuple[Any, ...]:
    return tuple(tuple(source) for source in discovery.files), tuple(discovery.namespaces)


def _stale(
    tree: Tree, root: Path, paths: Sequence[str], stored: tuple[Versions, int], written: int
) -> list[str] | None:
    """The files whose stamp in `tree` is not the one `stored` has for them, or is racy
    (not older than `written`, when the findings were stored: `fitness.parsing.version`).
    `stored` is the files' versions and their `newest` time, which answers for every
    unchanged stamp at once.

    None when that is not known: the files are not the stored ones, or one
    cannot be stat-ed (it is read, and its problem reported, by a full run).
    """
    if not isinstance(stored, tuple) or len(stored) != 2:
        return None
    versions, latest = stored
    if len(versions) != len(paths):
        return None
    suspect = latest >= written
    base = str(root)
    stale = []
    try:
        for path in paths:
            known = versions.get(path)
            if known is None:
                return None
            stamp = tree.stamp(os.path.join(base, path))
            if known[:-1] != stamp or (suspect and racy(stamp, written)):
                stale.append(path)
    except OSError:
        return None
    return stale


def _unaffected(
    paths: Sequence[str],
    stored: Versions,
    versions: Versions,
    facts: Mapping[str, FileFacts],
    cache: FactsCache,
    bans: Bans,
    measures: bool = False,
) -> bool:
    """Whether each of the files in `facts` has the facts its stored content had.

    Lines of code, classes and functions count only when a rule `measures` them
    (`metrics`, `classes`, a plugin's: `Bans.measures`): without one, an edit that
    changes nothing else leaves the findings standing.
    """
    end = len(FileFacts._fields) if measures else _MEASURED
    if len(versions) != len(paths):
        return False  # a file could not be read: its finding is not in the stored ones
    for path, found in facts.items():
        before, now = stored.get(path), versions.get(path)
        if before is None or now is None:
            return False
        if before[-1] == now[-1]:
            continue
        old = cache.by_digest(str(before[-1]))
        if old is None:
            return False
        again = reusable(old, bans)
        if again is None or again[:end] != found[:end]:
            return False
    return True


_MEASURED = FileFacts._fields.index("lines")  # the sections from here on are the metrics'


def _graph(
    discovery: Discovery,
    facts: dict[str, FileFacts],
    versions: Versions,
    directory: Path | None,
    graph_from: Path | None,
    read: bool = True,
) -> tuple[ImportGraph, str]:
    """The graph, re-resolving only the modules whose content changed since it was stored."""
    source = directory or graph_from
    key = _modules_key(discovery) if source is not None else None
    loaded = _load(source / _GRAPH, key) if source is not None and read else None
    stored = loaded[0] if loaded is not None else None
    resolved: dict[str, list[ImportEdge]] = {}
    if stored is not None:
        by_module: dict[str, tuple[str, tuple[Any, ...]]] = stored[0]
        for module, path, _ in discovery.files:
            known = by_module.get(module)
            version = versions.get(path)
            if known is not None and version is not None and known[0] == version[-1]:
                resolved[module] = _decode_edges(module, path, known[1])
        log.debug("reuse: %d of %d modules' imports resolved before", len(resolved), len(versions))
    modules = ((f.module, f.path, f.is_package) for f in discovery.files)
    graph = build_graph(modules, discovery.namespaces, facts, resolved)
    fresh = len(discovery.files) - len(resolved)
    # A few modules resolved afresh are resolved afresh again next time, rather than
    # the whole graph written for them; past the line it is written again.
    if directory is not None and (stored is None or fresh > max(_REWRITE, len(resolved) // 100)):
        edges = edges_by_importer(graph)
        by_module = {
            f.module: (str(versions[f.path][-1]), _encode_edges(edges.get(f.module, ())))
            for f in discovery.files
            if f.path in versions
        }
        _save(directory, _GRAPH, (key, by_module))
    return graph, "incremental" if resolved else "rebuilt"


def _encode_edges(edges: Sequence[ImportEdge]) -> tuple[Any, ...]:
    return tuple(
        (e.imported, *e.location[1:], e.local, e.type_checking, e.dynamic, e.external, e.module)
        for e in edges
    )


def _decode_edges(importer: str, path: str, encoded: tuple[Any, ...]) -> list[ImportEdge]:
    return [ImportEdge(importer, e[0], Location(path, *e[1:5]), *e[5:]) for e in encoded]


def _encode_analysis(analysis: Analysis) -> tuple[Any, ...]:
    between = analysis.between() if analysis.between is not None else {}
    return (
        tuple(encode_finding(finding) for finding in analysis.findings),
        tuple((path, tuple(map(tuple, found))) for path, found in analysis.comments.items()),
        tuple(sorted(analysis.externals)),
        # Stored as bytes of their own: a run that does not draw never unpacks them.
        marshal.dumps(tuple((*pair, *found) for pair, found in between.items())),
        analysis.beside,
    )


def _decode_analysis(encoded: tuple[Any, ...], discovery: Discovery, how: str) -> Analysis | None:
    """The stored analysis, or None if what is stored is not what `_encode_analysis` wrote."""
    internal = frozenset(f.module for f in discovery.files) | frozenset(discovery.namespaces)
    try:
        findings, comments, externals, between, beside = encoded
        for stored in (between, beside):
            if not isinstance(stored, bytes):
                raise TypeError(f"bytes are stored as {type(stored).__name__}")
        return Analysis(
            [decode_finding(finding) for finding in findings],
            {path: tuple(Comment(*c) for c in found) for path, found in comments},
            internal,
            frozenset(externals),
            how,
            between=partial(_decode_between, between),
            beside=beside,
        )
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        log.debug("cache: ignoring the stored findings (%s)", exc)
        return None


def _decode_between(stored: bytes) -> Between:
    return {(row[0], row[1]): PairImports(*row[2:]) for row in marshal.loads(stored)}


def _load(location: Path, key: object) -> tuple[tuple[Any, ...], int] | None:
    """What is stored at `location` after `key`, if it is there, readable and under that key,
    and when it was written (ns)."""
    try:
        data, written = read_written(location)
        stored = marshal.loads(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("cache: ignoring %s (%s); it will be rebuilt", location, exc)
        return None
    if not isinstance(stored, tuple) or len(stored) < 2 or stored[0] != key:
        return None
    return stored[1:], written


def _save(directory: Path | None, name: str, data: tuple[Any, ...]) -> None:
    if directory is None:
        return
    try:
        own_directory(directory)
        write_atomic_bytes(directory / name, marshal.dumps(data))
    except (OSError, ValueError) as exc:
        log.warning("cannot write the cache %s: %s", directory / name, exc)
