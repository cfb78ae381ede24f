"""Writing output files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scorecard.errors import ScorecardError


def check_writable(target: Path) -> None:
    """Refuse early (before any work) a target that can't be written."""
    parent = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise ScorecardError(f"cannot write {target}: it is a directory")
    if parent.exists() and not parent.is_dir():
        raise ScorecardError(f"cannot write {target}: {parent} is not a folder")
    if not parent.is_dir():
        raise ScorecardError(f"cannot write {target}: the folder {parent} does not exist")
    if target.exists() and not os.access(target, os.W_OK):
        raise ScorecardError(f"cannot write {target}: the file is read-only")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ScorecardError(f"cannot write {target}: permission denied in {parent}")


def write_atomic(target: Path, text: str) -> None:
    """Write to a temporary file beside `target`, then rename it over: readers see old or new, never half."""
    check_writable(target)
    parent = target.parent if str(target.parent) else Path()
    mode = target.stat().st_mode & 0o777 if target.exists() else None
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
        if mode is not None:
            temporary.chmod(mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            temporary.chmod(0o666 & ~umask)
        temporary.replace(target)
    except OSError as exc:
        raise ScorecardError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:  # also on KeyboardInterrupt: no partial file is left behind
        temporary.unlink(missing_ok=True)


def create_new(target: Path, text: str) -> None:
    """Write a new file whole; refuse (and change nothing) when the target already exists."""
    if target.exists() or target.is_symlink():
        raise ScorecardError(f"{target} already exists; refusing to overwrite it")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScorecardError(f"cannot create {parent}: {exc.strerror or exc}") from None
    try:
        descriptor, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ScorecardError(f"cannot write {target}: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.link(temporary, target)  # atomic, and fails if another process created the target meanwhile
    except FileExistsError:
        raise ScorecardError(f"{target} already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise ScorecardError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)
