"""Parity with import-linter: the same contracts give the same verdicts on real code.

Every directory under tests/parity/projects/ is a small project whose pyproject.toml
states each contract twice: for import-linter ([tool.importlinter]) and for fitness
([tool.fitness]), under the same id. import-linter itself is run on the project (by
tests/parity/oracle.py, in a subprocess) and so is fitness (`python -m fitness check
--format json`, in a subprocess); for every contract the two must agree on whether it is
broken and on the set of illegal (importer package, imported package) pairs.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PARITY = Path(__file__).parent / "parity"
PROJECTS = PARITY / "projects"
ORACLE = PARITY / "oracle.py"
REPO_ROOT = Path(__file__).resolve().parent.parent
MINIMUM_FIXTURES = 6
TIMEOUT_SECONDS = 180

Pair = tuple[str, str]


def _discover() -> list[Path]:
    if not PROJECTS.is_dir():
        return []
    return sorted(path for path in PROJECTS.iterdir() if (path / "pyproject.toml").is_file())


FIXTURES = _discover()


def _load_oracle_module() -> Any:
    spec = importlib.util.spec_from_file_location("parity_oracle", ORACLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_oracle_module = _load_oracle_module()


def _env(extra_path: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if extra_path:
        env["PYTHONPATH"] = extra_path
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _config_text(fixture: Path) -> str:
    return (fixture / "pyproject.toml").read_text(encoding="utf-8")


@functools.cache
def run_import_linter(fixture: Path) -> dict[str, dict[str, Any]]:
    """import-linter's verdicts for the fixture, by contract id (see tests/parity/oracle.py)."""
    completed = subprocess.run(
        [sys.executable, str(ORACLE), str(fixture)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    missing = re.search(r"KeyError: '(\w+)'", completed.stderr)
    if completed.returncode != 0 and missing and f'type = "{missing[1]}"' in _config_text(fixture):
        # import-linter 2.5 (the newest that installs on Python 3.9) has no acyclic_siblings.
        pytest.skip(f"this import-linter has no '{missing[1]}' contract type")
    if completed.returncode != 0 and "NamespacePackageEncountered" in completed.stderr:
        # Older grimp (3.13, the newest that installs on Python 3.9) rejects a namespace root package.
        pytest.skip(f"this grimp cannot analyse the namespace root package of {fixture.name}")
    assert completed.returncode == 0, (
        f"the import-linter oracle failed on {fixture.name} (exit {completed.returncode}):\n"
        f"{completed.stderr}{completed.stdout}"
    )
    leftover = fixture / ".import_linter_cache"
    assert not leftover.exists(), f"the oracle left a grimp cache behind: {leftover}"
    result: dict[str, dict[str, Any]] = json.loads(completed.stdout)
    return result


@functools.cache
def run_fitness(fixture: Path) -> dict[str, Any]:
    """fitness's JSON report for the fixture (run with the fixture as working directory)."""
    completed = subprocess.run(
        [sys.executable, "-m", "fitness", "check", "--no-cache", "--format", "json"],
        cwd=fixture,
        capture_output=True,
        text=True,
        # The working tree's fitness, whatever is installed.
        env=_env(str(REPO_ROOT)),
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode in (0, 1), (
        f"fitness failed on {fixture.name} (exit {completed.returncode}):\n"
        f"{completed.stderr}{completed.stdout}"
    )
    try:
        report: dict[str, Any] = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        pytest.fail(
            f"fitness did not print JSON for {fixture.name} ({error}):\n"
            f"stdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
        )
    assert report.get("schema") == "fitness-report", report
    errors = [f for f in report["findings"] if f.get("severity") == "error"]
    assert (completed.returncode == 1) == bool(errors), (
        f"fitness exited {completed.returncode} on {fixture.name} with {len(errors)} error findings"
    )
    return report


def fitness_pairs(report: dict[str, Any], rule_id: str) -> set[Pair]:
    """The illegal pairs of a rule; for `acyclic`, every step of every loop of children."""
    if _kind(report, rule_id) == "acyclic":
        return {
            step
            for finding in fitness_findings(report, rule_id)
            for chain in finding["chains"]
            for step in _loop_of(finding["modules"][0], chain)
        }
    return {
        (finding["modules"][0], finding["modules"][1])
        for finding in report["findings"]
        if finding["rule"] == rule_id and len(finding["modules"]) == 2
    }


def _loop_of(package: str, chain: list[dict[str, Any]]) -> list[Pair]:
    """The steps between `package`'s children that a loop's hops make."""
    depth = package.count(".") + 2

    def child(module: str) -> str:
        return ".".join(module.split(".")[:depth])

    return [(child(hop["importer"]), child(hop["imported"])) for hop in chain]


def _kind(report: dict[str, Any], rule_id: str) -> str:
    return next(str(rule["kind"]) for rule in report["rules"] if rule["id"] == rule_id)


def fitness_findings(report: dict[str, Any], rule_id: str) -> list[dict[str, Any]]:
    return [finding for finding in report["findings"] if finding["rule"] == rule_id]


def _format_pairs(pairs: set[Pair]) -> str:
    if not pairs:
        return "    (none)"
    return "\n".join(f"    {importer} -> {imported}" for importer, imported in sorted(pairs))


def _format_fitness_chains(findings: list[dict[str, Any]]) -> str:
    lines = []
    for finding in findings:
        hops = finding.get("chain") or []
        route = (
            " -> ".join([hops[0]["importer"], *(hop["imported"] for hop in hops)]) if hops else ""
        )
        lines.append(f"    {finding['modules']}: {route or finding['message']}")
    return "\n".join(lines) or "    (none)"


def _format_oracle_chains(chains: list[list[str]]) -> str:
    return "\n".join(f"    {' -> '.join(chain)}" for chain in chains) or "    (none)"


def _describe_mismatch(
    contract_id: str, expected: dict[str, Any], report: dict[str, Any]
) -> str | None:
    expected_pairs = {(importer, imported) for importer, imported in expected["pairs"]}
    findings = fitness_findings(report, contract_id)
    actual_pairs = fitness_pairs(report, contract_id)
    expected_kept = expected["kept"]
    actual_kept = not findings
    if expected_kept == actual_kept and expected_pairs == actual_pairs:
        return None
    verdict = {True: "kept", False: "broken"}
    return "\n".join(
        [
            f"contract {contract_id!r} ({expected['type']}):",
            f"  import-linter: {verdict[expected_kept]}, fitness: {verdict[actual_kept]}",
            "  pairs only import-linter reports:",
            _format_pairs(expected_pairs - actual_pairs),
            "  pairs only fitness reports:",
            _format_pairs(actual_pairs - expected_pairs),
            "  pairs both report:",
            _format_pairs(expected_pairs & actual_pairs),
            "  import-linter chains:",
            _format_oracle_chains(expected["chains"]),
            "  fitness findings:",
            _format_fitness_chains(findings),
        ]
    )


def test_the_fixture_set_is_there() -> None:
    names = [fixture.name for fixture in FIXTURES]
    assert len(FIXTURES) >= MINIMUM_FIXTURES, (
        f"expected at least {MINIMUM_FIXTURES} parity fixtures under {PROJECTS}, found {names}"
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.name for fixture in FIXTURES])
def test_fitness_agrees_with_import_linter(fixture: Path) -> None:
    expected = run_import_linter(fixture)
    report = run_fitness(fixture)

    # No vacuous fixture: every one has a broken contract and a kept one.
    assert any(not contract["kept"] for contract in expected.values()), (
        f"{fixture.name}: import-linter keeps every contract; a fixture needs a broken one"
    )
    assert any(contract["kept"] for contract in expected.values()), (
        f"{fixture.name}: import-linter breaks every contract; a fixture needs a kept one"
    )

    rule_ids = {rule["id"] for rule in report["rules"]}
    assert set(expected) == rule_ids, (
        f"{fixture.name}: the contract ids differ\n"
        f"  only in [tool.importlinter]: {sorted(set(expected) - rule_ids)}\n"
        f"  only in [tool.fitness]: {sorted(rule_ids - set(expected))}"
    )
    # `vacuous-rule` is about a configured rule (one that examined no import), which
    # import-linter keeps without a word: no disagreement.
    strays = sorted({f["rule"] for f in report["findings"]} - rule_ids - {"vacuous-rule"})
    assert not strays, f"{fixture.name}: findings for rules that are not configured: {strays}"

    mismatches = [
        message
        for contract_id in sorted(expected)
        if (message := _describe_mismatch(contract_id, expected[contract_id], report))
    ]
    assert not mismatches, (
        f"{fixture.name}: fitness disagrees with import-linter on "
        f"{len(mismatches)} of {len(expected)} contracts\n\n" + "\n\n".join(mismatches)
    )


# Chains: every hop fitness reports is an import statement that is really in the file.


def _module_of(fixture: Path, path: str) -> str | None:
    """The dotted module name of a project file, from the fixture's source roots."""
    absolute = (fixture / path).resolve()
    for root in _oracle_module.source_roots(fixture):
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            continue
        parts = list(relative.with_suffix("").parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        return ".".join(parts) if parts else None
    return None


def _is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> set[str]:
    """What an import statement can be said to import, as absolute module names.

    `import a.b.c` imports a.b.c; `from X import n` imports X, or X.n when n is a submodule
    (both are candidates: the file alone cannot tell a name from a submodule).
    """
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        package_parts = importer.split(".") if is_package else importer.split(".")[:-1]
        keep = len(package_parts) - (node.level - 1)
        if keep <= 0:
            return set()
        base = ".".join(package_parts[:keep])
        origin = f"{base}.{node.module}" if node.module else base
    else:
        assert node.module is not None
        origin = node.module
    return {origin} | {f"{origin}.{alias.name}" for alias in node.names if alias.name != "*"}


def _dynamic_targets(node: ast.Call, importer: str, is_package: bool) -> set[str]:
    """`importlib.import_module("a.b")` / `__import__("a.b")` with a literal name: {"a.b"}.

    fitness counts such literal dynamic imports unless a rule says `dynamic = "ignore"`.
    A leading-dot name (`import_module(".b", package=__package__)`) is resolved against the
    importer's package.
    """
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name not in ("import_module", "__import__") or not node.args:
        return set()
    first = node.args[0]
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
        return set()
    text = first.value
    stripped = text.lstrip(".")
    level = len(text) - len(stripped)
    if not level:
        return {text}
    package_parts = importer.split(".") if is_package else importer.split(".")[:-1]
    keep = len(package_parts) - (level - 1)
    if keep <= 0:
        return set()
    base = ".".join(package_parts[:keep])
    return {f"{base}.{stripped}" if stripped else base}


def _hop_problem(fixture: Path, hop: dict[str, Any]) -> str | None:
    path = hop["path"]
    file = fixture / path
    if not file.is_file():
        return f"{path} does not exist"
    module = _module_of(fixture, path)
    if module != hop["importer"]:
        return f"{path} is the file of module {module!r}, not of the importer {hop['importer']!r}"
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    is_package = file.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) != hop["line"]:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            targets |= _targets(node, module, is_package)
        elif isinstance(node, ast.Call):
            targets |= _dynamic_targets(node, module, is_package)
    if not targets:
        return f"{path}:{hop['line']} has no import statement"
    imported = hop["imported"]
    # The hop may name the target itself, or a package the target is inside of (an external
    # package is recorded under its top-level name: `import sqlalchemy.orm` -> sqlalchemy).
    if not any(_is_within(target, imported) for target in targets):
        return (
            f"{path}:{hop['line']} imports {sorted(targets)}, none of which is "
            f"{imported!r} or inside it"
        )
    return None


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.name for fixture in FIXTURES])
def test_chains_are_real(fixture: Path) -> None:
    report = run_fitness(fixture)
    problems: list[str] = []
    hops_checked = 0
    for finding in report["findings"]:
        chain = finding.get("chain") or []
        if not chain:
            continue
        where = f"[{finding['rule']}] {finding['message']}"
        for index, hop in enumerate(chain):
            hops_checked += 1
            problem = _hop_problem(fixture, hop)
            if problem:
                problems.append(f"{where}: hop {index}: {problem}")
            if _kind(report, finding["rule"]) == "acyclic":
                # A loop of children: each hop leaves the child the previous one entered,
                # from whichever of its modules imports onward.
                steps = _loop_of(finding["modules"][0], chain)
                if steps[index][0] != steps[index - 1][1]:
                    problems.append(
                        f"{where}: hop {index} is not the step {steps[index - 1][1]} onward"
                    )
                continue
            if index + 1 < len(chain) and hop["imported"] != chain[index + 1]["importer"]:
                problems.append(
                    f"{where}: hop {index} ends at {hop['imported']!r} but hop {index + 1} "
                    f"starts at {chain[index + 1]['importer']!r}"
                )
        modules = finding.get("modules") or []
        if len(modules) == 2 and _kind(report, finding["rule"]) != "acyclic":
            if not _is_within(chain[0]["importer"], modules[0]):
                problems.append(
                    f"{where}: the chain starts at {chain[0]['importer']!r}, outside {modules[0]!r}"
                )
            if not _is_within(chain[-1]["imported"], modules[1]):
                problems.append(
                    f"{where}: the chain ends at {chain[-1]['imported']!r}, outside {modules[1]!r}"
                )
    if report["findings"]:
        assert hops_checked, f"{fixture.name}: fitness reported findings but no chains"
    assert not problems, f"{fixture.name}:\n" + "\n".join(problems)


def _grimp_version() -> tuple[int, ...]:
    from importlib.metadata import version

    return tuple(int(part) for part in version("grimp").split(".")[:2])


def _fitness_ends(report: dict[str, Any], rule_id: str) -> set[tuple[str, str, str, str]]:
    return {
        (chain[0]["importer"], chain[0]["imported"], chain[-1]["importer"], chain[-1]["imported"])
        for finding in fitness_findings(report, rule_id)
        for chain in finding["chains"]
    }


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.name for fixture in FIXTURES])
def test_every_chain_import_linter_reports_is_reported(fixture: Path) -> None:
    """The first and last hop of each chain: the same for layers, where import-linter
    lists every route; for forbidden and independence import-linter keeps one chain per
    pair of modules, all of which fitness reports among its routes' combinations."""
    if fixture.name == "type_checking_ignored" and _grimp_version() < (3, 19):
        # The newest grimp that installs on Python 3.9 (3.13) counts the `else:` branch of
        # `if typing.TYPE_CHECKING:` as TYPE_CHECKING too, so it lacks the run-time chain
        # tc.core.hooks -> tc.ui.theme; the pairs still agree (test above).
        pytest.skip(f"grimp {_grimp_version()} misreads the else branch of TYPE_CHECKING")
    expected = run_import_linter(fixture)
    report = run_fitness(fixture)

    compared = 0
    for contract_id, contract in expected.items():
        theirs = {tuple(end) for end in contract["ends"]}
        ours = _fitness_ends(report, contract_id)
        compared += len(theirs)
        if contract["type"] == "layers":
            assert ours == theirs, (contract_id, sorted(ours ^ theirs))
        else:
            assert theirs <= ours, (contract_id, sorted(theirs - ours))
    assert compared > 0, f"{fixture.name}: import-linter reported no chain to compare"


def test_one_pair_behind_many_chains() -> None:
    """The many_chains fixture: one illegal pair, six chains in JSON, three routes in text."""
    fixture = PROJECTS / "many_chains"
    report = run_fitness(fixture)
    text = subprocess.run(
        [sys.executable, "-m", "fitness", "check", "--no-cache", "--select", "layered"],
        cwd=fixture,
        capture_output=True,
        text=True,
        env=_env(str(REPO_ROOT)),
        timeout=TIMEOUT_SECONDS,
        check=False,
    )

    assert _fitness_ends(report, "layered") == {
        ("pkg.low.x", "pkg.high.a", "pkg.low.x", "pkg.high.a"),
        ("pkg.low.w", "pkg.utils.u", "pkg.utils.u", "pkg.high.a"),
        ("pkg.low.w", "pkg.utils.u", "pkg.utils.u", "pkg.high.b"),
        ("pkg.low.y", "pkg.utils.u", "pkg.utils.u", "pkg.high.a"),
        ("pkg.low.y", "pkg.utils.u", "pkg.utils.u", "pkg.high.b"),
        ("pkg.low.z", "pkg.utils.v", "pkg.utils.v", "pkg.high.b"),
    }
    assert text.returncode == 1, text.stderr
    assert text.stdout.split("\n\n")[0] == (
        "pkg/low/x.py:1:1: layered: pkg.low must not import pkg.high (a higher layer)\n"
        "  - pkg.low.x -> pkg.high.a (l.1, l.5 local)\n"
        "  - pkg.low.w -> pkg.utils.u (l.1)\n"
        "      & pkg.low.y -> pkg.utils.u (l.1)\n"
        "    pkg.utils.u -> pkg.high.a (l.1)\n"
        "      & pkg.utils.u -> pkg.high.b (l.2)\n"
        "  - pkg.low.z -> pkg.utils.v (l.4, TYPE_CHECKING)\n"
        "    pkg.utils.v -> pkg.high.b (l.1)"
    )
