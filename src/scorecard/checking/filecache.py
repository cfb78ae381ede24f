"""A cache of checked jurisdiction files, so that warm re-runs skip parsing and validation.

Where: `$XDG_CACHE_HOME/scorecard/` (else `~/.cache/scorecard/`), one file per
data folder. What: for each file, its problems and its brief, keyed by the
file's name, size, modification time and content hash, under a header of
everything else the result depends on: a fingerprint of the installed code
(not just its version string), the rubric's content hash, the date and
staleness limit the checks used, and how the folder's paths are shown from
the current directory (messages name files by that path). Rules:

- An entry is used only when size, inode, mtime and ctime all match (ctime
  changes on every write and can't be set back, unlike mtime); when the file
  changed within two seconds of the cache being written (so a same-tick edit
  could hide behind equal times, as git's "racy" files), its content hash is
  checked too. A stale entry is ignored, never trusted over the file.
- The format is `marshal` (plain values, no code: a tampered file can't run
  anything), signed and size-checked by `cachestore` before it is decoded
  (a planted or crafted file is never decoded); a corrupt, foreign or
  older-version file, or one of the wrong shape, is ignored and rewritten.
- Writes go to a temporary file and `os.replace` it, so concurrent runs can
  only leave one complete cache or the other.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard import __version__
from scorecard.checking.cachestore import cache_dir, read_entry, secret, write_entry

if TYPE_CHECKING:
    from scorecard.checking.checks import CheckContext
    from scorecard.input.locations import DataPaths

MAGIC = "scorecard-cache-4"
RACY_NS = 2_000_000_000

Entry = tuple[tuple[int, int, int, int], str, Any]  # (size, inode, mtime_ns, ctime_ns), digest, result


def digest(raw: bytes) -> str:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def fingerprint_of(package: Path) -> str:
    """A hash of a package's code files (name, size, modification time).

    Every command's cache key starts with it, a cache hit included, so it walks with `os.scandir` (whose
    entries carry their stat) rather than `os.walk` and a `Path` per file: 1.5 ms -> 0.5 ms.
    """
    parts = [__version__]
    _fingerprint_parts(str(package), "", parts)
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def _fingerprint_parts(folder: str, prefix: str, parts: list[str]) -> None:
    # A folder's code files by name, then its subfolders by name (os.walk's order), skipping byte code
    # and data/ (the shipped data).
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.endswith((".py", ".j2", ".yaml")) and not entry.is_dir():
            stat = entry.stat()
            parts.append(f"{prefix}{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    for entry in entries:
        if entry.is_dir() and entry.name not in ("__pycache__", "data"):
            _fingerprint_parts(entry.path, f"{prefix}{entry.name}/", parts)


@functools.cache
def code_fingerprint() -> str:
    """The fingerprint of the installed scorecard package, so new code never reads results that old code
    cached, even when the version string is the same."""
    return fingerprint_of(Path(__file__).resolve().parents[1])


def open_cache(paths: DataPaths, ctx: CheckContext, environ: Mapping[str, str]) -> FileCache | None:
    """The per-file cache of a data folder, for results checked against this rubric on this date.

    None when there is no safe cache folder (see `cachestore.cache_dir`).
    """
    from scorecard.input.locations import display_path

    rubric = digest(ctx.rubric.model_dump_json().encode())
    header = (rubric, ctx.today.toordinal(), ctx.max_age_days, display_path(paths.cities))
    directory = cache_dir(dict(environ) or dict(os.environ), paths.root)
    return None if directory is None else FileCache(directory, paths.cities, header)


def _key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


class FileCache:
    """Per-file results for one data folder, valid for one header."""

    def __init__(self, directory: Path, folder: Path, header: tuple[Any, ...]) -> None:
        key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:20]
        self.path = directory / f"{key}.marshal"
        self.header = (MAGIC, code_fingerprint(), *header)
        self.entries: dict[str, Entry] = {}
        self.written_ns = 0
        self.dirty = False
        self.secret = secret(directory)
        self._load()

    def _load(self) -> None:
        raw = None if self.secret is None else read_entry(self.path, self.secret)
        if raw is None:
            return  # no cache, or one that is not ours: start empty
        try:
            value = marshal.loads(raw)  # noqa: S302 (signed by us; marshal builds plain values, runs no code)
        except (ValueError, EOFError, TypeError, MemoryError, RecursionError):
            return
        if (
            isinstance(value, tuple)
            and len(value) == 3
            and value[0] == self.header
            and isinstance(value[1], int)
            and isinstance(value[2], dict)
        ):
            self.written_ns, self.entries = value[1], value[2]

    def get(self, name: str, stat: os.stat_result, read: Callable[[], bytes | None]) -> Any | None:
        """The cached result for a file, or None when missing or stale.

        `read` (the bounded reader; None when unreadable) is called to hash the content, for a racy entry.
        """
        entry = self.entries.get(name)
        if not isinstance(entry, tuple) or len(entry) != 3:
            return None
        key, content, result = entry
        if key != _key(stat) or not isinstance(content, str):
            return None
        if max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.written_ns - RACY_NS:
            raw = read()
            if raw is None or digest(raw) != content:
                return None
        return result

    def put(self, name: str, stat: os.stat_result, content: str, result: Any) -> None:
        """Remember a file's result."""
        self.entries[name] = (_key(stat), content, result)
        self.dirty = True

    def prune(self, names: set[str]) -> None:
        """Forget files that no longer exist."""
        gone = set(self.entries) - names
        for name in gone:
            del self.entries[name]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        """Write the cache atomically; a failure to write is not an error (the cache is optional)."""
        if not self.dirty or self.secret is None:
            return
        try:
            write_entry(self.path, self.secret, marshal.dumps((self.header, time.time_ns(), self.entries)))
        except (OSError, ValueError):
            return
