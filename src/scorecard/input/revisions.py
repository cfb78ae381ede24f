"""The data at a git revision, copied into a scratch folder for `diff`.

The repository is a pull request's, so it is read as plain objects, never
through `git archive` or a checkout: `git ls-tree` lists the data folders'
files and `git cat-file --batch` streams their bytes. No `.gitattributes`
applies (`export-ignore` can't hide a file, `export-subst` can't rewrite
one), no filter or hook runs. Only the regular `*.yaml` files directly in
`policies/`, `cities/` and `states/` are taken (no symbolic link, no
submodule, nothing else); each must be at most `MAX_FILE_BYTES` and all of
them together at most `MAX_REVISION_BYTES`, checked from the listing before
any byte is read, and each blob is written out as it streams in.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import IO

from scorecard.errors import ScorecardError
from scorecard.input.reading import MAX_FILE_BYTES

DATA_FOLDERS = ("policies", "cities", "states")
MAX_REVISION_BYTES = 512 * 1_048_576
_REGULAR_MODES = {"100644", "100755"}


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        # A fixed git command; user text is passed as separate arguments, never through a shell.
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError:
        raise ScorecardError("git is not installed; give two data folders instead") from None


def _listing(raw: bytes, prefix: str) -> list[tuple[str, int, str]]:
    """(object id, size, path in the data folder) of each regular YAML file directly in a data folder."""
    found = []
    for record in raw.split(b"\0"):
        if not record:
            continue
        head, _, name = record.decode("utf-8", errors="surrogateescape").partition("\t")
        mode, kind, oid, size = head.split()
        path = PurePosixPath(name)
        inside = path.relative_to(prefix) if prefix != "." else path
        if (
            mode in _REGULAR_MODES
            and kind == "blob"
            and len(inside.parts) == 2
            and inside.parts[0] in DATA_FOLDERS
            and inside.name.endswith(".yaml")
            and not inside.name.startswith(".")
        ):
            found.append((oid, int(size), inside.as_posix()))
    return found


def _copy_blob(stream: IO[bytes], expected: int, target: Path) -> None:
    header = stream.readline().split()
    if len(header) != 3 or header[1] != b"blob" or int(header[2]) != expected:
        raise ScorecardError(f"cannot read {target.name} from git: unexpected answer {header!r}")
    with target.open("wb") as out:
        left = expected
        while left:
            chunk = stream.read(min(left, 65536))
            if not chunk:
                raise ScorecardError(f"cannot read {target.name} from git: the object is cut short")
            out.write(chunk)
            left -= len(chunk)
    stream.read(1)  # the newline after each object


def _copy_blobs(root: Path, files: Sequence[tuple[str, int, str]], target: Path) -> None:
    process = subprocess.Popen(
        ["git", "cat-file", "--batch"],  # noqa: S607 (a fixed git command)
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    requests, answers = process.stdin, process.stdout
    assert requests is not None
    assert answers is not None
    request = b"".join(f"{oid}\n".encode() for oid, _, _ in files)

    def feed() -> None:  # written from a thread, so a full output pipe can't deadlock the request
        try:
            requests.write(request)
            requests.close()
        except OSError:
            return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for _, size, name in files:
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            _copy_blob(answers, size, destination)
    finally:
        answers.close()
        process.kill()
        process.wait()
        writer.join()


def materialize(spec: str, data_dir: Path, scratch: Path) -> Path:
    """A data folder for OLD or NEW: the folder itself, or the data at a git revision, copied out."""
    folder = Path(spec)
    if folder.is_dir():
        return folder
    top = _git(["rev-parse", "--show-toplevel"], data_dir)
    if top.returncode != 0:
        raise ScorecardError(f"'{spec}' is not a folder, and {data_dir} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"], root)
    if commit.returncode != 0:
        raise ScorecardError(f"'{spec}' is neither a folder nor a git revision of {root}")
    sha = commit.stdout.decode().strip()
    prefix = data_dir.resolve().relative_to(root.resolve()).as_posix()
    wanted = [f"{prefix}/{name}" if prefix != "." else name for name in DATA_FOLDERS]
    listed = _git(["ls-tree", "-r", "-l", "-z", "--full-tree", sha, "--", *wanted], root)
    if listed.returncode != 0:
        raise ScorecardError(f"cannot read the data at {spec}: {listed.stderr.decode().strip()}")
    files = _listing(listed.stdout, prefix)
    for _, size, name in files:
        if size > MAX_FILE_BYTES:
            raise ScorecardError(
                f"cannot compare {spec}: {name} is larger than the limit of {MAX_FILE_BYTES:,} bytes"
            )
    total = sum(size for _, size, _ in files)
    if total > MAX_REVISION_BYTES:
        raise ScorecardError(
            f"cannot compare {spec}: its data files hold {total:,} bytes, more than the limit of "
            f"{MAX_REVISION_BYTES:,}"
        )
    target = scratch / sha[:12]
    target.mkdir(parents=True, exist_ok=True)
    _copy_blobs(root, files, target)
    return target
