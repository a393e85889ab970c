"""A file edited while a run reads it: the facts stored describe the bytes that were parsed.

The collector reads a file once, to look its hash up, and hands those very
bytes to the parser (a worker never opens the file). An edit after the read
must not leave the old content's facts under the new content's stamp: the
stamp is taken before the read, so the next run sees a new one and reads the
file again; undoing the edit (or switching back to a branch) finds the old
content's facts by their hash.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fitness.parsing import collect
from fitness.parsing.cache import FactsCache
from fitness.parsing.extract import extract
from support import write_tree

BEFORE = b"import vault\n"
AFTER = b"import json\n"


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "workers"])
def test_a_file_edited_between_the_two_reads_does_not_serve_stale_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    root = write_tree(tmp_path / "project", {"a.py": BEFORE.decode(), "b.py": "import os\n"})
    if workers:
        monkeypatch.setattr(collect, "_IN_PROCESS_BYTES", 0)
    hashed = collect.content_hash

    def hash_then_edit(data: bytes) -> str:
        digest = hashed(data)
        if data == BEFORE:
            (root / "a.py").write_bytes(AFTER)  # after this read, before the parser's
        return digest

    with monkeypatch.context() as editing:
        editing.setattr(collect, "content_hash", hash_then_edit)
        first = collect.collect_facts(
            root, ["a.py", "b.py"], FactsCache.in_directory(tmp_path / "cache"), jobs=1
        )
    second = collect.collect_facts(
        root, ["a.py", "b.py"], FactsCache.in_directory(tmp_path / "cache"), jobs=1
    )
    # The edit is undone, as an editor's undo or a switch back to a branch would.
    (root / "a.py").write_bytes(BEFORE)
    os.utime(root / "a.py", ns=(1, 1))
    third = collect.collect_facts(
        root, ["a.py", "b.py"], FactsCache.in_directory(tmp_path / "cache"), jobs=1
    )

    assert (first["a.py"], second["a.py"], third["a.py"]) == (
        extract(BEFORE),
        extract(AFTER),
        extract(BEFORE),
    )
