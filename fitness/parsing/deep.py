"""Keep deeply nested code from crashing the process.

libcst's native parser recurses on the C stack: about 2,000 nested brackets
overflow the main thread's 8 MB stack and kill the process with no exception
to catch. So parsing runs on a thread with a large stack, and text nested
beyond what the interpreter itself accepts (200 brackets) is refused before
the parser sees it.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import libcst as cst

from fitness.model import ParseFailure
from fitness.parsing.textscan import LineIndex, in_string_or_comment

# CPython's tokenizer refuses more nesting than this ("too many nested parentheses").
MAX_BRACKETS = 200
_STACK_BYTES = 512 * 1024 * 1024  # reserved address space; only what is used is committed
_RUN_OF_OPENINGS = re.compile(r"[(\[{](?:[ \t\r\n\f\\]*[(\[{]){" + str(MAX_BRACKETS) + "}")
_parser: ThreadPoolExecutor | None = None


def parse_module(text: str) -> cst.Module:
    """`libcst.parse_module` on a thread whose stack fits deep nesting."""
    return _executor().submit(cst.parse_module, text).result()


def too_deeply_nested(text: str) -> ParseFailure | None:
    """A failure for text with more nested brackets than Python allows, else None."""
    if text.count("(") + text.count("[") + text.count("{") <= MAX_BRACKETS:
        return None
    run = _RUN_OF_OPENINGS.search(text)
    while run is not None and in_string_or_comment(text, run.start()):
        run = _RUN_OF_OPENINGS.search(text, run.end())
    if run is None:
        return None
    line, column = LineIndex(text).position(run.start())
    return ParseFailure(
        f"more than {MAX_BRACKETS} nested brackets, beyond what Python accepts", line, column
    )


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
