"""Many jurisdictions at once: load them all the fast way, then rank, compare, list, validate, diff.

Single-jurisdiction work (`assess`, `history`, `new`) lives in `service.py`
and doesn't import this module, so a report card doesn't pay for the bulk
loader, the cache or the ranking code.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from scorecard.scoring.brief import Brief
from scorecard.checking.pool import IssueRow, Progress, decode, decode_brief, issue_of, load_files
from scorecard.checking.filecache import FileCache, cache_dir, digest
from scorecard.checking.checks import CheckContext, Identity, check_across
from scorecard.checking.pipeline import load_dataset, load_states, validate_rubric_file
from scorecard.errors import Issue, ScorecardError, sort_issues
from scorecard.input.locations import DataPaths, check_id, unknown_jurisdiction
from scorecard.input.models import Rubric, StateFile
from scorecard.scoring.ranking import Scored, compare, rank, score_all
from scorecard.report import (
    Basis,
    CompareReport,
    DiffReport,
    ListReport,
    ListRow,
    RankReport,
    SensitivityReport,
)
from scorecard.scoring.card import weights_for
from scorecard.service import context, localized, parse_weights


@dataclass(frozen=True)
class Scoring:
    """How to score: the as-of date, the basis, weight overrides and the language."""

    as_of: dt.date
    basis: Basis = "policy"
    weights: str | None = None
    lang: str = "en"


@dataclass(frozen=True)
class Loading:
    """How to load many files: with the cache or not, with a progress callback or not."""

    use_cache: bool = True
    progress: Progress | None = None
    briefs: bool = True  # validate needs only the problems
    environ: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Loaded:
    """Everything `load_all` found: state laws, a brief per valid file, and every problem."""

    states: dict[str, StateFile]
    briefs: list[Brief]
    files: int
    issue_rows: list[IssueRow]  # from the jurisdiction files, as plain values until asked for
    other_issues: list[Issue]  # from state files and cross-file checks

    @property
    def issues(self) -> list[Issue]:
        """Every problem, sorted."""
        rows = sorted(self.issue_rows)  # plain tuples: (path, line, column, severity, code, ...)
        return sort_issues([*self.other_issues, *(issue_of(row) for row in rows)])

    def errors(self) -> tuple[Issue, ...]:
        """The problems that are errors, sorted."""
        found = [issue for issue in self.other_issues if issue.is_error]
        found += [issue_of(row) for row in self.issue_rows if row[3] == "error"]
        return tuple(sort_issues(found))


def _file_cache(paths: DataPaths, ctx: CheckContext, loading: Loading) -> FileCache | None:
    if not loading.use_cache:
        return None
    rubric = digest(ctx.rubric.model_dump_json().encode())
    header = (rubric, ctx.today.toordinal(), ctx.max_age_days)
    return FileCache(cache_dir(dict(loading.environ) or dict(os.environ)), paths.cities, header)


def load_all(
    paths: DataPaths,
    ctx: CheckContext,
    loading: Loading,
    jurisdiction_files: Sequence[Path] | None = None,
    state_files: Sequence[Path] | None = None,
) -> Loaded:
    """Check every state and jurisdiction file (or the given ones), the fast way."""
    states, issues = load_states(paths.state_files() if state_files is None else state_files, ctx)
    if state_files is None and not paths.owns_states:
        issues = [issue for issue in issues if issue.is_error]  # the shipped laws: only what breaks loading
    files = paths.jurisdiction_files() if jurisdiction_files is None else list(jurisdiction_files)
    cache = _file_cache(paths, ctx, loading) if jurisdiction_files is None else None
    identities: list[Identity] = []
    briefs: list[Brief] = []
    rows: list[IssueRow] = []
    for blob in load_files(files, ctx, cache=cache, progress=loading.progress):
        found, identity = decode(blob)
        rows.extend(found)
        if identity is not None:
            identities.append(identity)
        if loading.briefs and (brief := decode_brief(blob)) is not None:
            briefs.append(brief)
    known = {p.stem.upper() for p in paths.state_files()} | {p.stem.upper() for p in state_files or ()}
    issues.extend(check_across(identities, known | set(states)))
    briefs.sort(key=lambda b: b.id)
    if state_files is not None:
        counted = len(files) + len(state_files)
    else:
        counted = len(files) + (len(paths.state_files()) if paths.owns_states else 0)
    return Loaded(states, briefs, counted, rows, issues)


def _valid(paths: DataPaths, ctx: CheckContext, loading: Loading) -> Loaded:
    loaded = load_all(paths, ctx, loading)
    errors = loaded.errors()
    if errors:
        raise ScorecardError(f"the data has {len(errors)} error(s); run `scorecard validate`", errors[:20])
    return loaded


def _select(
    briefs: Sequence[Brief], *, state: str | None = None, kind: str | None = None, ids: Sequence[str] = ()
) -> list[Brief]:
    if ids:
        by_id = {b.id: b for b in briefs}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise unknown_jurisdiction(missing[0], sorted(by_id))
        return [by_id[i] for i in dict.fromkeys(ids)]
    return [
        b for b in briefs if (state is None or b.state == state.upper()) and (kind is None or b.kind == kind)
    ]


def _scored(
    ctx: CheckContext, loaded: Loaded, chosen: Sequence[Brief], how: Scoring
) -> tuple[Rubric, dict[str, float], list[Scored]]:
    overrides = parse_weights(how.weights, ctx.rubric)
    words = localized(ctx.rubric, how.lang)
    scored = score_all(words, chosen, loaded.states, how.as_of, basis=how.basis, weights=overrides)
    return words, overrides, scored


def rank_all(
    paths: DataPaths,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    loading: Loading = Loading(),
    state: str | None = None,
    kind: str | None = None,
    top: int | None = None,
    wide: bool = False,
) -> RankReport:
    """Every jurisdiction (optionally filtered) ranked by score."""
    ctx = context(paths, rubric, today)
    loaded = _valid(paths, ctx, loading)
    words, overrides, scored = _scored(ctx, loaded, _select(loaded.briefs, state=state, kind=kind), how)
    ranked = rank(words, scored, how.as_of, how.basis, overrides)
    rows = ranked.rows if top is None else [r for r in ranked.rows if r.rank <= top]
    return ranked.model_copy(update={"lang": how.lang, "rows": rows, "wide": wide})


def compare_many(
    paths: DataPaths,
    how: Scoring,
    *,
    ids: Sequence[str],
    rubric: str | None,
    today: dt.date,
    loading: Loading = Loading(),
    state: str | None = None,
    wide: bool = False,
) -> CompareReport:
    """Demands x the chosen jurisdictions (by id, by state, or all when neither is given)."""
    for jurisdiction_id in ids:
        check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    loaded = _valid(paths, ctx, loading)
    words, overrides, scored = _scored(ctx, loaded, _select(loaded.briefs, state=state, ids=ids), how)
    if not scored:
        raise ScorecardError("no jurisdiction matches; `scorecard list` shows them all")
    report = compare(words, scored, how.as_of, how.basis, overrides)
    return report.model_copy(update={"lang": how.lang, "wide": wide})


def sensitivity_all(
    paths: DataPaths,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    samples: int | None,
    seed: int,
    loading: Loading = Loading(),
    state: str | None = None,
) -> SensitivityReport:
    """Best and worst ranks over a grid (or a random sample) of weightings, with rank correlations."""
    from scorecard.scoring.sensitivity import grid_weightings, random_weightings, sensitivity

    ctx = context(paths, rubric, today)
    loaded = _valid(paths, ctx, loading)
    words, overrides, scored = _scored(ctx, loaded, _select(loaded.briefs, state=state), how)
    demands = [d.id for d in ctx.rubric.demands]
    if samples:
        weightings = random_weightings(demands, samples, seed)
        method = f"{samples} random weightings, uniform on the simplex, seed {seed}"
    else:
        weightings = grid_weightings(demands)
        method = "every weighting with weights 1, 2 or 3 per demand"
    report = sensitivity(
        words,
        scored,
        weightings,
        default_weights=weights_for(ctx.rubric, overrides),
        method=method,
        as_of=how.as_of,
        basis=how.basis,
    )
    return report.model_copy(update={"lang": how.lang})


def list_all(
    paths: DataPaths, *, rubric: str | None, today: dt.date, loading: Loading = Loading()
) -> ListReport:
    """The jurisdictions in the data, by id."""
    ctx = context(paths, rubric, today)
    loaded = _valid(paths, ctx, loading)
    rows = [
        ListRow(
            id=brief.id,
            name=brief.name,
            state=brief.state,
            kind=brief.kind,
            fips=brief.fips,
            last_reviewed=dt.date.fromordinal(brief.last_reviewed),
        )
        for brief in loaded.briefs
    ]
    return ListReport(rows=rows)


def validate(
    paths: DataPaths,
    files: Sequence[Path],
    *,
    rubric: str | None,
    today: dt.date,
    max_age_days: int,
    loading: Loading = Loading(),
) -> tuple[list[Issue], int]:
    """Every problem in the data (or in the given files), and how many files were checked."""
    if files:
        rubric_files = [p for p in files if p.parent.name == "policies"]
    else:
        rubric_files = list(paths.policies.glob("*.yaml")) if paths.owns_policies else []
    issues: list[Issue] = []
    for path in sorted(rubric_files):
        issues.extend(validate_rubric_file(path))
    if any(issue.is_error for issue in issues):
        chosen = paths.rubric_file(rubric)
        if any(issue.location.path.endswith(chosen.name) for issue in issues if issue.is_error):
            return sort_issues(issues), len(rubric_files)  # nothing else can be checked without the rubric
    ctx = context(paths, rubric, today, max_age_days)
    if files:
        states = [p for p in files if p.parent.name == "states"]
        cities = [p for p in files if p.parent.name not in ("states", "policies")]
        loaded = load_all(paths, ctx, replace(loading, briefs=False), cities, states)
    else:
        loaded = load_all(paths, ctx, replace(loading, briefs=False))
    return sort_issues([*issues, *loaded.issues]), len(rubric_files) + loaded.files


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


def diff_editions(old: str, new: str, *, data_dir: Path, today: dt.date, as_of: dt.date) -> DiffReport:
    """What changed between two data folders or git revisions, each change labelled."""
    import tempfile

    from scorecard.scoring.diffing import diff

    with tempfile.TemporaryDirectory(prefix="scorecard-diff-") as scratch:
        sides = []
        for spec in (old, new):
            folder = data_dir if spec == "." else materialize(spec, data_dir, Path(scratch))
            paths = DataPaths.at(folder)
            ctx = context(paths, None, today)
            data = load_dataset(paths, ctx)
            errors = tuple(issue for issue in data.issues if issue.is_error)
            if errors:
                raise ScorecardError(f"the data at {spec} has {len(errors)} error(s)", errors[:20])
            sides.append(data)
        return diff(sides[0], sides[1], old_label=old, new_label=new, as_of=as_of)
