"""The one loading pipeline: a data folder (or some of its files) into checked models or briefs.

Every command loads through `load_data`, so every command sees the same
problems: per-file checks, state files, and the checks across files
(duplicate ids and FIPS codes, a missing state file). What differs is only
what comes back:

- `models`: full `Jurisdiction` models, for report cards, the site and diff;
- `briefs`: each file's `Brief`, for ranking (through the process pool and
  the per-file cache, which keep a warm run fast);
- `issues`: only the problems, for `validate`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scorecard.checking.across import Identity, check_across
from scorecard.checking.checks import CheckContext, check_state
from scorecard.checking.onefile import check_file
from scorecard.checking.pool import (
    IssueRow,
    Progress,
    decode,
    decode_brief,
    internal_issue,
    issue_of,
    load_files,
)
from scorecard.errors import Issue, ScorecardError, merge_issues, sort_issues
from scorecard.i18n import translate_count
from scorecard.input.loader import load_state_document, validate_document
from scorecard.input.locations import DataPaths, check_id, display_path, unknown_jurisdiction
from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.input.yamlio import read_document
from scorecard.scoring.brief import Brief

Want = Literal["models", "briefs", "issues"]


@dataclass(frozen=True)
class Loading:
    """How to load many files: with the cache or not, with a progress callback or not."""

    use_cache: bool = True
    progress: Progress | None = None
    environ: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DataSet:
    """Everything that loaded, and every problem found on the way."""

    rubric: Rubric
    states: dict[str, StateFile]
    jurisdictions: tuple[Jurisdiction, ...] = ()  # with want="models"
    briefs: tuple[Brief, ...] = ()  # with want="briefs"
    files: int = 0
    issue_rows: tuple[IssueRow, ...] = ()  # from the pool, as plain values until asked for
    other_issues: tuple[Issue, ...] = ()
    identities: tuple[Identity, ...] = ()  # of the valid jurisdiction files: ids, aliases, names, FIPS

    @property
    def issues(self) -> list[Issue]:
        """Every problem, sorted: `sort_issues([*other_issues, *issues of sorted(issue_rows)])`, by merging.

        Rows sort as plain tuples in the order of `sort_key` (their last field, the key, only breaks
        ties), and `other_issues` are sorted already, so the two are merged rather than sorted again:
        a file with 95,000 problems would otherwise compute each one's sort key twice.
        """
        rows = map(issue_of, sorted(self.issue_rows))
        return merge_issues(self.other_issues, rows)

    def errors(self) -> tuple[Issue, ...]:
        """The problems that are errors, sorted."""
        found = [issue for issue in self.other_issues if issue.is_error]
        found += [issue_of(row) for row in self.issue_rows if row[3] == "error"]
        return tuple(sort_issues(found))

    def require_valid(self) -> DataSet:
        """The data set itself, or the error that lists its first problems."""
        errors = self.errors()
        if errors:
            count = translate_count("en", len(errors), "{count} error", "{count} errors")
            raise ScorecardError(f"the data has {count}; run `scorecard validate`", errors[:20])
        return self


def load_states(files: Sequence[Path], ctx: CheckContext) -> tuple[dict[str, StateFile], list[Issue]]:
    """Every state file given, checked; the valid ones by state code."""
    states: dict[str, StateFile] = {}
    issues: list[Issue] = []
    for path in files:
        try:
            doc, model, found = load_state_document(path, ctx.rubric)
        except Exception as exc:  # one file's bug is reported for that file, as in the pool
            issues.append(internal_issue(display_path(path), type(exc).__name__))
            continue
        issues.extend(found)
        if model is not None:
            issues.extend(check_state(doc, model, path, ctx))
            states[model.state] = model
    return states, issues


def files_of(paths: DataPaths, ids: Sequence[str]) -> list[Path]:
    """The files of the given ids (each checked to be a plain id, and to exist)."""
    found = []
    for jurisdiction_id in dict.fromkeys(ids):
        path = paths.jurisdiction_file(check_id(jurisdiction_id))
        if path is None:
            raise unknown_jurisdiction(jurisdiction_id, paths.jurisdiction_ids(), paths.folders())
        found.append(path)
    return found


@dataclass
class _Found:
    models: list[Jurisdiction] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    rows: list[IssueRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _load_models(files: Sequence[Path], ctx: CheckContext, found: _Found) -> None:
    for path in files:
        try:
            model, identity, issues = check_file(path, ctx)
        except Exception as exc:  # one file's bug is reported for that file, as in the pool
            found.issues.append(internal_issue(display_path(path), type(exc).__name__))
            continue
        found.issues.extend(issues)
        if model is not None and identity is not None:
            found.models.append(model)
            found.identities.append(identity)


def _load_pooled(
    paths: DataPaths,
    files: Sequence[Path],
    ctx: CheckContext,
    want: Want,
    loading: Loading,
    found: _Found,
    *,
    whole: bool,
) -> None:
    from scorecard.checking.filecache import open_cache

    cache = open_cache(paths, ctx, loading.environ) if loading.use_cache else None
    for blob in load_files(files, ctx, cache=cache, progress=loading.progress, prune=whole):
        rows, identity = decode(blob)
        found.rows.extend(rows)
        if identity is not None:
            found.identities.append(identity)
        if want == "briefs" and (brief := decode_brief(blob)) is not None:
            found.briefs.append(brief)


def load_data(
    paths: DataPaths,
    ctx: CheckContext,
    *,
    want: Want = "briefs",
    only: Sequence[str] | None = None,
    files: Sequence[Path] | None = None,
    state_files: Sequence[Path] | None = None,
    loading: Loading = Loading(),
) -> DataSet:
    """Load and check the data folder: every jurisdiction, the ones in `only`, or the given files."""
    whole = only is None and files is None
    chosen = files_of(paths, only) if only is not None else list(files or paths.jurisdiction_files())
    found = _Found()
    if want == "models":
        _load_models(chosen, ctx, found)
    else:
        # the per-file cache holds the files of the data folder's cities/ by name: the whole data, or
        # `validate`'s own files there, use it; files from elsewhere (named on the command line) don't
        cacheable = whole or all(path.parent == paths.cities for path in chosen)
        how = loading if cacheable else Loading(False, loading.progress)
        _load_pooled(paths, chosen, ctx, want, how, found, whole=whole)
    listed = paths.state_files()
    if state_files is None and only is not None:  # a few jurisdictions need only their states' laws
        wanted = {identity.state.lower() for identity in found.identities}
        state_files = [p for p in listed if p.stem in wanted]
        states, issues = load_states(state_files, ctx)
        issues = [issue for issue in issues if issue.is_error]
    else:
        states, issues = load_states(listed if state_files is None else state_files, ctx)
        if state_files is None and not paths.owns_states:
            issues = [issue for issue in issues if issue.is_error]  # shipped laws: only what breaks loading
    # A state file that exists counts as present even when invalid (its own errors say why).
    known = {p.stem.upper() for p in [*listed, *(state_files or ())]} | set(states)
    issues.extend(check_across(found.identities, known))
    own_states = len(state_files) if state_files is not None and files is not None else 0
    counted = len(chosen) + (len(listed) if whole and paths.owns_states else own_states)
    return DataSet(
        ctx.rubric,
        states,
        tuple(sorted(found.models, key=lambda j: j.id)),
        tuple(sorted(found.briefs, key=lambda b: b.id)),
        counted,
        tuple(found.rows),
        tuple(sort_issues([*found.issues, *issues])),
        tuple(sorted(found.identities, key=lambda i: i.id)),
    )


def validate_rubric_file(path: Path) -> list[Issue]:
    """Every problem in a rubric file."""
    doc = read_document(path, display_path(path))
    _, issues = validate_document(doc, Rubric)
    return issues
