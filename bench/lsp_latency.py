"""How long `fitness lsp` takes to show an edit's findings, against a warm `fitness check`.

    python bench/lsp_latency.py [--rounds 7] [--out bench/RESULTS.md] [--work bench/.work]

Standard library only: this script is the editor, speaking JSON-RPC to the server
over its stdin and stdout as the protocol frames it (`Content-Length` headers). The
venv is `bench/run.py`'s (fitness re-installed from the working tree, pygls added for
the `lsp` extra); `bench/.work/lsp-django/` gets a fresh copy of its Django with the
bench's configuration (`bench/projects.py`: a layers rule with django.contrib above
django.utils, and a forbidden rule).

1. warm: `fitness check` with its cache filled, run `--rounds` times (medians), from
   fork to exit, as a developer runs it before pushing.
2. The server is started in the project, `EDITED` is opened, and its first
   diagnostics are awaited (the server's first check, warm from the same cache).
3. Each round edits the open buffer (never the file): it appends `IMPORT`, an import
   of django.contrib from django.utils that breaks the layers rule, or takes it away
   again, alternately; the time is from sending the change to receiving the edited
   file's new diagnostics. `save`: the change is followed by a save at once, so the
   server checks without waiting for more typing; `typing`: the change alone, which
   waits the server's debounce (`fitness.lsp.server.DELAY`) first.
The table goes into the LSP section of `--out` (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import IO, Any

import environment
import report
from environment import log
from measure import Command, run_once
from projects import PROJECTS

BENCH = Path(__file__).resolve().parent
START = "<!-- lsp: written by bench/lsp_latency.py -->"
END = "<!-- lsp: end -->"
TIMES = "\u00d7"
EDITED = "django/utils/text.py"
IMPORT = "import django.contrib.sitemaps  # lsp bench\n"
WAIT = 120.0


class Server:
    """`fitness lsp` in a subprocess, and the messages it sends."""

    def __init__(self, fitness: Path, directory: Path) -> None:
        self.child = subprocess.Popen(
            [str(fitness), "lsp"],
            cwd=directory,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        sent = None
        if request:
            self.next_id += 1
            message["id"] = sent = self.next_id
        body = json.dumps(message).encode("utf-8")
        stdin = self.child.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdin.flush()
        return sent

    def receive(self) -> dict[str, Any]:
        stdout: IO[bytes] | None = self.child.stdout
        assert stdout is not None
        length = 0
        while True:
            line = stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        found: dict[str, Any] = json.loads(stdout.read(length))
        return found

    def wait_for(self, method: str | None = None, answer: int | None = None, uri: str = "") -> Any:
        """The next notification `method` (for `uri`), or the answer to request `answer`."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            message = self.receive()
            if answer is not None and message.get("id") == answer and "method" not in message:
                return message.get("result")
            named = method is not None and message.get("method") == method
            if named and (not uri or message["params"].get("uri") == uri):
                return message["params"]
            if "id" in message and "method" in message:  # a request from the server
                reply = {"jsonrpc": "2.0", "id": message["id"], "result": None}
                body = json.dumps(reply).encode("utf-8")
                stdin = self.child.stdin
                assert stdin is not None
                stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                stdin.flush()
        raise TimeoutError(f"no {method or answer} within {WAIT} s")

    def stop(self) -> None:
        answer = self.send("shutdown", None, request=True)
        self.wait_for(answer=answer)
        self.send("exit", None)
        self.child.wait(timeout=30)


def measure(venv: Path, directory: Path, rounds: int) -> dict[str, float]:
    fitness = venv / "bin" / "fitness"
    check = Command("fitness", [str(fitness), "check"], directory)
    run_once(check)  # fills the cache
    warm = statistics.median(run_once(check).seconds for _ in range(rounds))
    server = Server(fitness, directory)
    root = directory.as_uri()
    answer = server.send(
        "initialize",
        {"processId": None, "rootUri": root, "capabilities": {}, "workspaceFolders": None},
        request=True,
    )
    server.wait_for(answer=answer)
    server.send("initialized", {})
    path = directory / EDITED
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    opened = time.perf_counter()
    document = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    server.send("textDocument/didOpen", {"textDocument": document})
    first = server.wait_for("textDocument/publishDiagnostics", uri=uri)
    first_s = time.perf_counter() - opened
    version = 1
    times: dict[str, list[float]] = {"save": [], "typing": []}
    counts = []
    for _ in range(rounds):
        for how in ("save", "typing"):
            version += 1
            now = text + IMPORT if (version % 2 == 0) else text
            start = time.perf_counter()
            changed = {"uri": uri, "version": version}
            edit = {"textDocument": changed, "contentChanges": [{"text": now}]}
            server.send("textDocument/didChange", edit)
            if how == "save":
                server.send("textDocument/didSave", {"textDocument": {"uri": uri}})
            found = server.wait_for("textDocument/publishDiagnostics", uri=uri)
            times[how].append(time.perf_counter() - start)
            counts.append(len(found["diagnostics"]))
    server.stop()
    if len(set(counts)) != 2:
        raise RuntimeError(f"the edits did not change the diagnostics: {counts}")
    return {
        "warm": warm,
        "first": first_s,
        "first_diagnostics": len(first["diagnostics"]),
        "save": statistics.median(times["save"]),
        "typing": statistics.median(times["typing"]),
        "diagnostics": max(counts),
    }


def section(found: dict[str, float], rounds: int, files: int) -> str:
    ratio = found["save"] / found["warm"]
    return "\n".join(
        [
            START,
            "## Editor latency (`fitness lsp`)",
            "",
            f"`python bench/lsp_latency.py --rounds {rounds}` on the bench's Django ({files} "
            "files), medians. An edit of the open buffer of "
            f"`{EDITED}` adds or removes `import django.contrib.sitemaps` (a layers "
            "violation); the time runs from sending the change to receiving that file's "
            "new diagnostics.",
            "",
            "| what | seconds | vs warm `fitness check` |",
            "|---|---:|---:|",
            f"| warm `fitness check` (fork to exit) | {found['warm']:.3f} | 1.00{TIMES} |",
            f"| server's first check after opening | {found['first']:.3f} | "
            f"{found['first'] / found['warm']:.2f}{TIMES} |",
            f"| edit, then save: diagnostics | {found['save']:.3f} | {ratio:.2f}{TIMES} |",
            f"| edit while typing (debounce included) | {found['typing']:.3f} | "
            f"{found['typing'] / found['warm']:.2f}{TIMES} |",
            "",
            f"Target: within 2{TIMES} a warm `fitness check`; "
            f"{'met' if ratio <= 2 else 'not met'} ({ratio:.2f}{TIMES}). The edited file "
            f"showed {int(found['diagnostics'])} diagnostic(s) with the import, and "
            f"{int(found['first_diagnostics'])} without it.",
            END,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=BENCH / ".work")
    args = parser.parse_args()
    work = args.work.resolve()
    venv = work / "venv"
    environment.prepare_venv(venv)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "pygls>=2.0"], check=True
    )
    directory = work / "lsp-django"
    if directory.exists():
        shutil.rmtree(directory)
    django = next(project for project in PROJECTS if project.name == "django")
    environment.copy_package(venv, django.package, directory)
    django.write_configs(directory)
    files = len(list((directory / "django").rglob("*.py")))
    log(f"lsp: {files} files; {args.rounds} rounds")
    found = measure(venv, directory, args.rounds)
    text = section(found, args.rounds, files)
    print(text)
    report.write_section(args.out, text, START, END)


if __name__ == "__main__":
    main()
