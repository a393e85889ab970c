"""Write files so that a reader never sees half of one, and never through a link.

Every file fitness writes (the cache, the baseline, reports, a configuration)
goes through here. A file is created new (`O_CREAT | O_EXCL | O_NOFOLLOW`:
`tempfile.mkstemp`'s flags, or `create_new`'s) and renamed over `path`: a
symbolic link at `path` is replaced, never written through, so a link a
repository holds cannot aim a write at a file outside it.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 to a temporary file beside `path`, then rename it into place."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    import tempfile  # with its imports, a tenth of start-up; only writes need it

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def create_new(path: Path, text: str) -> None:
    """Create the file `path` holding `text` (UTF-8); FileExistsError if anything is there.

    Nothing is followed: a link at `path` (even a dangling one) is an existing file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o666)
    with os.fdopen(fd, "wb") as out:
        out.write(text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
