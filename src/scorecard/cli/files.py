"""Writing outputs: regular files whole or not at all, streams and devices directly.

What `-o TARGET` does, by what TARGET is:

- `-` (mapped to no `-o` when the option is parsed), `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`
  and `/proc/self/fd/N`: the report is written to that stream, which is never replaced;
- a device (`/dev/null`), FIFO or socket: written to directly, never replaced;
- a regular file, or a name that doesn't exist yet: written to a temporary file beside it, then
  renamed over it (readers see the old file or the new one, never half); a file without any write
  permission bit (mode 444) is refused, whoever runs the command, root included;
- a symbolic link (other than the streams above): refused, never followed; a checkout can hold a link
  to anywhere, and the report must not land in the file it points to. Give the real path instead.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from scorecard.errors import ScorecardError

_STREAM = re.compile(r"/dev/(?P<std>stdout|stderr)|/dev/fd/(?P<fd>\d+)|/proc/self/fd/(?P<pfd>\d+)")


def _stream(target: Path) -> int | None:
    """The file descriptor a stream name stands for (/dev/stdout: 1), or None."""
    match = _STREAM.fullmatch(str(target))
    if match is None:
        return None
    if match["std"]:
        return 1 if match["std"] == "stdout" else 2
    return int(match["fd"] or match["pfd"])


def _special(target: Path) -> bool:
    """Whether the target is a device, FIFO or socket (written to directly, never replaced)."""
    try:
        mode = target.lstat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode))


def check_writable(target: Path) -> None:
    """Refuse early (before any work) a target that can't or mustn't be written."""
    if _stream(target) is not None:
        return
    if target.is_symlink():
        raise ScorecardError(
            f"cannot write {target}: it is a symbolic link, which -o never follows; "
            "give the path of the file itself"
        )
    if _special(target):
        if not os.access(target, os.W_OK):
            raise ScorecardError(f"cannot write {target}: permission denied")
        return
    parent = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise ScorecardError(f"cannot write {target}: it is a directory")
    if parent.exists() and not parent.is_dir():
        raise ScorecardError(f"cannot write {target}: {parent} is not a folder")
    if not parent.is_dir():
        raise ScorecardError(f"cannot write {target}: the folder {parent} does not exist")
    if target.exists() and (not target.stat().st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise ScorecardError(f"cannot write {target}: the file is read-only")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ScorecardError(f"cannot write {target}: permission denied in {parent}")


def write_output(target: Path, text: str) -> None:
    """Write a report to `target` by the rules above."""
    descriptor = _stream(target)
    if descriptor in (1, 2):
        stream = sys.stdout if descriptor == 1 else sys.stderr
        stream.write(text)
        stream.flush()
        return
    check_writable(target)
    if descriptor is None and not _special(target):
        write_atomic(target, text)
        return
    try:
        if descriptor is not None:
            data = memoryview(text.encode("utf-8"))
            while data:
                data = data[os.write(descriptor, data) :]
            return
        handle = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream_:
            stream_.write(text)
    except OSError as exc:
        raise ScorecardError(f"cannot write {target}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _written_beside(target: Path, parent: Path, text: str) -> Iterator[Path]:
    """A temporary file in `parent` holding `text`, synced to disk; removed afterwards, whatever happens.

    An OSError in making it, or in the caller's block that puts it in place,
    becomes the error `cannot write TARGET`. No partial file is left behind,
    also on KeyboardInterrupt.
    """
    try:
        descriptor, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ScorecardError(f"cannot write {target}: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        yield temporary
    except OSError as exc:
        raise ScorecardError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(target: Path, text: str) -> None:
    """Write to a temporary file beside `target`, then rename it over: readers see old or new, never half."""
    check_writable(target)
    parent = target.parent if str(target.parent) else Path()
    mode = target.stat().st_mode & 0o777 if target.exists() else None
    with _written_beside(target, parent, text) as temporary:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        temporary.chmod(mode)
        temporary.replace(target)


def create_new(target: Path, text: str) -> None:
    """Write a new file whole; refuse (and change nothing) when the target already exists."""
    if target.exists() or target.is_symlink():
        raise ScorecardError(f"{target} already exists; refusing to overwrite it")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScorecardError(f"cannot create {parent}: {exc.strerror or exc}") from None
    with _written_beside(target, parent, text) as temporary:
        try:
            os.link(temporary, target)  # atomic, and fails if another process created the target meanwhile
        except FileExistsError:
            raise ScorecardError(f"{target} already exists; refusing to overwrite it") from None
