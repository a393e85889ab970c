"""Synthetic layered packages, for the growth curve (`bench/growth.py`).

    python bench/synthetic.py DIRECTORY MODULES

One package `synth` with ten layer packages `synth.l0` (top) … `synth.l9`
(bottom); every module of a layer but the lowest imports three modules of
lower layers, picked by a seeded generator, so the same size always gives the
same files. The import statements vary as real code's do (`from synth.l3
import m7`, `import synth.l3.m7`, `from ..l3.m7 import helper`, and one in
ten under `if TYPE_CHECKING:`). One import breaks the layering:
`synth.l9.m0` imports `synth.l0.m0`. The modules of the lowest layer import
only the standard library.

The project gets the three tools' configurations: a fitness `layers` rule
and an import-linter `layers` contract, both with `containers = synth`.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

PACKAGE = "synth"
LAYERS = 10
IMPORTS_PER_MODULE = 3
SEED = 16
# The module the one-file-changed scenario edits: in the middle layer, the middle module.
CHANGED_LAYER = LAYERS // 2

_BODY = '''

CONSTANT_{index} = {index}


class Thing{index}:
    """A class with a couple of methods, so there is something to parse."""

    def __init__(self, value: int = CONSTANT_{index}) -> None:
        self.value = value

    def scaled(self, factor: int) -> int:
        return self.value * factor + {index}


def helper(items: list[int]) -> int:
    total = 0
    for item in items:
        if item % 2:
            total += item
    return total
'''


def layer_sizes(modules: int) -> list[int]:
    """How many `m*.py` files each layer gets: `modules` counts every file, `__init__`s too."""
    files = modules - 1 - LAYERS  # the package's and each layer's __init__.py
    if files < LAYERS:
        raise ValueError(f"{modules} modules: too few for {LAYERS} layers")
    base, extra = divmod(files, LAYERS)
    return [base + (1 if layer < extra else 0) for layer in range(LAYERS)]


def changed_file(modules: int) -> str:
    """The file (relative to the project) that the one-file-changed scenario edits."""
    middle = layer_sizes(modules)[CHANGED_LAYER] // 2
    return f"{PACKAGE}/l{CHANGED_LAYER}/m{middle}.py"


def generate(project: Path, modules: int) -> None:
    """Write a project of `modules` modules (with its configurations) into `project`, afresh."""
    shutil.rmtree(project, ignore_errors=True)
    package = project / PACKAGE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""A synthetic layered package."""\n')
    sizes = layer_sizes(modules)
    rng = random.Random(SEED)
    for layer, size in enumerate(sizes):
        directory = package / f"l{layer}"
        directory.mkdir()
        (directory / "__init__.py").write_text(f'"""Layer {layer}."""\n')
        for index in range(size):
            lines = ['"""A module of a synthetic layer."""', "", "import os", ""]
            if layer + 1 < LAYERS:
                lines += _imports(rng, layer, sizes)
            if layer == LAYERS - 1 and index == 0:
                lines.append(f"from {PACKAGE}.l0 import m0  # the one violation")
            text = "\n".join(lines) + _BODY.format(index=index)
            (directory / f"m{index}.py").write_text(text)
    _write_configs(project)


def _imports(rng: random.Random, layer: int, sizes: list[int]) -> list[str]:
    lines: list[str] = []
    typed: list[str] = []
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < IMPORTS_PER_MODULE:
        lower = rng.randrange(layer + 1, LAYERS)
        chosen.add((lower, rng.randrange(sizes[lower])))
    for lower, index in sorted(chosen):
        form = rng.randrange(10)
        if form == 0:
            typed.append(f"    from {PACKAGE}.l{lower} import m{index}")
        elif form < 5:
            lines.append(f"from {PACKAGE}.l{lower} import m{index}")
        elif form < 8:
            lines.append(f"import {PACKAGE}.l{lower}.m{index}")
        else:
            lines.append(f"from ..l{lower}.m{index} import helper as helper_{lower}_{index}")
    if typed:
        lines += ["from typing import TYPE_CHECKING", "", "if TYPE_CHECKING:", *typed]
    return lines


def _write_configs(project: Path) -> None:
    layers = [f"l{layer}" for layer in range(LAYERS)]
    quoted = ", ".join(f'"{name}"' for name in layers)
    (project / "pyproject.toml").write_text(
        "[tool.fitness]\n"
        'source_roots = ["."]\n\n'
        "[tool.fitness.rules.layers]\n"
        'kind = "layers"\n'
        f'containers = ["{PACKAGE}"]\n'
        f"layers = [{quoted}]\n"
    )
    listed = "".join(f"    {name}\n" for name in layers)
    (project / ".importlinter").write_text(
        "[importlinter]\n"
        f"root_package = {PACKAGE}\n\n"
        "[importlinter:contract:layers]\n"
        "name = layers\n"
        "type = layers\n"
        f"containers =\n    {PACKAGE}\n"
        f"layers =\n{listed}"
    )


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
