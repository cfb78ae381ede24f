"""The data at a git revision, extracted into a scratch folder for `diff`."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from scorecard.errors import ScorecardError


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        # A fixed git command; user text is passed as separate arguments, never through a shell.
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError:
        raise ScorecardError("git is not installed; give two data folders instead") from None


def materialize(spec: str, data_dir: Path, scratch: Path) -> Path:
    """A data folder for OLD or NEW: the folder itself, or the data at a git revision, extracted."""
    import io
    import tarfile

    folder = Path(spec)
    if folder.is_dir():
        return folder
    top = _git(["rev-parse", "--show-toplevel"], data_dir)
    if top.returncode != 0:
        raise ScorecardError(f"'{spec}' is not a folder, and {data_dir} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    commit = _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], root)
    if commit.returncode != 0:
        raise ScorecardError(f"'{spec}' is neither a folder nor a git revision of {root}")
    prefix = data_dir.resolve().relative_to(root.resolve()).as_posix()
    wanted = [f"{prefix}/{name}" if prefix != "." else name for name in ("policies", "cities", "states")]
    listed = _git(["ls-tree", "--name-only", commit.stdout.decode().strip(), *wanted], root)
    present = listed.stdout.decode().split()
    archive = _git(["archive", "--format=tar", commit.stdout.decode().strip(), *present], root)
    if archive.returncode != 0:
        raise ScorecardError(f"cannot read the data at {spec}: {archive.stderr.decode().strip()}")
    target = scratch / commit.stdout.decode().strip()[:12]
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / prefix if prefix != "." else target
