"""Loading many jurisdiction files fast: libyaml, both cores, a warm cache, small results.

Each file is read once, hashed, parsed with the C loader, validated and
checked; what comes back is small (its problems, its identity for
cross-file checks, and its `Brief`), whether it comes from a worker process
or from the cache. With many files the work is spread over a fork pool
(workers inherit the rubric and return only those small results, in input
order); the cyclic garbage collector is paused during the bulk load, since
tens of thousands of short-lived objects only make it scan.
"""

from __future__ import annotations

import functools
import gc
import marshal
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from scorecard.checking.across import Identity
from scorecard.checking.checks import CheckContext
from scorecard.checking.filecache import FileCache, digest
from scorecard.checking.onefile import check_file
from scorecard.checking.workers import run_isolated
from scorecard.errors import Issue, Location, Severity, error
from scorecard.input.locations import display_path
from scorecard.input.reading import read_bytes, read_or_none
from scorecard.scoring.brief import Brief, brief_of

PARALLEL_FROM = 200  # fewer files than this are faster in one process (no pool start-up)

Progress = Callable[[int, int], None]


IssueRow = tuple[Any, ...]  # (path, line, column, severity, code, message, key)
# A file's result, marshalled in two parts, (problems and identity, brief): small to send between
# processes, to keep and to cache, and `validate` never needs to decode the brief.
Blob = tuple[bytes, bytes | None]
_SEVERITY = {severity.value: severity for severity in Severity}


def issue_row(issue: Issue) -> IssueRow:
    """An issue as plain values."""
    where = issue.location
    return (where.path, where.line, where.column, issue.severity.value, issue.code, issue.message, issue.key)


def issue_of(row: IssueRow) -> Issue:
    """The issue a row describes."""
    path, line, column, severity, code, message, key = row
    return Issue(Location(path, line, column), _SEVERITY[severity], code, message, key)


def _location_tuple(where: Location) -> tuple[str, int, int]:
    return (where.path, where.line, where.column)


def encode(issues: Sequence[Issue], identity: Identity | None, brief: Brief | None) -> Blob:
    """One file's result as bytes."""
    identity_row = (
        None
        if identity is None
        else (
            identity.path,
            identity.id,
            _location_tuple(identity.id_at),
            identity.fips,
            _location_tuple(identity.fips_at),
            identity.state,
            _location_tuple(identity.state_at),
            tuple((alias, _location_tuple(at)) for alias, at in identity.aliases),
            identity.name,
            identity.kind,
            tuple((code, _location_tuple(at)) for code, at in identity.county_fips),
        )
    )
    head: Any = (tuple(issue_row(i) for i in issues), identity_row)
    return (marshal.dumps(head), None if brief is None else marshal.dumps(brief.to_tuple()))  # type: ignore[arg-type]


def decode_brief(blob: Blob) -> Brief | None:
    """A file's brief, from what `encode` made."""
    part = blob[1]
    return None if part is None else Brief.from_tuple(marshal.loads(part))  # noqa: S302 (written by encode)


def decode(blob: Blob) -> tuple[tuple[IssueRow, ...], Identity | None]:
    """A file's problems (as rows) and its identity, from what `encode` made."""
    rows, identity = marshal.loads(blob[0])  # noqa: S302 (plain values only; written by this module)
    return (
        rows,
        None
        if identity is None
        else Identity(
            identity[0],
            identity[1],
            Location(*identity[2]),
            identity[3],
            Location(*identity[4]),
            identity[5],
            Location(*identity[6]),
            tuple((alias, Location(*at)) for alias, at in identity[7]),
            identity[8],
            identity[9],
            tuple((code, Location(*at)) for code, at in identity[10]),
        ),
    )


_CONTEXT: CheckContext | None = None  # set before the pool forks; workers inherit it


def _display(path: Path) -> str:
    """How a file's path is shown; the folder's part is worked out once per folder (relpath is slow)."""
    folder = _FOLDERS.get(path.parent)
    if folder is None:
        folder = _FOLDERS[path.parent] = display_path(path.parent)
    return f"{folder}/{path.name}" if folder != "." else path.name


_FOLDERS: dict[Path, str] = {}


def process_file(path: Path, ctx: CheckContext) -> tuple[str | None, Blob]:
    """Check one file: (content digest, or None when unreadable; its result as bytes)."""
    shown = _display(path)
    raw, problem = read_bytes(path, shown)
    if raw is None:
        assert problem is not None
        return None, encode((problem,), None, None)
    model, identity, issues = check_file(path, ctx, raw, shown)
    return digest(raw), encode(issues, identity, brief_of(model) if model is not None else None)


def internal_issue(shown: str, why: str) -> Issue:
    """The problem reported for a file whose check failed unexpectedly (a bug, reported for that file)."""
    return error(
        Location(shown),
        "internal",
        f"internal error while checking this file ({why}); the other files were checked. "
        "This is a bug, please report it with the file",
    )


def checked(path: Path, ctx: CheckContext) -> tuple[str | None, Blob]:
    """`process_file`, with any unexpected exception turned into an `internal` issue for that file."""
    try:
        return process_file(path, ctx)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # one file's bug must not end the run; it is reported for that file
        return None, encode((internal_issue(_display(path), type(exc).__name__),), None, None)


def _work(path: str) -> tuple[str | None, Blob]:
    assert _CONTEXT is not None
    return checked(Path(path), _CONTEXT)


def _died(path: str, why: str) -> tuple[str | None, Blob]:
    return None, encode((internal_issue(_display(Path(path)), why),), None, None)


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the pool
    gc.disable()


def jobs_for(count: int, environ: dict[str, str] | os._Environ[str] = os.environ) -> int:
    """How many processes to use: $SCORECARD_JOBS, else every core when there are many files."""
    wanted = environ.get("SCORECARD_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if count < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _compute(
    paths: Sequence[Path], ctx: CheckContext, jobs: int, progress: Progress | None
) -> Iterator[tuple[str | None, Blob]]:
    global _CONTEXT  # noqa: PLW0603 (the pool's workers read it after fork)
    if jobs <= 1 or len(paths) < 2:
        for index, path in enumerate(paths):
            yield checked(path, ctx)
            if progress:
                progress(index + 1, len(paths))
        return
    _CONTEXT = ctx
    chunk = max(1, min(256, len(paths) // (jobs * 8)))
    results = run_isolated([str(p) for p in paths], _work, _died, jobs=jobs, chunk=chunk, start=_worker_start)
    for index, result in enumerate(results):
        yield result
        if progress and (index % 100 == 99 or index + 1 == len(paths)):
            progress(index + 1, len(paths))
    _CONTEXT = None


def load_files(
    paths: Sequence[Path],
    ctx: CheckContext,
    *,
    cache: FileCache | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    prune: bool = True,
) -> list[Blob]:
    """Check every file (from the cache where it is current); each file's result, in input order.

    `prune` forgets cached files not among `paths`: only when they are every file of the data.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        results: list[Blob | None] = [None] * len(paths)
        stats: dict[int, os.stat_result] = {}
        todo: list[int] = []
        for index, path in enumerate(paths):
            if cache is None:
                todo.append(index)
                continue
            try:
                stat = path.stat()
            except OSError:
                todo.append(index)
                continue
            stats[index] = stat
            hit = cache.get(path.name, stat, functools.partial(read_or_none, path))
            if (
                isinstance(hit, tuple)
                and len(hit) == 2
                and isinstance(hit[0], bytes)
                and isinstance(hit[1], bytes | None)
            ):
                results[index] = hit
            else:
                todo.append(index)
        computed = _compute([paths[i] for i in todo], ctx, jobs or jobs_for(len(todo)), progress)
        for index, (content, blob) in zip(todo, computed, strict=True):
            results[index] = blob
            if cache is not None and content is not None and index in stats:
                cache.put(paths[index].name, stats[index], content, blob)
        if cache is not None:
            if prune:
                cache.prune({p.name for p in paths})
            cache.save()
        return [r for r in results if r is not None]
    finally:
        if enabled:
            gc.enable()
