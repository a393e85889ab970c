"""Parsing in worker processes: same facts as in-process, and a dying worker costs one file."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fitness.model import NO_BANS, Bans, FileFacts, ParseFailure
from fitness.parsing.codec import decode, encode
from fitness.parsing.extract import extract
from fitness.parsing.pool import WorkerError, parse_in_workers, time_limit, worker_command
from fitness.parsing.worker import (
    OUT_OF_MEMORY,
    TruncatedMessage,
    analysis_failure,
    extract_bytes,
    receive,
    request,
    send,
    serve,
)

# boom.py, which the crashing workers below die on, comes with files behind it
# that were already sent to the worker that dies.
SOURCES = {
    "big.py": "import os\n" + "x = [1, 2, 3]\n" * 2000 + "from . import sibling\n",
    "boom.py": "import sys\n",
    "plain.py": "import json\nfrom collections import OrderedDict as OD\n",
    "broken.py": "def f(:\n",
    "last.py": "from .. import up\n",
}


def write_sources(tmp_path: Path) -> list[str]:
    for name, text in SOURCES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in SOURCES]


def parsed(paths: list[str], jobs: int, command: list[str] | None = None) -> dict[str, object]:
    sources = [Path(path).read_bytes() for path in paths]
    return {
        Path(paths[index]).name: (decode(encoded), cacheable)
        for index, encoded, cacheable in parse_in_workers(paths, sources, jobs, command)
    }


def in_process(path: str) -> tuple[FileFacts, bool]:
    """What parsing `path` gives: its facts, which may be cached."""
    return extract(Path(path).read_bytes()), True


def crashing_command(signal_number: int | None) -> list[str]:
    """The real worker, except that `boom.py` kills it (or makes it exit 1 if no signal)."""
    [python, *flags, _, code] = worker_command()
    die = f"os.kill(os.getpid(), {signal_number})" if signal_number else "raise RuntimeError('bug')"
    wrapper = code.replace(
        "from fitness.parsing.worker import main; main()",
        "import os\n"
        "from fitness.parsing import worker\n"
        "real = worker.extract_bytes\n"
        "def extract_bytes(data, bans):\n"
        f"    if data == {SOURCES['boom.py'].encode()!r}: {die}\n"
        "    return real(data, bans)\n"
        "worker.extract_bytes = extract_bytes\n"
        "worker.main()\n",
    )
    return [python, *flags, "-c", wrapper]


@pytest.mark.parametrize("jobs", [1, 3])
def test_workers_find_what_extraction_in_this_process_finds(tmp_path: Path, jobs: int) -> None:
    paths = write_sources(tmp_path)

    result = parsed(paths, jobs)

    assert result == {Path(path).name: in_process(path) for path in paths}
    assert result["broken.py"][0].failure is not None


def test_a_worker_parses_the_bytes_it_is_sent_and_never_opens_the_path(tmp_path: Path) -> None:
    sent = b"import yaml\n"
    gone = str(tmp_path / "gone.py")  # no such file: only named in errors

    [(index, encoded, cacheable)] = list(parse_in_workers([gone], [sent], 2))

    assert (index, decode(encoded), cacheable) == (0, extract(sent), True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_killed_on_a_file_costs_only_that_file(tmp_path: Path, jobs: int) -> None:
    paths = write_sources(tmp_path)

    result = parsed(paths, jobs, crashing_command(signal.SIGKILL))

    failure = ParseFailure(f"the parser was killed by signal {signal.SIGKILL} on this file", 1, 1)
    assert result["boom.py"] == (FileFacts((), failure), False)
    assert {name: value for name, value in result.items() if name != "boom.py"} == {
        Path(path).name: in_process(path) for path in paths if not path.endswith("boom.py")
    }


def test_a_worker_that_fails_by_itself_ends_the_run(tmp_path: Path) -> None:
    paths = write_sources(tmp_path)

    with pytest.raises(WorkerError) as caught:
        parsed(paths, 1, crashing_command(None))

    [boom] = [path for path in paths if path.endswith("boom.py")]
    assert str(caught.value) == f"a parsing process exited with code 1 while reading {boom}"


def failing_extraction_command() -> list[str]:
    """The real worker, except that extracting `boom.py`'s content raises, as a bug in fitness would."""
    [python, *flags, _, code] = worker_command()
    wrapper = code.replace(
        "from fitness.parsing.worker import main; main()",
        "from fitness.parsing import extract, worker\n"
        "real = extract.extract\n"
        "def failing(data, *bans):\n"
        f"    if data == {SOURCES['boom.py'].encode()!r}: raise KeyError('no such node')\n"
        "    return real(data, *bans)\n"
        "extract.extract = failing\n"
        "worker.main()\n",
    )
    return [python, *flags, "-c", wrapper]


ANALYSIS_FAILURE = FileFacts((), ParseFailure("KeyError: 'no such node'", 1, 1, "analysis"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_whose_extraction_raises_is_an_analysis_failure_not_cached(
    tmp_path: Path, jobs: int
) -> None:
    paths = write_sources(tmp_path)

    result = parsed(paths, jobs, failing_extraction_command())

    assert result == {
        Path(path).name: (ANALYSIS_FAILURE, False) if path.endswith("boom.py") else in_process(path)
        for path in paths
    }


def test_in_this_process_too_a_file_whose_extraction_raises_is_an_analysis_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [boom] = [path for path in write_sources(tmp_path) if path.endswith("boom.py")]

    def failing(data: bytes, bans: Bans = NO_BANS) -> FileFacts:
        raise KeyError("no such node")

    monkeypatch.setattr("fitness.parsing.extract.extract", failing)

    encoded, cacheable = extract_bytes(Path(boom).read_bytes())

    assert (decode(encoded), cacheable) == (ANALYSIS_FAILURE, False)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (AssertionError(), "AssertionError"),
        (ValueError("two\n  lines"), "ValueError: two lines"),
        (
            RecursionError("maximum recursion depth exceeded"),
            "RecursionError: maximum recursion depth exceeded",
        ),
    ],
    ids=["no-message", "multi-line", "recursion"],
)
def test_an_analysis_failure_names_the_error_in_one_line(error: Exception, message: str) -> None:
    assert analysis_failure(error) == ParseFailure(message, 1, 1, "analysis")


def test_stopping_early_ends_every_worker_and_thread(tmp_path: Path) -> None:
    paths = write_sources(tmp_path) * 20
    threads_before = threading.active_count()

    results = parse_in_workers(paths, [Path(path).read_bytes() for path in paths], 2)
    next(results)
    results.close()

    assert threading.active_count() == threads_before


def test_messages_survive_the_round_trip_and_a_cut_is_detected() -> None:
    stream = io.BytesIO()
    send(stream, request(b"import os\n", Bans(frozenset({"yaml", "os"}), frozenset({"eval"}))))
    send(stream, ((("os", 0, (), 1, 1, 1, 10, False, False, False),), True))
    whole = stream.getvalue()
    first = len(whole) - len(whole.split(b"import os\n", 1)[1])

    stream.seek(0)
    assert receive(stream) == (b"import os\n", (("os", "yaml"), ("eval",), True))
    assert receive(stream) == ((("os", 0, (), 1, 1, 1, 10, False, False, False),), True)
    assert receive(stream) is None
    for cut in (2, first - 1):  # in the length, in the payload
        with pytest.raises(TruncatedMessage):
            receive(io.BytesIO(whole[:cut]))


def test_serve_answers_each_request_in_order_with_its_bans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_sources(tmp_path)
    asked = [Bans(frozenset({f"root{n}"}), frozenset({"eval"} if n % 2 else ())) for n in range(5)]
    requests = io.BytesIO()
    for path, bans in zip(paths, asked):
        send(requests, request(Path(path).read_bytes(), bans))
    requests.seek(0)
    answers = io.BytesIO()
    seen: list[tuple[bytes, Bans]] = []

    def recording(data: bytes, bans: Bans = NO_BANS) -> FileFacts:
        seen.append((data, bans))
        return extract(data)

    monkeypatch.setattr("fitness.parsing.extract.extract", recording)

    serve(requests, answers)

    answers.seek(0)
    replies = [receive(answers) for _ in paths]
    assert [decode(encoded) for encoded, _ in replies] == [
        extract(Path(path).read_bytes()) for path in paths
    ]
    assert seen == [(Path(path).read_bytes(), bans) for path, bans in zip(paths, asked)]
    assert receive(answers) is None


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], []),
        (["-B"], ["-B"]),
        (["-X", "dev", "-W", "error"], ["-Wdefault", "-Werror", "-Xdev"]),
        (["-I", "-X", "importtime=2"], ["-I", "-Ximporttime=2"]),
        (
            ["-E", "-s", "-O", "-W", "ignore::DeprecationWarning"],
            ["-E", "-s", "-Wignore::DeprecationWarning"],
        ),
    ],
)
def test_workers_get_the_isolation_warning_and_x_options_of_this_interpreter(
    options: list[str], expected: list[str]
) -> None:
    repository = str(Path(__file__).resolve().parents[2])
    code = (
        f"import sys; sys.path.insert(0, {repository!r}); "
        "from fitness.parsing.pool import worker_command; print(worker_command()[1:-2])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    shown = subprocess.run(
        [sys.executable, *options, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout == f"{expected}\n"


def test_files_and_answers_larger_than_a_pipe_do_not_block_the_worker() -> None:
    # The next file is sent before the last answer is read: with both larger than a pipe
    # holds (64 KB), a worker that did not read on while answering waited for the parent,
    # and the parent for it (a benchmark run on sympy hung so).
    source = "".join(f"import package_{n}.module_{n}\n" for n in range(6000)).encode()
    sources = [source, source + b"import last\n", source + b"import final\n"]
    assert len(source) > 2 * 65536
    results: list[int] = []

    def parse() -> None:
        for index, _, _ in parse_in_workers(["a.py", "b.py", "c.py"], sources, 1):
            results.append(index)

    thread = threading.Thread(target=parse, daemon=True)
    thread.start()
    thread.join(timeout=300)  # a generous bound: done in a few seconds, or never

    assert not thread.is_alive(), "the worker and this process wait for each other"
    assert sorted(results) == [0, 1, 2]


def limited_command(setup: str) -> list[str]:
    """The real worker, run after `setup` (Python statements on `worker`)."""
    [python, *flags, _, code] = worker_command()
    wrapper = code.replace(
        "from fitness.parsing.worker import main; main()",
        f"from fitness.parsing import worker\n{setup}\nworker.main()\n",
    )
    return [python, *flags, "-c", wrapper]


def test_a_worker_slower_than_its_time_limit_is_stopped_and_costs_only_that_file() -> None:
    # The stand-in for a file libcst takes minutes over: the worker sleeps on it.
    command = limited_command(
        "import time\n"
        "real = worker.extract_bytes\n"
        "def extract_bytes(data, bans):\n"
        "    if data == b'slow': time.sleep(600)\n"
        "    return real(data, bans)\n"
        "worker.extract_bytes = extract_bytes"
    )
    sources = [b"slow", b"import json\n", b"import os\n"]
    paths = ["slow.py", "json.py", "os.py"]

    result = {
        paths[index]: (decode(encoded), cacheable)
        for index, encoded, cacheable in parse_in_workers(
            paths, sources, 1, command, seconds=lambda size: 2.0
        )
    }

    slow = ParseFailure("the parser took more than 2 s on this file and was stopped", 1, 1)
    assert result == {
        "slow.py": (FileFacts((), slow), False),
        "json.py": (extract(b"import json\n"), True),
        "os.py": (extract(b"import os\n"), True),
    }


def test_the_time_limit_grows_with_the_file() -> None:
    assert [time_limit(size) for size in (0, 1 << 20, 5 << 20)] == [30.0, 60.0, 180.0]


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS")
def test_a_worker_needing_more_memory_than_its_limit_costs_only_that_file() -> None:
    # 900 MB of address space whatever the size: libcst needs about 1.3 GB more for 1 MB.
    command = limited_command("worker.BASE_MEMORY = 900 << 20\nworker.MEMORY_PER_BYTE = 0")
    # Each body's one statement imports, so skeleton parsing keeps them all.
    body = "".join(
        f"def f{i}(x):\n    import os; return [x.y(z) for z in range(9)]\n" for i in range(10_000)
    )
    sources = [f"import os\n{body}".encode(), b"import json\n"]

    result = list(parse_in_workers(["big.py", "json.py"], sources, 1, command))

    failures = {index: decode(encoded).failure for index, encoded, _ in result}
    # libcst's allocator aborts the process (SIGABRT); one in Python raises MemoryError.
    assert failures[0] is not None
    assert failures[0].message in (
        f"the parser was killed by signal {signal.SIGABRT} on this file",
        OUT_OF_MEMORY,
    )
    assert failures[1] is None


def test_out_of_memory_in_extraction_is_a_parse_failure_not_cached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def exhausted(data: bytes, bans: Bans) -> FileFacts:
        raise MemoryError

    monkeypatch.setattr("fitness.parsing.extract.extract", exhausted)

    assert extract_bytes(b"import os\n") == (
        encode(FileFacts((), ParseFailure(OUT_OF_MEMORY, 1, 1))),
        False,
    )
