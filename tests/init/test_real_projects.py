"""`fitness init` on real code: the bundled shop and packages installed from PyPI.

The configuration it writes must load (`fitness check` exits 0 or 1, never 2)
and its proposed layers must break the fewest pairs of any order. Which pairs
an order breaks is asked of `fitness check` itself, on the proposed order and
on its reverse (with one package per layer, a pair is judged the same way in
any order); the fewest over all orders is then found here, independently of
fitness.init.ordering: by trying every order when there are at most eight
packages, else by a memoised search over subsets written for this test.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import json
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from support import Result

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

Run = Callable[..., Result]
Pair = tuple[str, str]

REPO = Path(__file__).resolve().parents[2]
BRUTE_FORCE_LIMIT = 8


def broken_by(order: Sequence[str], pairs: Iterable[Pair]) -> int:
    """How many (importer, imported) pairs have the importer below."""
    position = {name: index for index, name in enumerate(order)}
    return sum(1 for importer, imported in pairs if position[importer] > position[imported])


def fewest_by_trying_every_order(names: Sequence[str], pairs: set[Pair]) -> int:
    return min(broken_by(order, pairs) for order in itertools.permutations(names))


def fewest_by_subsets(names: Sequence[str], pairs: set[Pair]) -> int:
    """The same minimum: choose the top layer, then the best order of the rest (bit masks)."""
    index = {name: bit for bit, name in enumerate(names)}
    importers = [0] * len(names)  # for each name, the names that import it
    for importer, imported in pairs:
        importers[index[imported]] |= 1 << index[importer]

    @functools.cache
    def best(rest: int) -> int:
        if not rest:
            return 0
        return min(
            bin(importers[top] & rest).count("1") + best(rest & ~(1 << top))
            for top in range(len(names))
            if rest >> top & 1
        )

    return best((1 << len(names)) - 1)


def proposed(root: Path, config: Path) -> tuple[dict[str, Any], list[str]]:
    """The draft's settings and its packages top to bottom (`a | b` siblings taken in turn)."""
    document = tomllib.loads(config.read_text(encoding="utf-8"))
    settings = document["tool"]["fitness"] if config.name == "pyproject.toml" else document
    layers = settings["rules"]["layered-architecture"]["layers"]
    return settings, [name for layer in layers for name in layer.split(" | ")]


def pairs_judged_by_check(
    run: Run, root: Path, settings: dict[str, Any], layers: list[str]
) -> tuple[set[Pair], int]:
    """Every pair fitness's check breaks in the order or in its reverse."""
    pairs: set[Pair] = set()
    counts = []
    for name, order in (("forward", layers), ("reverse", layers[::-1])):
        config = root / f"probe-{name}.toml"
        lines = [f"source_roots = {json.dumps(settings['source_roots'])}"]
        if "exclude" in settings:
            lines.append(f"exclude = {json.dumps(settings['exclude'])}")
        lines += ["[rules.probe]", 'kind = "layers"', f"layers = {json.dumps(order)}"]
        rule = settings["rules"]["layered-architecture"]
        if "type_checking" in rule:
            lines.append(f"type_checking = {json.dumps(rule['type_checking'])}")
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run("check", "--no-cache", "--format", "json", "--config", str(config), cwd=root)
        assert result.code in (0, 1), result.err
        findings = [f for f in json.loads(result.out)["findings"] if f["rule"] == "probe"]
        pairs |= {(f["modules"][0], f["modules"][1]) for f in findings}
        counts.append(len(findings))
        config.unlink()
    return pairs, counts[0]


def init_and_judge(run: Run, root: Path, config_name: str) -> tuple[int, int, list[str], set[Pair]]:
    """Run init; return the violations it reports, those check finds, the layers, the pairs."""
    result = run("init", cwd=root)
    assert result.code == 0, result.err
    reported = re.search(r"Proposed \d+ layers with (\d+) violations?: ", result.out)
    assert reported is not None, result.out
    check = run("check", "--no-cache", "--format", "json", cwd=root)
    assert check.code in (0, 1), check.err  # never 2: the configuration loads
    found = [f for f in json.loads(check.out)["findings"] if f["rule"] == "layered-architecture"]
    settings, layers = proposed(root, root / config_name)
    pairs, forward = pairs_judged_by_check(run, root, settings, layers)
    assert forward == len(found)
    return int(reported[1]), len(found), layers, pairs


def test_the_shop_without_its_configuration(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "shop"
    shutil.copytree(REPO / "examples" / "shop", root)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text[: text.index("[tool.fitness]")], encoding="utf-8")

    reported, found, layers, pairs = init_and_judge(run, root, "pyproject.toml")

    assert sorted(layers) == [
        "shop.api",
        "shop.domain",
        "shop.infrastructure",
        "shop.jobs",
        "shop.services",
    ]
    # shop.api -> shop.services -> shop.domain -> shop.api is a loop: one pair must break.
    assert (reported, found) == (1, 1)
    assert fewest_by_trying_every_order(layers, pairs) == 1
    assert len(pairs) == 6


def _installed_copy(name: str, tmp_path: Path) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        pytest.skip(f"{name} is not installed")
    root = tmp_path / f"{name}-project"
    shutil.copytree(
        Path(spec.origin).parent, root / name, ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


@pytest.mark.parametrize("package", ["referencing", "click"])
def test_a_package_installed_from_pypi(package: str, tmp_path: Path, run: Run) -> None:
    root = _installed_copy(package, tmp_path)

    reported, found, layers, pairs = init_and_judge(run, root, "fitness.toml")

    assert all(layer.startswith(f"{package}.") for layer in layers)
    assert len(layers) >= 3
    assert reported == found
    if len(layers) <= BRUTE_FORCE_LIMIT:
        assert found == fewest_by_trying_every_order(layers, pairs)
    assert found == fewest_by_subsets(layers, pairs)
    if package == "referencing":
        assert len(layers) <= BRUTE_FORCE_LIMIT  # so every order was tried above
    print(f"{package}: {len(layers)} layers, {len(pairs)} importing pairs, {found} broken")
