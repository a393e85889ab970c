"""The import-linter side of the parity test.

Usage: python tests/parity/oracle.py <fixture_dir>

Runs import-linter, through its Python API, on the contracts in the fixture's
pyproject.toml and prints one JSON object on stdout:

    {"<contract id>": {"kept": bool, "pairs": [[importer, imported], ...],
                       "type": "layers" | "forbidden" | "independence" | "protected" | ...,
                       "chains": [[module, module, ...], ...],
                       "ends": [[first importer, first imported,
                                 last importer, last imported], ...]}}

`pairs` are the illegal (importer package, imported package) pairs as import-linter
names them: the layer packages (container-prefixed), the source and forbidden
modules, or the independent modules. `chains` are for readable failure messages only.
`ends` holds the first and last hop of every chain import-linter reports, a route with
several heads or tails (its `extra_firsts` / `extra_lasts`) counting once per combination.

It is meant to run in its own interpreter: grimp and import-linter keep state in
the process (the graph builder, the contract registry) and the fixture's source
root is put on sys.path, none of which may leak into the test session. Grimp's
cache is disabled, so nothing is written into the fixture.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]


def source_roots(fixture: Path) -> list[Path]:
    """Where the fixture's top-level packages live, the way fitness finds them.

    `[tool.fitness] source_roots` when given, else `src` if it exists, else the
    project root itself.
    """
    with open(fixture / "pyproject.toml", "rb") as file:
        data = tomllib.load(file)
    configured = data.get("tool", {}).get("fitness", {}).get("source_roots")
    if configured:
        return [(fixture / root).resolve() for root in configured]
    src = fixture / "src"
    return [src.resolve() if src.is_dir() else fixture.resolve()]


def _pairs_and_chains(
    contract_type: str, metadata: dict[str, Any]
) -> tuple[list[list[str]], list[list[str]]]:
    pairs: set[tuple[str, str]] = set()
    chains: list[list[str]] = []
    if contract_type == "layers":
        for dependency in metadata["invalid_dependencies"]:
            pairs.add((dependency["importer"], dependency["imported"]))
            chains.extend(_links_to_modules(route["chain"]) for route in dependency["routes"])
    elif contract_type == "forbidden":
        for item in metadata["invalid_chains"]:
            pairs.add((item["downstream_module"], item["upstream_module"]))
            chains.extend(_links_to_modules(chain) for chain in item["chains"])
    elif contract_type == "independence":
        for item in metadata["invalid_chains"]:
            pairs.add((item["downstream_module"], item["upstream_module"]))
            chains.extend(_links_to_modules(detailed["chain"]) for detailed in item["chains"])
    elif contract_type == "acyclic_siblings":
        # import-linter names only the imports that would break the cycles; the sibling
        # pairs that take part in them are worked out on its own graph (`sibling_pairs`).
        pairs.update(tuple(pair) for pair in metadata["sibling_pairs"])
        chains.extend(list(pair) for pair in sorted(metadata["cycle_breakers"]))
    elif contract_type == "protected":
        for item in metadata["illegal_imports"]:
            for link in item.illegal_links:
                pairs.add((link["importer"], link["imported"]))
                chains.append([link["importer"], link["imported"]])
    else:
        raise SystemExit(f"oracle: unsupported contract type {contract_type!r}")
    return [list(pair) for pair in sorted(pairs)], sorted(chains)


def _ends(contract_type: str, metadata: dict[str, Any]) -> list[list[str]]:
    detailed: list[dict[str, Any]] = []
    if contract_type == "acyclic_siblings":
        return []  # import-linter reports no chains for cycles, only the imports to remove
    if contract_type == "layers":
        detailed = [r for d in metadata["invalid_dependencies"] for r in d["routes"]]
    elif contract_type == "independence":
        detailed = [c for item in metadata["invalid_chains"] for c in item["chains"]]
    elif contract_type == "protected":
        # Direct imports only: each illegal link is a chain of one hop.
        links = [link for item in metadata["illegal_imports"] for link in item.illegal_links]
        detailed = [{"chain": [link], "extra_firsts": [], "extra_lasts": []} for link in links]
    else:
        detailed = [
            {"chain": chain, "extra_firsts": [], "extra_lasts": []}
            for item in metadata["invalid_chains"]
            for chain in item["chains"]
        ]
    ends = set()
    for route in detailed:
        chain = route["chain"]
        if len(chain) == 1:
            heads, tails = [chain[0]], [chain[0]]
        else:
            heads = [chain[0], *route["extra_firsts"]]
            tails = [chain[-1], *route["extra_lasts"]]
        for head in heads:
            for tail in tails:
                ends.add((head["importer"], head["imported"], tail["importer"], tail["imported"]))
    return [list(end) for end in sorted(ends)]


def _cycle_metadata(contract: Any, metadata: dict[str, Any], user_options: Any) -> dict[str, Any]:
    """For each package import-linter finds cycles in, the (child, child) pairs on a cycle.

    The pairs come from grimp's graph, built the way import-linter builds it, less the
    contract's `ignore_imports`: a pair of children with a direct import (between any
    of their modules) lies on a cycle when the two are in the same strongly connected
    group of the children.
    """
    import grimp
    from importlinter.application import contract_utils

    session = user_options.session_options
    roots = session.get("root_packages") or [session["root_package"]]
    graph = grimp.build_graph(
        *roots,
        cache_dir=None,
        exclude_type_checking_imports=bool(session.get("exclude_type_checking_imports")),
    )
    contract_utils.remove_ignored_imports(
        graph, contract.ignore_imports, contract_utils.AlertLevel.NONE
    )
    breakers = metadata["cycle_breakers_by_package"]
    pairs: set[tuple[str, str]] = set()
    for package in breakers:
        children = graph.find_children(package)
        owner = {m: c for c in children for m in {c, *graph.find_descendants(c)}}
        squashed: dict[str, set[str]] = {child: set() for child in children}
        for importer, child in owner.items():
            for imported in graph.find_modules_directly_imported_by(importer):
                if owner.get(imported, child) != child:
                    squashed[child].add(owner[imported])
        for a, targets in squashed.items():
            pairs.update((a, b) for b in targets if a in _reachable(squashed, b))
    every_breaker = sorted({pair for found in breakers.values() for pair in found})
    return {"sibling_pairs": sorted(pairs), "cycle_breakers": every_breaker}


def _reachable(successors: dict[str, set[str]], start: str) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for successor in successors[stack.pop()]:
            if successor not in seen:
                seen.add(successor)
                stack.append(successor)
    return seen


def _links_to_modules(links: list[dict[str, Any]]) -> list[str]:
    if not links:
        return []
    return [links[0]["importer"], *(link["imported"] for link in links)]


def run(fixture: Path) -> dict[str, dict[str, Any]]:
    """Check every contract of the fixture with import-linter; return the verdicts by id."""
    fixture = fixture.resolve()
    os.chdir(fixture)
    for root in reversed(source_roots(fixture)):
        sys.path.insert(0, str(root))

    from importlinter import configuration
    from importlinter.application import use_cases

    configuration.configure()
    # import-linter's own reader: finds pyproject.toml in the working directory.
    user_options = use_cases.read_user_options()
    # What `lint-imports` does before building the report: register the contract types.
    # Private either way; 2.17 renamed it (custom types are now looked up per file).
    register_built_ins = getattr(use_cases, "_register_built_in_contract_types", None)
    if register_built_ins is not None:
        register_built_ins()
    else:
        use_cases._register_contract_types(user_options)
    report = use_cases.create_report(user_options, cache_dir=None, verbose=False)

    if report.could_not_run:
        problems = {name: str(error) for name, error in report.invalid_contract_options.items()}
        raise SystemExit(f"oracle: import-linter could not run: {problems}")

    results: dict[str, dict[str, Any]] = {}
    for contract, check in report.get_contracts_and_checks():
        contract_id = contract.contract_options.get("id")
        if not contract_id:
            raise SystemExit(f"oracle: contract {contract.name!r} has no id")
        if contract_id in results:
            raise SystemExit(f"oracle: duplicate contract id {contract_id!r}")
        contract_type = contract.contract_options["type"]
        metadata = check.metadata
        if contract_type == "acyclic_siblings":
            metadata = _cycle_metadata(contract, metadata, user_options)
        pairs, chains = _pairs_and_chains(contract_type, metadata)
        results[contract_id] = {
            "type": contract_type,
            "kept": bool(check.kept),
            "pairs": pairs,
            "chains": chains,
            "ends": _ends(contract_type, check.metadata),
            "warnings": list(check.warnings),
        }
    return results


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/parity/oracle.py <fixture_dir>", file=sys.stderr)
        return 2
    fixture = Path(argv[1])
    # import-linter draws spinners and progress bars on stdout; keep stdout for the JSON.
    with contextlib.redirect_stdout(sys.stderr):
        results = run(fixture)
    json.dump(results, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
