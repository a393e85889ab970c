"""A stand-in for extraction with bans, for the tests of which files a run re-extracts.

Imports come from the real extraction; `builtins` are the names of `WATCHED`
the text mentions as words; `uses` hold one `use_of` per banned root the file
imports and per banned builtin it mentions, so tests do not depend on how real
extraction finds uses. Each call appends a line to the file named by the
environment variable in `LOG` (the source's first line, the roots and the
builtins asked for), in this process and in workers alike.

`install()` puts it in place of `fitness.parsing.extract.extract`; a worker
that should use it runs `worker_command()`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from fitness.model import NO_BANS, ApiUse, Argument, Bans, FileFacts
from fitness.parsing import extract as extraction
from fitness.parsing.pool import worker_command as real_worker_command

LOG = "FITNESS_TEST_EXTRACTION_LOG"
WATCHED = ("eval", "exec", "open")

_real = extraction.extract


def extract(source: bytes, bans: Bans = NO_BANS) -> FileFacts:
    facts = _real(source)
    mentioned = frozenset(name for name in WATCHED if re.search(rb"\b%s\b" % name.encode(), source))
    imported = {raw.module.partition(".")[0] for raw in facts.imports if not raw.level}
    uses = [use_of(root) for root in sorted(imported & bans.roots)]
    uses += [use_of(f"builtins.{name}") for name in sorted(mentioned & bans.builtins)]
    with open(os.environ[LOG], "a", encoding="utf-8") as log:
        first = source.split(b"\n", 1)[0].decode()
        log.write(f"{first}\t{','.join(sorted(bans.roots))}\t{','.join(sorted(bans.builtins))}\n")
    return facts._replace(uses=tuple(uses), builtins=mentioned, examined=bans)


def use_of(api: str) -> ApiUse:
    """A use of `api` with a value in every field, arguments of each kind among them."""
    return ApiUse(
        api=api,
        written=f"alias of {api}",
        line=3,
        column=5,
        end_line=4,
        end_column=2,
        scope="Order.save",
        call=True,
        positional=(Argument(True, "x"), Argument(False, None), Argument(True, None)),
        keywords=(("shell", Argument(True, True)), ("n", Argument(True, -7))),
        star_args=True,
        star_kwargs=False,
        type_checking=False,
        local=True,
    )


def install() -> None:
    extraction.extract = extract


def worker_command() -> list[str]:
    """The real worker, with this module installed first."""
    [python, *flags, _, code] = real_worker_command()
    here = str(Path(__file__).parent)
    planted = code.replace(
        "from fitness.parsing.worker import main; main()",
        f"sys.path.insert(0, {here!r}); import bans_extraction; bans_extraction.install(); "
        "from fitness.parsing.worker import main; main()",
    )
    assert planted != code, "the worker's command changed shape"
    return [python, *flags, "-c", planted]


def calls(log: Path) -> list[tuple[str, str, str]]:
    """Each extraction logged so far: (first line of the source, roots, builtins)."""
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8").splitlines()
    return sorted((first, roots, builtins) for first, roots, builtins in map(_fields, lines))


def _fields(line: str) -> tuple[str, str, str]:
    first, roots, builtins = line.split("\t")
    return first, roots, builtins
