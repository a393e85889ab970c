"""Per-file facts kept between runs, so a run parses only what it has not seen.

One file per cache key (fitness version, facts format, Python version) holds
every entry, so a warm run reads one file. Entries are found by the file's
stamp in its tree first (for the work tree: modification time, size, change
time and inode), then by a hash of its content: switching branches and back
finds the old contents' facts again. A stamp not older than the cache file is
racy (`fitness.parsing.version.racy`): its file is hashed again. The configured
bans are not part of the key: each entry's facts say which bans they were gathered
for, and `fitness.parsing.examined` decides whether they serve a run (a new ban
re-parses only the files it can affect). A cache that cannot be read is
ignored and rebuilt; it is always written whole, through a temporary file and
a rename, so two runs writing at once leave one of their files intact.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Union

from fitness import __version__
from fitness.atomic import create_new, write_atomic_bytes
from fitness.logs import Logger
from fitness.model import FileFacts
from fitness.parsing.codec import FORMAT, Encoded, decode, encode
from fitness.parsing.version import Stamp, content_key, racy, read_written

# A file's entry: its stamp, then the hash of the content it had with that stamp.
Entry = tuple[Union[int, str], ...]

log = Logger("fitness.cache")  # imports logging only when --debug set it up

# Facts of contents no current file has are kept (for branch switches) up to this
# many, beyond the current ones.
_SPARE_ENTRIES = 2000


class FactsCache:
    """The facts of files by path and stamp, and by content hash."""

    def __init__(self, location: Path | None, paths: bool = True, read: bool = True) -> None:
        self.location = location
        self.paths = paths
        self._read = read
        self._written = 0  # when the cache read was written (ns); stamps since then are racy
        self._stamps: dict[str, Entry] = {}  # path -> (*stamp, content hash)
        self._kept: dict[str, Entry] = {}  # another tree's cache writes back what it read
        self._facts: dict[str, Encoded] = {}
        self._contents: dict[str, str] = {}  # a stamp that names content (a blob id) -> digest
        self._changed = False
        self._seen: set[str] = set()
        if location is not None and read:
            self._load(location)

    @classmethod
    def in_directory(
        cls, directory: Path | None, options: str = "", paths: bool = True, read: bool = True
    ) -> FactsCache:
        """The cache for this fitness, Python and extraction `options` under `directory`.

        `directory=None` gives a cache that remembers nothing (`cache=False`).
        `paths=False` serves another tree (`--since REV`): the facts of the contents
        it parses are kept, by content, for its next run, but its paths and stamps
        never replace the work tree's. `read=False` starts empty and writes the
        cache whole (`--no-cache`); another tree's cache then writes nothing.
        """
        if directory is None:
            return cls(None)
        python = f"{sys.version_info[0]}{sys.version_info[1]}"
        name = f"facts-{__version__}-f{FORMAT}-py{python}{'-' + options if options else ''}.marshal"
        return cls(directory / name, paths, read)

    def by_stamp(self, path: str, stamp: Stamp) -> FileFacts | None:
        """The facts of `path` if it has not changed since they were stored."""
        self._seen.add(path)
        known = self._stamps.get(path)
        if known is not None and known[:-1] == stamp and not racy(stamp, self._written):
            digest: str | int | None = known[-1]
        else:  # another tree's file: its stamp may name a content this cache has met
            digest = self._contents.get(content_key(stamp) or "")
        encoded = self._facts.get(digest) if isinstance(digest, str) else None
        if encoded is None:
            return None
        if known is None or known[-1] != digest:
            # Met by its content, under another stamp: this run's version of the file is
            # that content (an editor's buffer changed back, a revision's blob).
            self._remember(path, stamp, str(digest))
        return decode(encoded)

    def by_content(self, path: str, stamp: Stamp, digest: str) -> FileFacts | None:
        """The facts stored for this content, under any path; remembers the new stamp."""
        encoded = self._facts.get(digest)
        if encoded is None:
            return None
        self._remember(path, stamp, digest)
        return decode(encoded)

    def store(self, path: str, stamp: Stamp, digest: str, facts: FileFacts) -> None:
        """Keep `facts` for this content; they replace those it had (examined for fewer bans)."""
        self._facts[digest] = encode(facts)
        self._changed = True
        self._remember(path, stamp, digest)

    def expect(self, paths: Iterable[str]) -> None:
        """Count `paths` among this run's files, though not looked up: `save` keeps them."""
        self._seen.update(paths)

    def versions(self) -> dict[str, Entry]:
        """(*stamp, content hash) of each file this run read, by path."""
        return {path: self._stamps[path] for path in self._seen if path in self._stamps}

    def by_digest(self, digest: str) -> FileFacts | None:
        """The facts kept for the content whose hash is `digest`, if any still are."""
        encoded = self._facts.get(digest)
        return None if encoded is None else decode(encoded)

    def save(self) -> None:
        """Write the cache if this run changed it; forget files that are gone."""
        if self.location is None or not (self.paths or self._read):
            return
        stamps = self._stamps if self.paths else self._kept
        gone = set(stamps) - self._seen if self.paths else set()
        if not self._changed and not gone:
            return
        for path in gone:
            del stamps[path]
        self._prune(stamps)
        contents = {key: digest for key, digest in self._contents.items() if digest in self._facts}
        data = marshal.dumps((self._key_check(), stamps, self._facts, contents))
        try:
            own_directory(self.location.parent)
            write_atomic_bytes(self.location, data)
        except OSError as exc:
            log.warning("cannot write the cache %s: %s", self.location, exc)

    def _remember(self, path: str, stamp: Stamp, digest: str) -> None:
        self._seen.add(path)
        content = content_key(stamp)
        if content is not None and self._contents.get(content) != digest:
            self._contents[content] = digest
            self._changed = True
        entry = (*stamp, digest)
        if self._stamps.get(path) != entry:
            self._stamps[path] = entry
            self._changed = True

    def _prune(self, stamps: dict[str, Entry]) -> None:
        current = {entry[-1] for entry in stamps.values()}
        spare = [digest for digest in self._facts if digest not in current]
        for digest in spare[: max(len(spare) - _SPARE_ENTRIES, 0)]:  # oldest first
            del self._facts[digest]

    def _key_check(self) -> str:
        return self.location.name if self.location is not None else ""

    def _load(self, location: Path) -> None:
        try:
            data, written = read_written(location)
        except FileNotFoundError:
            log.debug("cache: no %s yet", location)
            return
        except OSError as exc:
            log.debug("cache: cannot read %s (%s); starting afresh", location, exc)
            return
        try:
            check, stamps, facts, *rest = marshal.loads(data)
            contents = rest[0] if rest else {}  # a store written before contents were kept
            if (
                check != location.name
                or not isinstance(stamps, dict)
                or not isinstance(facts, dict)
                or not isinstance(contents, dict)
            ):
                raise ValueError("not a fitness cache of this version")
        except (ValueError, EOFError, TypeError) as exc:
            log.debug("cache: ignoring %s (%s); it will be rebuilt", location, exc)
            return
        self._stamps, self._facts, self._contents, self._written = stamps, facts, contents, written
        if not self.paths:
            self._kept = dict(stamps)


def own_directory(directory: Path) -> None:
    """Create the cache directory, marked as fitness's; an existing one is left as it is.

    Only a directory fitness created gets the marks: a `.gitignore` of `*` (keep
    it out of git) and a CACHEDIR.TAG (out of backups that honour it). Marking a
    directory the user made would hide their files (the configuration refuses a
    `cache_dir` that holds anything but fitness's files, `fitness.config.cache_place`).
    """
    if directory.is_dir():
        return
    try:
        directory.mkdir(parents=True)
    except FileExistsError:
        return  # another run created it just now, and marks it
    create_new(directory / ".gitignore", "# Created by fitness.\n*\n")
    create_new(
        directory / "CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n# This is the cache of fitness.\n",
    )
