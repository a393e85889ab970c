"""`fitness lsp` end to end: a real client speaks LSP to the server over stdio."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from lsprotocol import types

from support import write_tree
from tests.lsp.editor import Editor, text_edit

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
        explain = root / ".fitness_cache" / "explain-layered.txt"
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
    # What the server wrote leaves the cache directory usable by the CLI.
    done = subprocess.run(
        [sys.executable, "-m", "fitness", "check"], cwd=root, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")


SHARED = {
    **FILES,
    "src/app/shared/__init__.py": "",
    "src/app/shared/util.py": "X = 1\n",
    "src/app/domain/model.py": "from app.shared import util\n",
}


def test_an_import_that_closes_a_chain_elsewhere_is_marked_where_it_is_written(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, SHARED)

    async def steps(editor: Editor) -> None:
        editor.open("src/app/domain/model.py")
        editor.open("src/app/shared/util.py")
        assert await editor.diagnostics("src/app/domain/model.py") == []
        assert await editor.diagnostics("src/app/shared/util.py") == []
        editor.change("src/app/shared/util.py", "X = 1\nfrom app.api import views\n")
        here = await editor.diagnostics("src/app/shared/util.py")
        there = await editor.diagnostics("src/app/domain/model.py")
        chain = (
            "  app.domain.model -> app.shared.util (src/app/domain/model.py:1)\n"
            "  app.shared.util -> app.api.views (src/app/shared/util.py:2)\n"
            "= Let app.api call the services."
        )
        assert [(d.range, d.code, d.message) for d in there] == [
            (
                types.Range(types.Position(0, 0), types.Position(0, 27)),
                "layered",
                "app.domain must not import app.api (a higher layer) "
                "(ADR-0001: Layered architecture)\n" + chain,
            )
        ]
        assert [(d.range, d.code, d.message) for d in here] == [
            (
                types.Range(types.Position(1, 0), types.Position(1, 25)),
                "layered",
                "this import takes part in: app.domain must not import app.api (a higher "
                "layer) (ADR-0001: Layered architecture) (reported at "
                "src/app/domain/model.py:1)\n" + chain,
            )
        ]
        # Undoing the edit clears both files.
        editor.change("src/app/shared/util.py", "X = 1\n")
        assert await editor.diagnostics("src/app/shared/util.py") == []
        assert await editor.diagnostics("src/app/domain/model.py") == []

    in_editor(root, steps)


def test_hover_on_an_import_shows_its_rules_and_chains(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SHARED)
    (root / "src/app/shared/util.py").write_text("X = 1\nfrom app.api import views\n")

    async def steps(editor: Editor) -> None:
        editor.open("src/app/shared/util.py")
        await editor.diagnostics("src/app/shared/util.py")
        uri = editor.uri("src/app/shared/util.py")
        shown = await editor.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(1, 5))
        )
        assert shown is not None and isinstance(shown.contents, types.MarkupContent)
        assert shown.contents.value == (
            "**fitness**: `app.shared.util` imports `app.api.views` (in the project)\n\n"
            "Examined by `layered` (broken)\n\n"
            "**layered**: app.domain must not import app.api (a higher layer) "
            "(ADR-0001: Layered architecture)\n"
            "- `app.domain.model` → `app.shared.util` → `app.api.views`"
        )
        nothing = await editor.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
        )
        assert nothing is None

    in_editor(root, steps)


def test_code_actions_suppress_the_finding_or_open_its_decision(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)
    (root / "src/app/domain/model.py").write_text("def f():\n    from app.api import views\n")

    async def steps(editor: Editor) -> None:
        editor.open("src/app/domain/model.py")
        (found,) = await editor.diagnostics("src/app/domain/model.py")
        uri = editor.uri("src/app/domain/model.py")
        offered = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found])
            )
        )
        assert offered is not None
        assert [a.title for a in offered] == [
            "fitness: suppress layered on this line",
            "fitness: open ADR-0001: Layered architecture",
        ]
        at = types.Position(1, 0)
        assert text_edit(offered[0]) == [
            types.TextEdit(
                types.Range(at, at),
                "    # fitness: ignore[layered] ADR-XXXX why this is accepted\n",
            )
        ]
        command = offered[1]
        assert isinstance(command, types.Command)
        await editor.client.workspace_execute_command_async(
            types.ExecuteCommandParams(command.command, command.arguments)
        )
        adr = root / "docs/adr/0001-layered-architecture.md"
        assert [shown.uri for shown in editor.shown] == [adr.as_uri()]

    in_editor(root, steps)


def test_a_configuration_error_is_a_diagnostic_on_its_line_and_the_server_stays_up(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, FILES)

    async def steps(editor: Editor) -> None:
        editor.open("src/app/domain/model.py")
        editor.open("pyproject.toml")
        assert await editor.diagnostics("src/app/domain/model.py") == []
        assert await editor.diagnostics("pyproject.toml") == []
        broken = PYPROJECT.replace('kind = "layers"', 'kind = "layer"')
        editor.change("pyproject.toml", broken)
        (problem,) = await editor.diagnostics("pyproject.toml")
        assert (problem.range, problem.severity, problem.code, problem.message) == (
            types.Range(types.Position(10, 0), types.Position(11, 0)),
            types.DiagnosticSeverity.Error,
            "config-error",
            "pyproject.toml:11: tool.fitness.rules.layered.kind: unknown rule kind 'layer' "
            "(did you mean 'layers'?); known kinds: acyclic, allowed, banned-api, "
            "classes, dependencies, forbidden, independence, layers, metrics, protected",
        )
        uri = editor.uri("src/app/domain/model.py")
        answer = await editor.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
        )
        assert answer is None  # answered: the server is up
        editor.change("pyproject.toml", PYPROJECT)
        assert await editor.diagnostics("pyproject.toml") == []
        editor.change("src/app/domain/model.py", "from app.api import views\n")
        (found,) = await editor.diagnostics("src/app/domain/model.py")
        assert found.code == "layered"

    in_editor(root, steps)


def test_a_changed_configuration_or_decision_on_disk_is_checked_again(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)
    (root / "src/app/domain/model.py").write_text("from app.api import views\n")

    async def steps(editor: Editor) -> None:
        editor.open("src/app/domain/model.py")
        (found,) = await editor.diagnostics("src/app/domain/model.py")
        assert found.message.startswith(
            "app.domain must not import app.api (a higher layer) (ADR-0001: Layered architecture)"
        )
        adr = root / "docs/adr/0001-layered-architecture.md"
        adr.write_text(ADR.replace("# 1. Layered architecture", "# 1. Layers, top down"))
        editor.watched(adr, types.FileChangeType.Changed)
        (found,) = await editor.diagnostics("src/app/domain/model.py")
        assert found.message.startswith(
            "app.domain must not import app.api (a higher layer) (ADR-0001: Layers, top down)"
        )
        pyproject = root / "pyproject.toml"
        pyproject.write_text(
            PYPROJECT.replace('kind = "layers"', 'kind = "layers"\nenabled = false')
        )
        editor.watched(pyproject, types.FileChangeType.Changed)
        assert await editor.diagnostics("src/app/domain/model.py") == []

    in_editor(root, steps)
