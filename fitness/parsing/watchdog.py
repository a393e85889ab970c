"""Kill a worker that takes too long over a file: one thread watches every worker of a run."""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time


class Watchdog:
    """Kills each watched process whose deadline passes before it is released."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._deadlines: dict[int, tuple[float, subprocess.Popen[bytes]]] = {}
        self._killed: set[int] = set()
        self._closed = False
        self._thread: threading.Thread | None = None

    def watch(self, key: int, process: subprocess.Popen[bytes], seconds: float) -> None:
        """Kill `process` unless `release(key)` comes within `seconds`."""
        with self._changed:
            self._deadlines[key] = (time.monotonic() + seconds, process)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="fitness-watchdog", daemon=True
                )
                self._thread.start()
            self._changed.notify()

    def release(self, key: int) -> bool:
        """Stop watching under `key`; whether its process was killed meanwhile."""
        with self._changed:
            self._deadlines.pop(key, None)
            killed = key in self._killed
            self._killed.discard(key)
            return killed

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        with self._changed:
            while not self._closed:
                now = time.monotonic()
                for key, (deadline, process) in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[key]
                        self._killed.add(key)
                        with contextlib.suppress(OSError):
                            process.kill()
                soonest = min((deadline for deadline, _ in self._deadlines.values()), default=None)
                self._changed.wait(None if soonest is None else soonest - now)
