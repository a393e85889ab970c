"""A run killed while writing the cache leaves the previous cache whole, and the next run is right."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from fitness import app
from fitness.reporters import REPORTERS, RenderOptions
from shop import FILES
from support import write_tree

WRITER = """
import sys
from pathlib import Path
from fitness.atomic import write_atomic_bytes
write_atomic_bytes(Path(sys.argv[1]), b"x" * (400 * 1024 * 1024))
"""


def report(root: Path, cache: bool) -> str:
    options = app.CheckOptions(root, None, "error", cache=cache, jobs=1)
    return REPORTERS["json"](app.check(options, clock=lambda: 0.0), RenderOptions())


def test_killed_while_writing_the_cache(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILES)
    expected = report(root, cache=False)
    report(root, cache=True)
    [cache_file] = (root / ".fitness_cache").glob("facts-*.marshal")
    before = cache_file.read_bytes()

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(cache_file)])
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size > 1024 * 1024 for p in cache_file.parent.glob("*.tmp")):
        assert time.monotonic() < deadline, "the writer never started writing"
        time.sleep(0.01)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()

    assert cache_file.read_bytes() == before  # the half-written file never replaced it
    assert report(root, cache=True) == expected
    # Now with a changed file, so the cache is rewritten over the debris.
    (root / "src/shop/api/views.py").write_text("import os\n", encoding="utf-8")
    changed = json.loads(report(root, cache=True))
    assert changed["summary"]["findings"] == 4
    assert report(root, cache=True) == report(root, cache=False)
