"""Many jurisdictions at once: rank, compare, sensitivity, list and diff.

Each loads the data folder through the one pipeline (briefs for the scores,
full models for diff) and refuses data with errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from scorecard.checking.across import covered_codes
from scorecard.checking.pipeline import Loading, load_data
from scorecard.errors import ScorecardError
from scorecard.i18n import translate_count
from scorecard.input.locations import DataPaths, check_id, unknown_jurisdiction
from scorecard.input.rubric import Rubric
from scorecard.report import CompareReport, DiffReport, ListReport, ListRow, RankReport, SensitivityReport
from scorecard.scoring.brief import Brief
from scorecard.scoring.engine import parse_weights, weights_for
from scorecard.scoring.ranking import Scored, compare, rank, score_all
from scorecard.service.common import Notify, context, localized, note_basis, quiet
from scorecard.vocab import Scoring

if TYPE_CHECKING:
    from scorecard.checking.checks import CheckContext
    from scorecard.input.models import StateFile


Baselines = Literal["none", "include", "only"]


def _briefs(
    paths: DataPaths, ctx: CheckContext, loading: Loading, baseline: Baselines, state: str | None = None
) -> tuple[list[Brief], Mapping[str, StateFile]]:
    """The researched briefs, plus every county no file covers when baselines are asked for, and the
    state laws.

    The rest of what was loaded (each file's identity and issue rows) is let go here, before scoring
    and the report are built: at 20,000 files `rank` then peaks at 149 MB instead of 161 MB.
    """
    loaded = load_data(paths, ctx, want="briefs", loading=loading).require_valid()
    if baseline == "none":
        return list(loaded.briefs), loaded.states
    from scorecard.scoring.baseline import baseline_briefs

    covered = covered_codes(loaded.identities)
    extra = baseline_briefs(ctx.rubric, loaded.states, covered, state.upper() if state else None)
    return sorted([*loaded.briefs, *extra], key=lambda brief: brief.id), loaded.states


def _select(
    briefs: Sequence[Brief],
    folders: str,
    *,
    state: str | None = None,
    kind: str | None = None,
    ids: Sequence[str] = (),
) -> list[Brief]:
    """The briefs asked for (by id, or by filter); what matches nothing is an error naming `folders`."""
    if ids:
        by_id = {b.id: b for b in briefs}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise unknown_jurisdiction(missing[0], sorted(by_id), folders)
        return [by_id[i] for i in dict.fromkeys(ids)]
    chosen = [
        b for b in briefs if (state is None or b.state == state.upper()) and (kind is None or b.kind == kind)
    ]
    if not chosen and (state or kind):
        asked = " and ".join(
            f for f in (f"--state {state}" if state else "", f"--kind {kind}" if kind else "") if f
        )
        raise ScorecardError(f"no jurisdiction in {folders} matches {asked}; `scorecard list` shows them all")
    return chosen


def _scored(
    ctx: CheckContext, states: Mapping[str, StateFile], chosen: Sequence[Brief], how: Scoring, notify: Notify
) -> tuple[Rubric, dict[str, float], list[Scored]]:
    note_basis(how, chosen, notify)
    overrides = parse_weights(how.weights, ctx.rubric)
    words = localized(ctx.rubric, how.lang)
    scored = score_all(words, chosen, states, how.as_of, basis=how.basis, weights=overrides)
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
    include_baseline: bool = False,
    notify: Notify = quiet,
) -> RankReport:
    """Every jurisdiction (optionally filtered, optionally with baseline counties) ranked by score."""
    ctx = context(paths, rubric, today)
    briefs, states = _briefs(paths, ctx, loading, "include" if include_baseline else "none", state)
    words, overrides, scored = _scored(
        ctx, states, _select(briefs, paths.folders(), state=state, kind=kind), how, notify
    )
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
    kind: str | None = None,
    wide: bool = False,
    include_baseline: bool = False,
    notify: Notify = quiet,
) -> CompareReport:
    """Demands x the chosen jurisdictions (by id, by state, or all when neither is given)."""
    for jurisdiction_id in ids:
        check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    briefs, states = _briefs(paths, ctx, loading, "include" if include_baseline or ids else "none", state)
    words, overrides, scored = _scored(
        ctx, states, _select(briefs, paths.folders(), state=state, kind=kind, ids=ids), how, notify
    )
    if not scored:
        raise ScorecardError(f"no jurisdiction in {paths.folders()}; `scorecard new` starts a file")
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
    kind: str | None = None,
    on_step: Callable[[int, int], None] | None = None,
    notify: Notify = quiet,
) -> SensitivityReport:
    """Best and worst ranks over a grid (or a random sample) of weightings, with rank correlations."""
    from scorecard.scoring.sensitivity import sensitivity, weightings_for

    ctx = context(paths, rubric, today)
    briefs, states = _briefs(paths, ctx, loading, "none")
    words, overrides, scored = _scored(
        ctx, states, _select(briefs, paths.folders(), state=state, kind=kind), how, notify
    )
    demands = [d.id for d in ctx.rubric.demands]
    weightings, method = weightings_for(demands, samples, seed, how.lang)
    report = sensitivity(
        words,
        scored,
        weightings,
        default_weights=weights_for(ctx.rubric, overrides),
        method=method,
        as_of=how.as_of,
        basis=how.basis,
        on_step=on_step,
    )
    return report.model_copy(update={"lang": how.lang})


def list_all(
    paths: DataPaths,
    *,
    rubric: str | None,
    today: dt.date,
    loading: Loading = Loading(),
    baseline: Baselines = "none",
    state: str | None = None,
    kind: str | None = None,
) -> ListReport:
    """The jurisdictions in the data, by id (with or only the baseline counties, when asked), with how
    settled each one's score is today."""
    from scorecard.scoring.ranking import standing_fields

    ctx = context(paths, rubric, today)
    briefs, states = _briefs(paths, ctx, loading, baseline, state=state)
    rows = [
        ListRow(
            id=brief.id,
            name=brief.name,
            state=brief.state,
            kind=brief.kind,
            fips=brief.fips,
            last_reviewed=dt.date.fromordinal(brief.last_reviewed),
            researched=brief.researched,
            **standing_fields(score.standing),
        )
        for brief, score in score_all(
            ctx.rubric,
            _select(briefs, paths.folders(), state=state, kind=kind),
            states,
            today,
        )
        if not (baseline == "only" and brief.researched)
    ]
    return ListReport(as_of=today, rows=rows)


def diff_editions(
    old: str, new: str, *, data_dir: Path, today: dt.date, as_of: dt.date, lang: str = "en"
) -> DiffReport:
    """What changed between two data folders or git revisions, each change labelled."""
    import tempfile

    from scorecard.input.revisions import materialize
    from scorecard.service.diffing import diff

    with tempfile.TemporaryDirectory(prefix="scorecard-diff-") as scratch:
        sides = []
        for spec in (old, new):
            folder = data_dir if spec == "." else materialize(spec, data_dir, Path(scratch))
            paths = DataPaths.at(folder)
            ctx = context(paths, None, today)
            data = load_data(paths, ctx, want="models")
            errors = data.errors()
            if errors:
                count = translate_count("en", len(errors), "{count} error", "{count} errors")
                raise ScorecardError(f"the data at {spec} has {count}", errors[:20])
            sides.append(data)
        return diff(sides[0], sides[1], old_label=old, new_label=new, as_of=as_of, lang=lang)
