"""Draw Django and sympy (the benchmark's projects, with its rules) at depth 1 and 2.

Each package is taken from its wheel on PyPI (the benchmark's versions), the
benchmark's configuration is written beside it, and `fitness graph` writes a
Mermaid diagram (`--depth 1`, `--depth 2`) and the DOT of depth 1 (dot takes minutes on
the 1,000 edges of depth 2) and of the pictures of the rules the step summary draws into
OUT, for .ci/validate_diagrams.sh to hand to Mermaid's parser and to `dot`.
It also checks that each Mermaid diagram draws every violating import the
unbounded JSON view holds, but those it says lie inside a package it drew whole
(sympy at depth 2 has 880 violating edges, more than GitHub draws).

Usage: python .ci/diagrams_of_real_projects.py FITNESS OUT
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from projects import PROJECTS

WHEELS = {"django": "Django==5.2.*", "sympy": "sympy==1.14.*"}


def main(fitness: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for project in (p for p in PROJECTS if p.name in WHEELS):
            root = Path(scratch) / project.name
            _unpack(WHEELS[project.name], project.package, Path(scratch), root)
            (root / "pyproject.toml").write_text(project.fitness_toml())
            for depth in ("1", "2"):
                name = f"{project.name}-depth-{depth}"
                mermaid = _graph(fitness, root, "--depth", depth)
                (out / f"{name}.mmd").write_text(mermaid)
                if depth == "1":  # dot takes minutes to lay out the 1,000 edges of depth 2
                    dot = _graph(fitness, root, "--depth", depth, "--format", "dot")
                    (out / f"{name}.dot").write_text(dot)
                whole = json.loads(_graph(fitness, root, "--depth", depth, "--format", "json"))
                failed += _every_violation_drawn(name, whole, mermaid)
            failed += _summary_pictures(fitness, root, project.name, out)
    return 1 if failed else 0


def _summary_pictures(fitness: str, root: Path, name: str, out: Path) -> int:
    """The step summary's pictures of the broken rules, for Mermaid's parser, and the same
    rules' pictures as DOT, for `dot`; the summary itself within GitHub's 1 MiB."""
    import re

    done = subprocess.run(
        [fitness, "check", "--format", "markdown"], cwd=root, capture_output=True, text=True
    )
    if done.returncode != 1:
        print(f"{name}: fitness check --format markdown exited {done.returncode}: {done.stderr}")
        return 1
    blocks = re.findall(r"```mermaid\n(.*?)```", done.stdout, flags=re.DOTALL)
    rules = [re.match(r"%% fitness graph --rule (\S+)", block) for block in blocks]
    size = len(done.stdout.encode())
    print(f"{name}: step summary {size} bytes, {len(blocks)} rules drawn")
    if not blocks or None in rules or size > 1024 * 1024:
        print(f"{name}: expected 1 to 3 rule pictures in a summary under 1 MiB")
        return 1
    for block, rule in zip(blocks, rules):
        assert rule is not None
        (out / f"{name}-summary-{rule[1]}.mmd").write_text(block)
        dot = _graph(fitness, root, "--rule", rule[1], "--format", "dot")
        (out / f"{name}-rule-{rule[1]}.dot").write_text(dot)
    return 0


def _unpack(requirement: str, package: str, scratch: Path, root: Path) -> None:
    wheels = scratch / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
         "-d", str(wheels), requirement],
        check=True,
    )  # fmt: skip
    [wheel] = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(package)]
    with zipfile.ZipFile(wheel) as archive:
        members = [m for m in archive.namelist() if m.startswith(f"{package}/")]
        archive.extractall(root, members)


def _graph(fitness: str, root: Path, *arguments: str) -> str:
    done = subprocess.run(
        [fitness, "graph", *arguments], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"fitness graph {' '.join(arguments)} in {root}: {done.stderr}")
    return done.stdout


def _every_violation_drawn(name: str, whole: Any, mermaid: str) -> int:
    """1 unless the diagram's red edges hold every violating import of the view, but for
    those it says it draws inside a package drawn whole (GitHub's limits), and it left
    out no violating edge."""
    wanted = sum(v["imports"] for edge in whole["edges"] for v in edge["violations"])
    drawn = 0
    for label in re.findall(r'(?:==>|-\.->)\|"([^"]*)"\|', mermaid):  # dashed: TYPE_CHECKING
        if not re.fullmatch(r"\d+ imports?", label):  # a legal edge's label
            drawn += sum(int(said.rpartition(": ")[2]) for said in label.split(", "))
    inside = re.search(r"(\d+) violating imports? inside them", mermaid)
    hidden = int(inside.group(1)) if inside else 0
    print(f"{name}: {drawn} violating imports drawn, {hidden} inside packages drawn whole")
    if drawn + hidden != wanted or re.search(r"\d+ violating edges? *(;|$)", mermaid, re.M):
        print(f"{name}: the view has {wanted} violating imports")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
