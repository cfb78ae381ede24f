"""A cache of finished outputs, so that running `scorecard assess denver` or `rank` again is instant.

An advocate runs the same card again and again; the data changes rarely.
The cache maps everything the output depends on to the output's bytes:

- the bytes of the rubric, the jurisdiction's file and every state file
  (hashed: a changed file is a different key, whatever its dates say);
- a fingerprint of the installed code, the command's options (format, as-of date, basis,
  weights, language) and the date the checks ran;
- for terminal output, the console: terminal or not, width, color system.

Only successful runs are stored. Entries live in
`$XDG_CACHE_HOME/scorecard/cards/`, are signed with the user's secret and
written atomically (`checking.cachestore`), and are pruned after a few days;
`--no-cache` bypasses the cache. It imports nothing heavy,
so a hit costs only reading a few small files.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from scorecard.checking.cachestore import cache_dir, read_entry, secret, write_entry
from scorecard.checking.filecache import code_fingerprint
from scorecard.input.reading import read_or_none

KEEP_SECONDS = 3 * 24 * 3600


def card_key(parts: Iterable[object], files: Iterable[Path]) -> str | None:
    """The key of a card: its options and the content of every file it reads (None if one is unreadable)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{code_fingerprint()}\0".encode())
    for part in parts:
        digest.update(f"{part!r}\0".encode())
    for path in files:
        content = read_or_none(path)  # the one bounded reader: no device, FIFO or outside link is read
        if content is None:
            return None  # let the real run report it
        digest.update(f"{path.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def folder_key(
    parts: Iterable[object], small_files: Iterable[Path], many_files: Iterable[Path]
) -> str | None:
    """The key of an output built from many files: their names and stat data, and the small files' bytes.

    Hashing twenty thousand files' contents would cost more than the work it saves, so the many files
    are keyed by name, size, inode, modification and change time (the change time can't be set back).
    When any of them changed in the last two seconds, a later edit in the same clock tick could hide
    behind equal times, so there is no key and nothing is cached (as git treats "racy" files).
    """
    digest = hashlib.blake2b(digest_size=20)
    base = card_key(parts, small_files)
    if base is None:
        return None
    digest.update(base.encode())
    racy = time.time_ns() - 2_000_000_000
    for path in many_files:
        try:
            stat = path.stat()
        except OSError:
            return None
        if max(stat.st_mtime_ns, stat.st_ctime_ns) >= racy:
            return None
        digest.update(
            f"{path.name}\0{stat.st_size}\0{stat.st_ino}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0".encode()
        )
    return digest.hexdigest()


class CardCache:
    """Finished cards by key, signed (see `checking.cachestore`); no cache when no safe folder exists."""

    def __init__(self, environ: Mapping[str, str], data_root: Path | None = None) -> None:
        base = cache_dir(environ, data_root)
        self.folder = None if base is None else base / "cards"
        self.secret = None if base is None else secret(base)

    def get(self, key: str) -> str | None:
        """The cached card, or None (also for an entry that is not a signed card of ours)."""
        if self.folder is None or self.secret is None:
            return None
        payload = read_entry(self.folder / f"{key}.card", self.secret)
        try:
            return None if payload is None else str(payload, "utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, key: str, *text: str) -> None:
        """Store a card (the texts given, one after the other) atomically; failing to is not an error (the
        cache is optional)."""
        if self.folder is None or self.secret is None:
            return
        try:
            write_entry(self.folder / f"{key}.card", self.secret, *(part.encode("utf-8") for part in text))
            self._prune(self.folder)
        except OSError:
            return

    @staticmethod
    def _prune(folder: Path) -> None:
        cutoff = time.time() - KEEP_SECONDS
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".card", ".txt")) and entry.stat().st_mtime < cutoff:
                    Path(entry.path).unlink(missing_ok=True)
