"""One configured project across edits, checked with the editor's unsaved buffers.

The configuration is loaded and the files discovered once, then again only
when a configuration file changes or Python files come and go; each check lays
the open buffers over the work tree (`fitness.tree.overlay`), so the facts of
every unchanged file come from the cache and only the edited ones are parsed.
The server calls `check` from one thread at a time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from fitness.app.configure import Configured, configure
from fitness.app.options import CheckOptions
from fitness.app.run import Run, run_check
from fitness.app.trees import Revisions
from fitness.config.source import InvalidConfig, Problem
from fitness.errors import ConfigError
from fitness.lsp.diagnostics import Diagnostic, config_diagnostics, diagnostics
from fitness.tree.overlay import OverlayTree
from fitness.tree.work import WORK


class Checked(NamedTuple):
    """The last check: its run, and the configured project it ran on."""

    run: Run
    configured: Configured

    def relative(self, path: str) -> str | None:
        """`path` (absolute) relative to the project root, as findings name files; None
        outside the project."""
        root = self.configured.config.project_root.resolve()
        try:
            return Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            return None

    def absolute(self, relative: str) -> str:
        return str(self.configured.config.project_root.resolve() / relative)


class Session:
    """The project under `root`, configured once and checked after each edit.

    `published` remembers what each file was last given, so that a check
    reports only the files whose diagnostics changed, cleared ones included.
    """

    def __init__(self, root: Path, jobs: int, clock: Callable[[], float]) -> None:
        self.root = root
        self.jobs = jobs
        self.clock = clock
        self.last: Checked | None = None
        self.problems: tuple[Problem, ...] = ()  # the configuration's, while it has some
        self.unconfigured: str | None = None  # why there is no configuration to check by
        self._configured: Configured | None = None
        self._files: frozenset[str] = frozenset()  # the configured project's, absolute
        self._published: dict[str, tuple[Diagnostic, ...]] = {}

    def reconfigure(self) -> None:
        """Load the configuration again at the next check (it or the files changed)."""
        self._configured = None

    def knows(self, path: str) -> bool:
        """Whether `path` (absolute) is one of the files the configured project checks."""
        if self._configured is None:
            return True  # the next check configures anyway
        return os.path.normpath(path) in self._files

    def check(self, buffers: Mapping[str, str]) -> dict[str, tuple[Diagnostic, ...]]:
        """Check with `buffers` (absolute path -> unsaved text of each open document) over
        the work tree; the diagnostics of each file whose diagnostics changed.

        A configuration that cannot be loaded gives diagnostics on its files (the
        open documents' findings are cleared until it is fixed).
        """
        tree = OverlayTree(WORK, {path: text.encode("utf-8") for path, text in buffers.items()})
        options = CheckOptions(cwd=self.root, jobs=self.jobs)
        wanted: dict[str, list[Diagnostic]] = {}
        try:
            if self._configured is None:
                self._configured = configure(options, tree, Revisions())
                root = self._configured.config.project_root
                listed = self._configured.discovery.files
                self._files = frozenset(os.path.normpath(root / f.path) for f in listed)
            now = self._configured._replace(tree=tree)
            run = run_check(options, self.clock, now=now)
        except InvalidConfig as error:
            self._failed(error.records, None)
            wanted = {
                self._at(file): found for file, found in config_diagnostics(error.records).items()
            }
        except ConfigError as error:  # no configuration at all: nothing to place
            self._failed((), str(error))
        else:
            self.problems, self.unconfigured = (), None
            self.last = Checked(run, now)
            relative = {
                path: shown for path in buffers if (shown := self.last.relative(path)) is not None
            }
            found = diagnostics(run.report, relative.values())
            wanted = {path: found[shown] for path, shown in relative.items()}
        return self._changes(wanted)

    def _failed(self, records: tuple[Problem, ...], why: str | None) -> None:
        self._configured = None
        self.last = None
        self.problems, self.unconfigured = records, why

    def _at(self, file: str) -> str:
        """The absolute path of a file as a configuration problem names it (relative to
        the current directory, as the CLI shows it)."""
        return os.path.normpath(os.path.join(os.getcwd(), file))

    def _changes(self, wanted: Mapping[str, list[Diagnostic]]) -> dict[str, tuple[Diagnostic, ...]]:
        """The files whose diagnostics differ from those last published; an open document
        is published once even without any, so the editor knows it was checked."""
        changed: dict[str, tuple[Diagnostic, ...]] = {}
        for path in sorted({*wanted, *self._published}):
            now = tuple(wanted.get(path, ()))
            if now != self._published.get(path):
                changed[path] = now
            self._published[path] = now
        return changed

    def forget(self, path: str) -> None:
        """A document was closed: the next check does not publish for it unless it must."""
        self._published.pop(path, None)
