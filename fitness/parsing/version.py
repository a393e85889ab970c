"""What tells one version of a file from another: its stamp, then a hash of its bytes."""

from __future__ import annotations

import os
from typing import Union

Stamp = tuple[int, int]  # (mtime in ns, size in bytes)

# The version of a file that facts describe: (mtime in ns, size, content hash),
# as it was when the bytes that were parsed were read. None: facts not to cache.
Version = Union[tuple[int, int, str], None]


def content_hash(data: bytes) -> str:
    import hashlib  # only runs that read a changed file need it

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stamp_of(stat: os.stat_result) -> Stamp:
    return stat.st_mtime_ns, stat.st_size
