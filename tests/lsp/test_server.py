"""`fitness lsp` end to end: a real client speaks LSP to the server over stdio."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from lsprotocol import types

from support import write_tree
from tests.lsp.editor import Editor

PYPROJECT = """\
[project]
name = "app"

[tool.fitness]
source_roots = ["src"]

[tool.fitness.adr]
dir = "docs/adr"

[tool.fitness.rules.layered]
kind = "layers"
layers = ["app.api", "app.services", "app.domain"]
adr = "ADR-0001"
message = "Let app.api call the services."
"""

ADR = """\
# 1. Layered architecture

## Status

Accepted

## Decision

api over services over domain.
"""

FILES = {
    "pyproject.toml": PYPROJECT,
    "docs/adr/0001-layered-architecture.md": ADR,
    "src/app/__init__.py": "",
    "src/app/api/__init__.py": "",
    "src/app/api/views.py": "from app.services import orders\n",
    "src/app/services/__init__.py": "",
    "src/app/services/orders.py": "from app.domain import model\n",
    "src/app/domain/__init__.py": "",
    "src/app/domain/model.py": '"""The model."""\n\nNAME = "😀"\n',
}


def in_editor(root: Path, steps: Callable[[Editor], Awaitable[None]]) -> None:
    async def session() -> None:
        editor = Editor(root)
        await editor.start()
        try:
            await steps(editor)
        finally:
            await editor.stop()

    asyncio.run(session())


def test_an_unsaved_import_that_breaks_a_layer_is_a_diagnostic(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)

    async def steps(editor: Editor) -> None:
        editor.open("src/app/domain/model.py")
        assert await editor.diagnostics("src/app/domain/model.py") == []
        editor.change(
            "src/app/domain/model.py",
            '"""The model."""\n\nNAME = "😀"; from app.api import views\n',
        )
        found = await editor.diagnostics("src/app/domain/model.py")
        explain = root / ".fitness_cache" / "explain" / "layered.txt"
        assert found == [
            types.Diagnostic(
                range=types.Range(types.Position(2, 13), types.Position(2, 38)),
                message="app.domain must not import app.api (a higher layer) "
                "(ADR-0001: Layered architecture)\n"
                "  app.domain.model -> app.api.views (src/app/domain/model.py:3)\n"
                "= Let app.api call the services.",
                severity=types.DiagnosticSeverity.Error,
                code="layered",
                code_description=types.CodeDescription(explain.as_uri()),
                source="fitness",
                related_information=(
                    types.DiagnosticRelatedInformation(
                        types.Location(
                            editor.uri("src/app/domain/model.py"),
                            types.Range(types.Position(2, 13), types.Position(2, 38)),
                        ),
                        "app.domain.model -> app.api.views",
                    ),
                ),
            )
        ]
        assert explain.read_text(encoding="utf-8").startswith("layered: a layers rule")
        assert (root / "src/app/domain/model.py").read_text() == FILES["src/app/domain/model.py"]

    in_editor(root, steps)
