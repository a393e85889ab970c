"""What tells one version of a file from another: its tree's stamp, then a hash of its bytes.

A stamp can lie about a file changed in the same clock tick as the cache was
written (the disk keeps times at a granularity, and `cp -p`, `rsync -a`, `tar`
or `touch -r` put an old modification time back): a work-tree stamp whose
modification or change time is not older than the cache file's is *racy*, and
its file is hashed again rather than trusted, as git treats its index.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from fitness.tree import Stamp

__all__ = ["Stamp", "content_hash", "content_key", "newest", "racy", "read_written"]


def content_hash(data: bytes) -> str:
    import hashlib  # only runs that read a changed file need it

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def racy(stamp: Stamp, written: int) -> bool:
    """Whether a work-tree `stamp` (mtime, size, ctime, inode) is too recent for a cache
    written at `written` (ns) to trust. Other trees' stamps (blob ids, hashes) never are."""
    if len(stamp) != 4:  # a blob id, a hash: a stamp of content, never racy
        return False
    mtime, ctime = stamp[0], stamp[2]
    if not isinstance(mtime, int) or not isinstance(ctime, int):
        return False
    return mtime >= written or ctime >= written


def content_key(stamp: Stamp) -> str | None:
    """What names the content a stamp of another tree stands for (a git blob id, a hash),
    the same in every run; None for a work-tree stamp, which only says when."""
    if len(stamp) == 4:
        return None
    return ":".join(str(part) for part in stamp)


def newest(stamps: Iterable[Stamp | None]) -> int:
    """The latest modification or change time among the work-tree `stamps` (-1: none is one).

    Stored beside the stamps, it answers for all of them at once: when every
    file still has its stored stamp, one of them is racy exactly when this is
    not older than the store.
    """
    latest = -1
    for stamp in stamps:
        if stamp is not None and len(stamp) == 4:
            mtime, ctime = stamp[0], stamp[2]
            if isinstance(mtime, int) and isinstance(ctime, int):
                latest = max(latest, mtime, ctime)
    return latest


def read_written(path: Path) -> tuple[bytes, int]:
    """The bytes of the cache file `path`, and when it was written (its mtime in ns)."""
    with open(path, "rb") as stored:
        return stored.read(), os.fstat(stored.fileno()).st_mtime_ns
