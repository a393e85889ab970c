"""An editor for the tests: pygls's language client driving `fitness lsp` over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

WAIT = 60.0  # seconds a test waits for the server before failing (a bound, not a timing)


class Editor:
    """`fitness lsp` started in `root` as a subprocess, and what it published."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("fitness-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.messages: list[types.ShowMessageParams] = []
        self.shown: list[types.ShowDocumentParams] = []
        self._new = asyncio.Event()
        self._versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self._new.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def message(params: types.ShowMessageParams) -> None:
            self.messages.append(params)

        @self.client.feature(types.WINDOW_SHOW_DOCUMENT)
        def show(params: types.ShowDocumentParams) -> types.ShowDocumentResult:
            self.shown.append(params)
            return types.ShowDocumentResult(success=True)

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "fitness", "lsp", cwd=str(self.root))
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=self.root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(self.root.as_uri(), self.root.name)],
            )
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def uri(self, relative: str) -> str:
        return (self.root / relative).as_uri()

    def open(self, relative: str) -> None:
        uri = self.uri(relative)
        self._versions[uri] = 1
        text = (self.root / relative).read_text(encoding="utf-8")
        language = "toml" if relative.endswith(".toml") else "python"
        document = types.TextDocumentItem(uri, language, 1, text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(document))

    def change(self, relative: str, text: str) -> None:
        """Replace the unsaved text of an open document (it is not written to disk)."""
        uri = self.uri(relative)
        self._versions[uri] += 1
        document = types.VersionedTextDocumentIdentifier(version=self._versions[uri], uri=uri)
        whole = types.TextDocumentContentChangeWholeDocument(text)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(document, [whole]))

    def watched(self, path: Path, change: types.FileChangeType) -> None:
        """Tell the server a file changed on disk, as a client watching files does."""
        event = types.FileEvent(path.as_uri(), change)
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([event]))

    async def diagnostics(self, relative: str) -> list[types.Diagnostic]:
        """The next diagnostics published for `relative` after those already read."""
        uri = self.uri(relative)
        return list((await self._next(uri)).diagnostics)

    async def _next(self, uri: str) -> types.PublishDiagnosticsParams:
        async def wait() -> types.PublishDiagnosticsParams:
            while True:
                for index, params in enumerate(self.published):
                    if params.uri == uri:
                        return self.published.pop(index)
                self._new.clear()
                await self._new.wait()

        return await asyncio.wait_for(wait(), WAIT)


def text_edit(action: types.CodeAction | types.Command) -> list[types.TextEdit]:
    """The edits of a code action that changes one document."""
    assert isinstance(action, types.CodeAction) and action.edit is not None
    assert action.edit.changes is not None
    (edits,) = action.edit.changes.values()
    return list(edits)
