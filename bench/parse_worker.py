"""Raw-parse baselines, run in a fresh interpreter of the benchmark's venv.

    parse_worker.py libcst PROJECT PACKAGE JOBS   parse every module with libcst
    parse_worker.py ast PROJECT PACKAGE            parse every module with ast, one process
    parse_worker.py largest FILE                   parse one file with libcst
    parse_worker.py baseline                       import libcst, parse nothing

Each prints one line: files parsed, bytes, files that failed to parse.
"""

from __future__ import annotations

import ast
import sys
from multiprocessing import Pool
from pathlib import Path

import libcst
from files import module_files


def parse_libcst(path: str) -> tuple[int, int]:
    """(bytes read, 1 if the parse failed)."""
    data = Path(path).read_bytes()
    try:
        libcst.parse_module(data)
    except libcst.ParserSyntaxError:
        return len(data), 1
    return len(data), 0


def parse_ast(path: str) -> tuple[int, int]:
    data = Path(path).read_bytes()
    try:
        ast.parse(data)
    except SyntaxError:
        return len(data), 1
    return len(data), 0


def largest_first(project: str, package: str) -> list[str]:
    paths = module_files(Path(project), package)
    return [str(p) for p in sorted(paths, key=lambda p: p.stat().st_size, reverse=True)]


def main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "baseline":
        results = []
    elif mode == "largest":
        results = [parse_libcst(rest[0])]
    elif mode == "ast":
        results = [parse_ast(p) for p in largest_first(rest[0], rest[1])]
    elif mode == "libcst":
        paths = largest_first(rest[0], rest[1])
        jobs = int(rest[2])
        if jobs == 1:
            results = [parse_libcst(p) for p in paths]
        else:
            with Pool(jobs) as pool:
                results = list(pool.imap_unordered(parse_libcst, paths, chunksize=4))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    size = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    print(f"parsed {len(results)} files, {size} bytes, {failed} failed")


if __name__ == "__main__":
    main(sys.argv[1:])
