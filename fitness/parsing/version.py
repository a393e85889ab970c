"""What tells one version of a file from another: its tree's stamp, then a hash of its bytes."""

from __future__ import annotations

from fitness.tree import Stamp

__all__ = ["Stamp", "content_hash"]


def content_hash(data: bytes) -> str:
    import hashlib  # only runs that read a changed file need it

    return hashlib.blake2b(data, digest_size=16).hexdigest()
