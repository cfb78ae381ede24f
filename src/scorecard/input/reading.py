"""The one reader of data files: regular files only, inside their folder, and bounded in size.

Every read of a data file (the YAML reader, the bulk pool, the caches that
hash the rubric and state files) goes through `read_bytes`, so no command
can be made to read a device (`/dev/zero`), to wait on a FIFO or on
`/dev/stdin`, or to read a file that a committed symbolic link points to
outside the data folder. The rules:

- A symbolic link is followed only when its target resolves inside the
  folder that holds the link (`cities/`, `states/`, `policies/`); otherwise
  the file is refused, and the message names the link, never the content.
- Only regular files are read: a directory, FIFO, socket or device is
  refused before it is opened (and checked again on the open descriptor,
  which is opened non-blocking, so a FIFO swapped in meanwhile can't hang).
- At most `MAX_FILE_BYTES` bytes are read; a larger file is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scorecard.errors import Issue, Location, error

MAX_FILE_BYTES = 1_048_576

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _not_a_file(here: Location, kind: str) -> Issue:
    if kind == "directory":
        return error(here, "file.not-a-file", "is a directory, expected a YAML file")
    return error(here, "file.not-a-file", f"is a {kind}, not a regular file; expected a YAML file")


def leaves_folder(path: Path) -> bool:
    """Whether `path` is a symbolic link whose target resolves outside the folder holding the link."""
    if not path.is_symlink():
        return False
    folder = os.path.realpath(path.parent)
    target = os.path.realpath(path)
    return os.path.commonpath([folder, target]) != folder


def read_bytes(path: Path, display: str) -> tuple[bytes | None, Issue | None]:
    """A data file's bytes, or the located problem that stopped the read (no content is ever quoted)."""
    here = Location(display)
    try:
        if leaves_folder(path):
            return None, error(
                here,
                "file.outside-folder",
                "is a symbolic link to a file outside its folder; data files must be inside the data folder",
            )
        kind = _kind(path.stat().st_mode)
        if kind is not None:
            return None, _not_a_file(here, kind)
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            kind = _kind(info.st_mode)
            if kind is not None:
                return None, _not_a_file(here, kind)
            raw = handle.read(MAX_FILE_BYTES + 1) if info.st_size <= MAX_FILE_BYTES else b""
            too_large = info.st_size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES
    except FileNotFoundError:
        reason = "is a broken symbolic link" if path.is_symlink() else "does not exist"
        return None, error(here, "file.unreadable", f"cannot read file: it {reason}")
    except PermissionError:
        return None, error(here, "file.unreadable", "cannot read file: permission denied")
    except OSError as exc:
        return None, error(here, "file.unreadable", f"cannot read file: {os.strerror(exc.errno or 0)}")
    if too_large:
        return None, error(
            here,
            "file.too-large",
            f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes; data files are a few KB",
        )
    return raw, None


def read_or_none(path: Path) -> bytes | None:
    """A data file's bytes by the same rules, or None (for caches, which let the real run report why)."""
    raw, _ = read_bytes(path, str(path))
    return raw
