"""The scratch venv, the copied packages, and the description of the machine."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = ["import-linter", "tach", "Django==5.2.*", "sympy==1.14.*", "starlette==1.10.*"]
MARKER = ".bench-requirements"
DISTRIBUTIONS = ["fitness-arch", "import-linter", "tach", "libcst", "Django", "sympy", "starlette"]


def _bin(venv: Path, name: str) -> Path:
    return venv / "bin" / name


def _pip(venv: Path, *args: str) -> None:
    command = [str(_bin(venv, "python")), "-m", "pip", "--disable-pip-version-check", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"pip failed: {' '.join(command)}")


def prepare_venv(venv: Path) -> None:
    """Create `venv` (with this interpreter) and install the peers once; fitness every time."""
    wanted = "\n".join([str(REPO), *PEERS]) + "\n"
    marker = venv / MARKER
    if not marker.exists() or marker.read_text() != wanted:
        log(f"creating {venv} and installing fitness, {', '.join(PEERS)}")
        if venv.exists():
            shutil.rmtree(venv)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _pip(venv, "install", str(REPO), *PEERS)
        marker.write_text(wanted)
    log("re-installing fitness from the working tree (not editable)")
    _pip(venv, "install", "--force-reinstall", "--no-deps", str(REPO))
    check = subprocess.run(
        [str(_bin(venv, "python")), "-m", "pip", "check"], capture_output=True, check=False
    )
    if check.returncode != 0:  # fitness gained a dependency since the venv was made
        _pip(venv, "install", str(REPO))


def site_packages(venv: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    out = subprocess.run(
        [str(_bin(venv, "python")), "-c", code], capture_output=True, text=True, check=True
    )
    return Path(out.stdout.strip())


def copy_package(venv: Path, package: str, project: Path) -> None:
    """A fresh `project/package`, copied from the venv, without bytecode or tool caches."""
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copytree(
        site_packages(venv) / package,
        project / package,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )


def versions(venv: Path) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, sys\n"
        "for name in sys.argv[1:]: print(name, m.version(name))"
    )
    out = subprocess.run(
        [str(_bin(venv, "python")), "-c", code, *DISTRIBUTIONS],
        capture_output=True,
        text=True,
        check=True,
    )
    found = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    found["fitness"] = found.pop("fitness-arch")  # the distribution's name on the index
    return found


def _proc_field(path: str, key: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                name, _, value = line.partition(":")
                if name.strip() == key:
                    return value.strip()
    except OSError:
        pass
    return "unknown"


def machine() -> dict[str, str]:
    """What the results depend on, for the head of the report."""
    memory = _proc_field("/proc/meminfo", "MemTotal")
    if memory.endswith(" kB"):
        memory = f"{int(memory[:-3]) / 1024 / 1024:.1f} GiB"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "CPU": _proc_field("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "load average at start": load,
        "usable cores at start": usable_cores(),
    }


_BURN = "s = 0\nfor i in range(20_000_000): s += i"


def _burn(copies: int) -> float:
    start = time.perf_counter()
    children = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(copies)]
    for child in children:
        child.wait()
    return time.perf_counter() - start


def usable_cores() -> str:
    """How many CPUs a CPU-bound pair of processes actually gets now (2.0: both cores free).

    The time of one busy loop, doubled, divided by the time of two running at once.
    """
    one, two = _burn(1), _burn(2)
    return f"{2 * one / two:.2f} (one busy loop {one:.2f} s, two at once {two:.2f} s)"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)
