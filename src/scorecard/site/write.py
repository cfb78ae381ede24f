"""Writing a folder of files: into a temporary folder beside the target, then swapped in whole.

A reader (or a static host) sees the old folder or the new one, never half of
each. Each folder holds a marker naming the command that wrote it
(`scorecard site`, `scorecard export`); a folder without it is replaced only
with --force.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from scorecard.errors import ScorecardError

MARKER = ".scorecard-site"


def marker_of(command: str) -> tuple[str, str]:
    """The marker file a folder written by `scorecard COMMAND` holds, and its text."""
    text = f"This folder was written by `scorecard {command}`; the next run replaces it whole.\n"
    return (MARKER if command == "site" else f".scorecard-{command}"), text


def check_target(target: Path, *, force: bool, protected: Sequence[Path] = (), command: str = "site") -> None:
    """Refuse (before any work) a target that `write_site` must not replace."""
    what = "the site" if command == "site" else f"the output of `scorecard {command}`"
    if target.is_symlink():
        raise ScorecardError(f"{target} is a symbolic link; give the folder it points to")
    if target.exists() and not target.is_dir():
        raise ScorecardError(f"cannot write {what} to {target}: it exists and is not a folder")
    resolved = target.resolve()
    parent = resolved.parent
    if resolved == parent:
        raise ScorecardError(f"refusing to replace {target}: it is the root of the file system")
    if not parent.is_dir():
        raise ScorecardError(f"cannot write {what} to {target}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ScorecardError(f"cannot write {what} to {target}: permission denied in {parent}")
    for kept in protected:
        kept_resolved = kept.resolve()
        if resolved == kept_resolved or resolved in kept_resolved.parents:
            raise ScorecardError(f"refusing to replace {target}: it holds {kept}")
    marker = marker_of(command)[0]
    if target.is_dir() and not (target / marker).is_file() and any(target.iterdir()) and not force:
        raise ScorecardError(
            f"{target} is not empty and was not written by `scorecard {command}`; choose an empty or new "
            "folder, or add --force to replace it and everything in it"
        )


def write_site(
    target: Path,
    files: Iterable[tuple[str, str]],
    *,
    force: bool,
    protected: Sequence[Path] = (),
    command: str = "site",
) -> int:
    """Write the files, (path in the folder, text), as they come into a temporary folder beside `target`,
    then swap it in whole; how many were written.

    `command` names what wrote it (`site`, `export`): its marker lets the next run replace it. A path
    given twice is a bug of the caller (ValueError), as is one outside the folder.
    """
    check_target(target, force=force, protected=protected, command=command)
    parent = target.resolve().parent
    try:
        temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as exc:
        raise ScorecardError(f"cannot write to {target}: {exc.strerror or exc}") from None
    old = temporary.with_suffix(".old")
    written: set[str] = set()
    try:
        for name, text in files:
            if name.startswith("/") or ".." in name.split("/"):
                raise ValueError(f"page path outside the site: {name}")
            if name in written:
                raise ValueError(f"page path given twice: {name}")
            written.add(name)
            path = temporary / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        marker, marker_text = marker_of(command)
        (temporary / marker).write_text(marker_text, encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o777 & ~umask)  # mkdtemp makes it private; a static host must read it
        if target.exists():
            target.rename(old)
        temporary.rename(target)
        return len(written)
    except OSError as exc:
        raise ScorecardError(f"cannot write to {target}: {exc.strerror or exc}") from None
    finally:  # also on Ctrl-C: put the old site back if the new one is not in place, leave no temp
        if old.exists() and not target.exists():
            old.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(temporary, ignore_errors=True)
