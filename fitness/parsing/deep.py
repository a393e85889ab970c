"""Keep deeply nested code from crashing the process.

libcst's native parser recurses on the C stack: about 2,000 nested brackets
overflow the main thread's 8 MB stack and kill the process with no exception
to catch. So parsing runs on a thread with a large stack, and text nested
beyond what the interpreter itself accepts (200 brackets) is refused before
the parser sees it (`fitness.parsing.nesting`).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import libcst as cst

_STACK_BYTES = 512 * 1024 * 1024  # reserved address space; only what is used is committed
_parser: ThreadPoolExecutor | None = None


def parse_module(text: str) -> cst.Module:
    """`libcst.parse_module` on a thread whose stack fits deep nesting."""
    return _executor().submit(cst.parse_module, text).result()


def _executor() -> ThreadPoolExecutor:
    global _parser
    if _parser is None:
        previous = threading.stack_size(_STACK_BYTES)
        try:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fitness-parser")
            executor.submit(int).result()  # start the thread while the size holds
        finally:
            threading.stack_size(previous)
        _parser = executor
    return _parser
