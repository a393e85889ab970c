"""Parse many files in worker processes, each fed one file at a time.

Workers are fresh interpreters running `fitness.parsing.worker`, not forks:
they hold nothing but libcst and the file at hand, they behave the same on
every platform, and this process may run threads. A thread per worker sends
it the next request (a file's bytes, and the bans to extract it with) and
waits for the answer, so the largest files (sent first) spread over all
workers and the last ones fill the gaps. A worker that dies on a file (the
parser crashed, or it was killed for memory) costs only that file, which is
reported as a parse failure; a new worker takes the rest.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from fitness.model import NO_BANS, Bans, FileFacts, ParseFailure
from fitness.parsing.codec import Encoded, encode
from fitness.parsing.watchdog import Watchdog
from fitness.parsing.worker import Request, TruncatedMessage, receive, request, send


class WorkerError(Exception):
    """A worker process failed for a reason other than the file it was given."""


# Requests a worker holds at once: the next one waits in its pipe while it
# parses, so it never idles while this process turns to the answer.
_IN_FLIGHT = 2

# How long a worker may take over one file before it is killed: libcst parses
# about 1 MB a second (20 s for 1.25 MB on a loaded machine), but a few KB of
# deep expressions (`a + a + ...`, `not not ...`) take it minutes.
SECONDS = 30.0
SECONDS_PER_MB = 30.0

# (index in the files, encoded facts, whether they may be cached)
Parsed = tuple[int, Encoded, bool]


def worker_command() -> list[str]:
    """The command of a worker: this interpreter with its flags, importing this fitness."""
    package_parent = str(Path(__file__).resolve().parents[2])
    code = (
        "import sys; sys.path[0] = " + repr(package_parent) + "; "
        "from fitness.parsing.worker import main; main()"
    )
    return [sys.executable, *interpreter_flags(), "-c", code]


def interpreter_flags() -> list[str]:
    """The options of this interpreter a worker must share to behave alike.

    Isolation and site (where libcst is found), bytecode writing, warning
    filters and `-X` options (`-X dev`); not optimisation or verbosity.
    """
    flags = sys.flags
    switches = [("-I", flags.isolated), ("-S", flags.no_site), ("-B", flags.dont_write_bytecode)]
    if not flags.isolated:  # -I implies both
        switches += [("-E", flags.ignore_environment), ("-s", flags.no_user_site)]
    options = [switch for switch, on in switches if on]
    options += [f"-W{option}" for option in sys.warnoptions]
    options += [
        f"-X{name}" if value is True else f"-X{name}={value}"
        for name, value in sys._xoptions.items()
    ]
    return options


def parse_in_workers(
    paths: Sequence[str],
    sources: Sequence[bytes],
    jobs: int,
    command: Sequence[str] | None = None,
    bans: Sequence[Bans] | None = None,
    seconds: Callable[[int], float] | None = None,
) -> Iterator[Parsed]:
    """Parse `sources` (the contents of `paths`) in up to `jobs` workers; yield each when done.

    `bans[i]` is what to extract `sources[i]` with (none when `bans` is None);
    `paths` only name the files in errors. A worker that takes longer than
    `seconds(size)` over a file of `size` bytes is killed (`time_limit`), which
    makes that file a parse failure; one watchdog thread keeps the time of all.
    """
    asked = [NO_BANS] * len(paths) if bans is None else bans
    requests: list[Request | None] = [request(d, wanted) for d, wanted in zip(sources, asked)]
    del sources  # each file's bytes are let go once its answer is in (`_Run.drive`)
    run = _Run(requests, list(paths), list(command or worker_command()), seconds or time_limit)
    threads = [
        threading.Thread(target=run.drive, name=f"fitness-worker-{n}", daemon=True)
        for n in range(max(1, min(jobs, len(paths))))
    ]
    for thread in threads:
        thread.start()
    try:
        for _ in paths:
            item = run.results.get()
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        run.stop()
        for thread in threads:
            thread.join()


def time_limit(size: int) -> float:
    """The seconds a worker may take over a file of `size` bytes."""
    return SECONDS + SECONDS_PER_MB * size / (1 << 20)


class _Run:
    """The state shared by the threads that drive the workers."""

    def __init__(
        self,
        requests: list[Request | None],
        paths: list[str],
        command: list[str],
        seconds: Callable[[int], float],
    ) -> None:
        self.results: queue.Queue[Parsed | BaseException] = queue.Queue()
        self._requests = requests  # an answered request is let go (None): its bytes with it
        self._paths = paths
        self._command = command
        self._seconds = seconds
        self._watchdog = Watchdog()
        self._next = 0
        self._returned: list[int] = []  # sent to a worker that died before reading them
        self._lock = threading.Lock()
        self._stopping = False
        self._processes: list[subprocess.Popen[bytes]] = []

    def drive(self) -> None:
        """Feed one worker until no paths are left, replacing it if it dies."""
        worker: subprocess.Popen[bytes] | None = None
        sent: deque[int] = deque()  # in the order the worker answers them
        try:
            while True:
                while len(sent) < _IN_FLIGHT and (index := self._take()) is not None:
                    worker = worker or self._start()
                    sent.append(index)
                    asked = self._requests[index]
                    assert asked is not None  # only answered requests are let go
                    if not _send(worker, asked):
                        break  # it died; reading its answer says on which file
                if not sent:
                    break
                index = sent.popleft()
                assert worker is not None
                asked = self._requests[index]
                assert asked is not None
                limit = self._seconds(len(asked[0]))
                self._watchdog.watch(threading.get_ident(), worker, limit)
                answer = _receive(worker)
                # Killed just after it answered, it still gives its answer, but is replaced.
                late = self._watchdog.release(threading.get_ident())
                if answer is None or late:
                    dead, worker = worker, None
                    _finish(dead)
                    self._give_back(sent)
                if answer is None:
                    failure = _slow(limit) if late else _died(dead, self._paths[index])
                    answer = failure, False
                self._requests[index] = None
                self.results.put((index, *answer))
        except BaseException as exc:  # handed to the main thread, which raises it
            self.results.put(exc)
        finally:
            if worker is not None:
                _finish(worker)

    def stop(self) -> None:
        self._watchdog.close()
        with self._lock:
            self._stopping = True
            processes = list(self._processes)
        for process in processes:
            if process.poll() is None:
                process.kill()

    def _take(self) -> int | None:
        with self._lock:
            if self._stopping:
                return None
            if self._returned:
                return self._returned.pop()
            if self._next == len(self._requests):
                return None
            self._next += 1
            return self._next - 1

    def _give_back(self, indexes: deque[int]) -> None:
        with self._lock:
            self._returned.extend(reversed(indexes))
        indexes.clear()

    def _start(self) -> subprocess.Popen[bytes]:
        with self._lock:
            process = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._processes.append(process)
            if self._stopping:  # stop() may have run before it was listed
                process.kill()
            return process


def _send(worker: subprocess.Popen[bytes], asked: Request) -> bool:
    """Send the request to the worker; False if it is dead."""
    assert worker.stdin is not None
    try:
        send(worker.stdin, asked)
    except OSError:
        return False
    return True


def _receive(worker: subprocess.Popen[bytes]) -> tuple[Encoded, bool] | None:
    """The worker's next answer, or None if it died first."""
    assert worker.stdout is not None
    try:
        answer = receive(worker.stdout)
    except (OSError, TruncatedMessage):
        return None
    if answer is None:
        return None
    encoded, cacheable = answer
    return encoded, cacheable


def _slow(seconds: float) -> Encoded:
    failure = ParseFailure(
        f"the parser took more than {seconds:.0f} s on this file and was stopped", 1, 1
    )
    return encode(FileFacts((), failure))


def _died(worker: subprocess.Popen[bytes], path: str) -> Encoded:
    """The failure of a file whose worker was killed by a signal while parsing it.

    A worker that exits by itself has met an error in fitness (its traceback
    is on stderr); that is not the file's fault, so it ends the run.
    """
    code = worker.returncode
    if code >= 0:
        raise WorkerError(f"a parsing process exited with code {code} while reading {path}")
    failure = ParseFailure(f"the parser was killed by signal {-code} on this file", 1, 1)
    return encode(FileFacts((), failure))


def _finish(worker: subprocess.Popen[bytes]) -> None:
    """Close the worker's input, which ends it, and wait for it."""
    assert worker.stdin is not None and worker.stdout is not None
    with contextlib.suppress(OSError):  # a dead worker's pipe may not flush
        worker.stdin.close()
    worker.wait()
    worker.stdout.close()
