"""The language server: pygls over stdio, driving a `Session`.

Checks run on one worker thread, one at a time, so the editor's requests
(hover, code actions) are answered while a check runs. An edit waits `DELAY`
seconds for the next before a check starts (a save or an open does not wait);
edits made during a check start one more when it ends.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from fitness import __version__
from fitness.atomic import write_atomic
from fitness.errors import FitnessError
from fitness.lsp import actions as code_actions
from fitness.lsp.diagnostics import Diagnostic, diagnostics
from fitness.lsp.hover import hover as hover_text
from fitness.lsp.positions import Span, span
from fitness.lsp.session import Checked, Session
from fitness.model import Location, Severity
from fitness.parsing.cache import own_directory

DELAY = 0.3  # seconds an edit waits for the next before it is checked
OPEN_ADR = "fitness.openAdr"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}
# Files whose change means configuring again: the configuration, the rule packs it
# extends, and (created or deleted) the project's modules.
_CONFIGURATION = (".toml",)
_WATCHED = ("**/*.toml", "**/*.md", "**/*.py")

log = logging.getLogger("fitness.lsp")


def path_of(uri: str) -> str | None:
    """The absolute path of a `file:` URI; None for other schemes (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return os.path.normpath(unquote(parsed.path))


def uri_of(path: str) -> str:
    return Path(path).as_uri()


class FitnessServer(LanguageServer):
    """The server, with the project it checks and the state of its checks."""

    def __init__(self, jobs: int, clock: Callable[[], float]) -> None:
        super().__init__("fitness", __version__)
        self.jobs = jobs
        self.clock = clock
        self.session: Session | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fitness-check")
        self._timer: asyncio.TimerHandle | None = None
        self._running = False
        self._again = False
        self._explained: set[str] = set()  # rule ids explained for `_explained_for`
        self._explained_for: object = None  # the configuration they were written for
        self.checks = 0  # checks finished, for tests and logs

    # -- documents ------------------------------------------------------------------

    def buffers(self) -> dict[str, str]:
        """Every open document with a file path, by absolute path."""
        found: dict[str, str] = {}
        documents: Mapping[str, Any] = self.workspace.text_documents
        for uri, document in documents.items():
            path = path_of(uri)
            if path is not None:
                found[path] = str(document.source)
        return found

    def lines(self, path: str, buffers: Mapping[str, str]) -> list[str]:
        """The lines of `path`: its open buffer, else the file on disk (empty if unreadable)."""
        text = buffers.get(path)
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
        return text.split("\n")

    # -- checks ---------------------------------------------------------------------

    def schedule(self, delay: float = DELAY) -> None:
        """Check after `delay` seconds, unless another edit comes first."""
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(delay, self._start)

    def _start(self) -> None:
        self._timer = None
        if self.session is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        buffers = self.buffers()
        future = asyncio.get_running_loop().run_in_executor(
            self._worker, self._check, self.session, buffers
        )
        future.add_done_callback(lambda done: self._finished(done, buffers))

    def _check(
        self, session: Session, buffers: Mapping[str, str]
    ) -> dict[str, tuple[Diagnostic, ...]]:
        return session.check(buffers)

    def _finished(
        self, done: asyncio.Future[dict[str, tuple[Diagnostic, ...]]], buffers: Mapping[str, str]
    ) -> None:
        self._running = False
        self.checks += 1
        try:
            changed = done.result()
        except FitnessError as error:
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"fitness: {error}")
            )
            changed = {}
        except Exception:  # a bug: say so, and keep serving
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Error, traceback.format_exc())
            )
            changed = {}
        assert self.session is not None
        if self.session.unconfigured is not None:
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Warning, self.session.unconfigured)
            )
        for path, found in changed.items():
            self.publish(path, found, buffers)
        if self._again:
            self._again = False
            self._start()

    def publish(self, path: str, found: Sequence[Diagnostic], buffers: Mapping[str, str]) -> None:
        lines = self.lines(path, buffers)
        checked = self.session.last if self.session is not None else None
        converted = [self._diagnostic(d, lines, checked, buffers) for d in found]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri_of(path), diagnostics=converted)
        )

    def _diagnostic(
        self,
        found: Diagnostic,
        lines: list[str],
        checked: Checked | None,
        buffers: Mapping[str, str],
    ) -> types.Diagnostic:
        related = None
        if checked is not None and found.related:
            related = [
                types.DiagnosticRelatedInformation(
                    types.Location(
                        uri_of(checked.absolute(r.location.path)),
                        _range(self.lines(checked.absolute(r.location.path), buffers), r.location),
                    ),
                    r.message,
                )
                for r in found.related
            ]
        explained = self._explain(checked, found.code) if checked is not None else None
        return types.Diagnostic(
            range=_range(lines, found.location),
            message=found.message,
            severity=_SEVERITIES[found.severity],
            code=found.code,
            code_description=types.CodeDescription(explained) if explained else None,
            source="fitness",
            related_information=related,
        )

    def _explain(self, checked: Checked, rule_id: str) -> str | None:
        """A file URI to what `fitness explain RULE` says of `rule_id`, written once per
        configuration into the cache directory; None without a cache directory."""
        directory = checked.configured.cache_dir
        if directory is None:
            return None
        path = directory / f"explain-{rule_id}.txt"  # a name the cache directory may hold
        if self._explained_for is not checked.configured.config:
            self._explained, self._explained_for = set(), checked.configured.config
        if rule_id not in self._explained:
            text = _explanation(checked, rule_id)
            if text is None:
                return None
            own_directory(directory)
            write_atomic(path, text)
            self._explained.add(rule_id)
        return path.as_uri()


def _explanation(checked: Checked, rule_id: str) -> str | None:
    """`fitness explain RULE`'s text for a configured rule or a built-in finding id."""
    from fitness.explain import explain, explain_rule, is_known

    config = checked.configured.config
    for rule in (*config.rules, *config.dormant):
        if rule.id == rule_id:
            return explain_rule(config, rule)
    return explain(rule_id) if is_known(rule_id) else None


def _range(lines: list[str], where: Location) -> types.Range:
    found: Span = span(lines, where.line, where.column, where.end_line, where.end_column)
    return types.Range(
        types.Position(found.start.line, found.start.character),
        types.Position(found.end.line, found.end.character),
    )


def build(jobs: int, clock: Callable[[], float]) -> FitnessServer:
    """The server with its features registered."""
    server = FitnessServer(jobs, clock)

    @server.feature(types.INITIALIZED)
    def initialized(ls: FitnessServer, params: types.InitializedParams) -> None:
        root = ls.workspace.root_path
        ls.session = Session(Path(root) if root else Path.cwd(), ls.jobs, ls.clock)
        watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in _WATCHED]
        registration = types.Registration(
            id="fitness-watch",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        capabilities = ls.client_capabilities.workspace
        watching = capabilities.did_change_watched_files if capabilities is not None else None
        if watching is not None and watching.dynamic_registration:
            ls.client_register_capability(types.RegistrationParams([registration]))
        ls.schedule(0)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FitnessServer, params: types.DidOpenTextDocumentParams) -> None:
        _edited(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FitnessServer, params: types.DidChangeTextDocumentParams) -> None:
        _edited(ls, params.text_document.uri, DELAY)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FitnessServer, params: types.DidSaveTextDocumentParams) -> None:
        _edited(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FitnessServer, params: types.DidCloseTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None and ls.session is not None:
            ls.session.forget(path)
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
            )
            if path.endswith(_CONFIGURATION):  # its unsaved text no longer counts
                ls.session.reconfigure()
                ls.schedule(0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: FitnessServer, params: types.DidChangeWatchedFilesParams) -> None:
        if ls.session is None:
            return
        for change in params.changes:
            path = path_of(change.uri) or ""
            coming_or_going = change.type != types.FileChangeType.Changed
            if path.endswith(_CONFIGURATION) or (path.endswith(".py") and coming_or_going):
                ls.session.reconfigure()
        ls.schedule(0)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: FitnessServer, params: types.HoverParams) -> types.Hover | None:
        checked, path, text = _document(ls, params.text_document.uri)
        if checked is None or path is None:
            return None
        relative = checked.relative(path)
        if relative is None:
            return None
        shown = hover_text(checked, relative, text, params.position.line + 1)
        if shown is None:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, shown))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: FitnessServer, params: types.CodeActionParams
    ) -> list[types.CodeAction | types.Command]:
        checked, path, text = _document(ls, params.text_document.uri)
        if checked is None or path is None:
            return []
        relative = checked.relative(path)
        if relative is None:
            return []
        lines = text.split("\n")
        first = params.range.start.line + 1
        last = params.range.end.line + 1
        found = [
            d
            for d in diagnostics(checked.run.report, [relative])[relative]
            if d.location.line <= last and d.location.end_line >= first
        ]
        offered: list[types.CodeAction | types.Command] = []
        for action in code_actions.actions(checked, lines, found):
            kind = types.CodeActionKind.QuickFix
            if action.insert is not None:
                at = types.Position(action.insert.line - 1, 0)
                edit = types.TextEdit(types.Range(at, at), action.insert.text)
                change = types.WorkspaceEdit(changes={params.text_document.uri: [edit]})
                offered.append(types.CodeAction(action.title, kind=kind, edit=change))
            elif action.open_path is not None:
                # A command, not a code action holding one: clients read either, and
                # some tell the two apart by whether the object has a `command` key.
                arguments = [uri_of(action.open_path)]
                offered.append(types.Command(action.title, OPEN_ADR, arguments=arguments))
        return offered

    @server.command(OPEN_ADR)
    def open_adr(ls: FitnessServer, uri: str) -> None:  # the command's one argument
        ls.window_show_document(types.ShowDocumentParams(uri=uri, take_focus=True))

    return server


def _edited(ls: FitnessServer, uri: str, delay: float) -> None:
    path = path_of(uri)
    if path is None or ls.session is None:
        return
    if path.endswith(_CONFIGURATION) or (path.endswith(".py") and not ls.session.knows(path)):
        ls.session.reconfigure()
    ls.schedule(delay)


def _document(ls: FitnessServer, uri: str) -> tuple[Checked | None, str | None, str]:
    """The last check, the path of the document `uri` and its text."""
    checked = ls.session.last if ls.session is not None else None
    path = path_of(uri)
    text = ls.buffers().get(path or "", "")
    return checked, path, text
