"""A parsing process: reads requests on stdin, answers each with the encoded facts of a file.

Started by `fitness.parsing.pool`. Each message, either way, is a 4-byte
big-endian length and a `marshal` payload: a request one way (`Request`: the
file's bytes, as the parent read them from its tree, and the bans to extract
that file with, which may differ from file to file), the `(encoded facts,
cacheable)` pair the other. A worker never opens a path: it turns bytes into
facts. The process imports nothing of fitness beyond parsing, so its memory is
libcst's and the file's.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import sys
from typing import IO, Any

from fitness.model import NO_BANS, Bans, FileFacts, ParseFailure
from fitness.parsing.codec import Encoded, EncodedBans, decode_bans, encode, encode_bans

_LENGTH = struct.Struct(">I")

Request = tuple[bytes, EncodedBans]  # (the file's contents, the bans to extract it with)


class TruncatedMessage(Exception):
    """The stream ended inside a message: the other side died while writing."""


def send(stream: IO[bytes], value: Any) -> None:
    payload = marshal.dumps(value)
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream."""
    header = stream.read(_LENGTH.size)
    if not header:
        return None
    if len(header) < _LENGTH.size:
        raise TruncatedMessage
    (length,) = _LENGTH.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        raise TruncatedMessage
    return marshal.loads(payload)


def request(data: bytes, bans: Bans) -> Request:
    return data, encode_bans(bans)


def extract_bytes(data: bytes, bans: Bans = NO_BANS) -> tuple[Encoded, bool]:
    """Extract one file's contents with `bans`: its encoded facts, and whether to cache them.

    Facts are not to be cached when fitness failed on the file: a fixed
    fitness should read it again.
    """
    from fitness.parsing.extract import extract

    try:
        facts = extract(data, bans)
    except MemoryError:  # a worker's limit (`allow_memory`), reached by the file's content
        return encode(FileFacts((), ParseFailure(OUT_OF_MEMORY, 1, 1))), False
    except Exception as exc:  # fitness's fault, not the file's: every other file is still read
        return encode(FileFacts((), analysis_failure(exc))), False
    return encode(facts), True


# A worker's address space: what it needs to start (its parser thread reserves a
# 512 MB stack), and per byte of the largest file it was sent (libcst took about
# 1 KB per byte of source, 1.3 GB for 1.25 MB); a file needing more is refused.
BASE_MEMORY = 1536 << 20
MEMORY_PER_BYTE = 3 << 10
OUT_OF_MEMORY = "the parser needed more memory than fitness allows for a file of this size"


def allow_memory(size: int) -> None:
    """Let this process hold what parsing `size` bytes may take, and no more (`RLIMIT_AS`).

    Only ever raised: what a larger file was allowed stays allowed. Not on
    Windows, which has no such limit.
    """
    try:
        import resource
    except ImportError:
        return
    wanted = BASE_MEMORY + MEMORY_PER_BYTE * size
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft == resource.RLIM_INFINITY or soft < wanted:
        with contextlib.suppress(ValueError, OSError):  # a platform that does not allow it
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def unreadable(exc: OSError) -> FileFacts:
    return FileFacts((), ParseFailure(f"cannot read: {exc.strerror or exc}", 1, 1))


def analysis_failure(exc: Exception) -> ParseFailure:
    """The failure of a file whose extraction raised `exc`: the error, in one line."""
    detail = " ".join(str(exc).split())
    error = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return ParseFailure(error, 1, 1, "analysis")


def serve(incoming: IO[bytes], outgoing: IO[bytes], limit: bool = False) -> None:
    """Answer requests until `incoming` ends; with `limit`, in bounded memory (`allow_memory`).

    A thread reads the requests as they come, while this one parses and
    answers: the parent sends the next file (which may be larger than a pipe
    holds) before it reads the answer to the last one, so a worker that wrote
    a large answer without reading on would wait for the parent, and the
    parent for it.
    """
    import queue
    import threading

    requests: queue.Queue[Any] = queue.Queue()
    reader = threading.Thread(target=_read_all, args=(incoming, requests), daemon=True)
    reader.start()
    while True:
        asked = requests.get()
        if isinstance(asked, TruncatedMessage):
            raise asked
        if asked is None:
            return
        data, bans = asked
        if limit:
            allow_memory(len(data))
        send(outgoing, extract_bytes(data, decode_bans(bans)))


def _read_all(incoming: IO[bytes], requests: Any) -> None:
    """Put each request of `incoming` on `requests`, then None (or the truncation) at its end."""
    try:
        while True:
            asked = receive(incoming)
            requests.put(asked)
            if asked is None:
                return
    except TruncatedMessage as exc:
        requests.put(exc)


def main() -> None:
    import signal  # not at the top: the main process imports this module on every run

    # Ctrl-C reaches the whole process group; the parent decides, and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The answers get a private copy of stdout; anything else printed goes to stderr.
    with os.fdopen(os.dup(sys.stdout.fileno()), "wb") as answers:
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        try:
            serve(sys.stdin.buffer, answers, limit=True)
        except BrokenPipeError:  # the parent is gone
            os._exit(1)
        except BaseException:  # a bug in fitness: the parent ends the run (`WorkerError`)
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            # Not a normal exit: the reader thread may hold stdin's lock, and finishing
            # the interpreter then aborts it, which would read as a signal (the file's fault).
            os._exit(1)
