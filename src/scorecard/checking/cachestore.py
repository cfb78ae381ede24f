"""Where the caches live and how an entry is kept: a private folder, signed entries, bounded reads.

A cache is only worth its speed if it can't be made to lie or to crash a run,
so both caches (finished outputs, checked files) keep their entries here:

- The folder is `$XDG_CACHE_HOME/scorecard/` (an absolute `XDG_CACHE_HOME`
  only, as the XDG rules say), else `~/.cache/scorecard/`; a folder inside the
  data folder or inside the git checkout holding it (or the working directory)
  is not used at all: a pull request could have planted entries there.
- Each entry is signed with HMAC-SHA256 under a per-user secret, `key` in the
  cache folder, created with mode 0600. An entry whose signature doesn't
  match (planted, corrupt, or copied under another name) is ignored; so is
  the whole cache when the key file is not a private regular file of this
  user. The signature is checked before anything is decoded.
- An entry is read only from a regular file, at most `MAX_ENTRY_BYTES`;
  writes go to a temporary file renamed over the entry (whole or not at all).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

MAX_ENTRY_BYTES = 256 * 1_048_576
KEY_BYTES = 32
_MAGIC = b"scorecard-signed-1\n"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _checkout(start: Path) -> Path | None:
    """The top of the git checkout holding `start` (the nearest folder with a .git), if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def cache_dir(environ: Mapping[str, str], data_root: Path | None = None) -> Path | None:
    """The user's cache folder for scorecard, or None when it lies where a checkout could plant files."""
    base = environ.get("XDG_CACHE_HOME", "")
    folder = (Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache") / "scorecard"
    resolved = Path(os.path.realpath(folder))
    starts = [Path(os.path.realpath(start)) for start in (data_root, Path.cwd()) if start is not None]
    forbidden = starts[:1] if data_root is not None else []
    forbidden += [top for top in map(_checkout, starts) if top is not None]
    if any(resolved.is_relative_to(place) for place in forbidden):
        return None
    return folder


def secret(folder: Path) -> bytes | None:
    """The per-user signing key in `folder` (made on first use, mode 0600), or None if it isn't private."""
    path = folder / "key"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            private = (
                stat.S_ISREG(info.st_mode)
                and info.st_mode & 0o077 == 0
                and (not hasattr(os, "getuid") or info.st_uid == os.getuid())
            )
            key = handle.read(KEY_BYTES + 1)
    except OSError:
        return None
    return key if private and len(key) == KEY_BYTES else None


def _signature(key: bytes, name: str, *payload: bytes | memoryview) -> bytes:
    # The HMAC of the name, a NUL and the payload, fed in parts: a large entry is never copied to sign it.
    mac = hmac.new(key, name.encode() + b"\0", hashlib.sha256)
    for part in payload:
        mac.update(part)
    return mac.digest()


def read_entry(path: Path, key: bytes, limit: int = MAX_ENTRY_BYTES) -> memoryview | None:
    """The payload of a signed entry (a view of the bytes read, not a copy), or None when missing, not a
    regular file, too big or not signed."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit + len(_MAGIC) + 32:
                return None
            raw = handle.read(limit + len(_MAGIC) + 33)
    except OSError:
        return None
    head = len(_MAGIC) + 32
    if len(raw) < head or len(raw) > limit + head or not raw.startswith(_MAGIC):
        return None
    signature, payload = raw[len(_MAGIC) : head], memoryview(raw)[head:]
    if not hmac.compare_digest(signature, _signature(key, path.name, payload)):
        return None
    return payload


def write_entry(path: Path, key: bytes, *payload: bytes) -> None:
    """Store a signed entry atomically, its payload the parts given one after the other (written as they
    are, not joined); a failure raises OSError (callers treat the cache as optional)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(_MAGIC + _signature(key, path.name, *payload))
            for part in payload:
                handle.write(part)
        Path(name).replace(path)
    finally:
        Path(name).unlink(missing_ok=True)
