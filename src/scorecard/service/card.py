"""One jurisdiction at a time: its report card, its history, a new file; and the rubric."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.checking.pipeline import Loading, load_data
from scorecard.errors import ScorecardError
from scorecard.input.counties import County
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths, check_id, display_path
from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, HistoryReport, RubricReport
from scorecard.scoring.baseline import as_baseline, baseline_jurisdiction
from scorecard.scoring.card import assess, describe_rubric
from scorecard.scoring.engine import parse_weights
from scorecard.scoring.history import timeline
from scorecard.service.common import Notify, context, localized, note_basis, quiet
from scorecard.service.places import find_place
from scorecard.vocab import Scoring

if TYPE_CHECKING:
    from scorecard.checking.checks import CheckContext


@dataclass(frozen=True)
class _One:
    """One jurisdiction loaded and checked, with what scoring it needs."""

    ctx: CheckContext
    words: Rubric  # the rubric in the report's language
    weights: dict[str, float]
    jurisdiction: Jurisdiction
    state: StateFile | None
    baseline: County | None = None  # set when the place has no researched file


def _load_one(
    paths: DataPaths,
    query: str,
    how: Scoring,
    rubric: str | None,
    today: dt.date,
    notify: Notify,
    loading: Loading,
) -> _One:
    """One jurisdiction (by id, alias, name or FIPS) and its state's laws, through the one pipeline."""
    ctx = context(paths, rubric, today)
    weights = parse_weights(how.weights, ctx.rubric)
    place = find_place(paths, ctx, query, loading)
    if place.note:
        notify(place.note)
    if place.county is None:
        data = load_data(paths, ctx, want="models", only=[place.id]).require_valid()
        model = data.jurisdictions[0]
    else:
        code = place.county.state
        wanted = [p for p in paths.state_files() if p.stem == code.lower()]
        if not wanted:
            raise ScorecardError(
                f"no state file states/{code.lower()}.yaml for {code} in {paths.folders()}; add one (it may "
                "list no laws)"
            )
        data = load_data(paths, ctx, want="models", only=[], state_files=wanted).require_valid()
        model = baseline_jurisdiction(place.county, ctx.rubric, data.states[code].last_reviewed)
    return _One(
        ctx, localized(ctx.rubric, how.lang), weights, model, data.states.get(model.state), place.county
    )


def assess_one(
    paths: DataPaths,
    query: str,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    notify: Notify = quiet,
    loading: Loading = Loading(),
) -> AssessReport:
    """The report card of one jurisdiction (or a county's baseline), found by id, alias, name or FIPS."""
    one = _load_one(paths, query, how, rubric, today, notify, loading)
    note_basis(how, [one.jurisdiction], notify)
    report = assess(
        one.words,
        one.jurisdiction,
        one.state,
        how.as_of,
        basis=how.basis,
        weights=one.weights,
        max_age_days=one.ctx.max_age_days,
        lang=how.lang,
    )
    return report if one.baseline is None else as_baseline(report, one.baseline)


def history_of(
    paths: DataPaths,
    query: str,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    notify: Notify = quiet,
    loading: Loading = Loading(),
) -> HistoryReport:
    """A jurisdiction's score over time until `how.as_of`, from its history and its state's laws."""
    one = _load_one(paths, query, how, rubric, today, notify, loading)
    note_basis(how, [one.jurisdiction], notify)
    report = timeline(one.words, one.jurisdiction, one.state, how.as_of, basis=how.basis, weights=one.weights)
    return report.model_copy(update={"lang": how.lang})


def show_rubric(
    paths: DataPaths, *, rubric: str | None, weights: str | None, lang: str = "en"
) -> RubricReport:
    """The rubric, with weights overridden for this run if asked."""
    loaded = load_rubric(paths.rubric_file(rubric))
    report = describe_rubric(localized(loaded, lang), parse_weights(weights, loaded))
    return report.model_copy(update={"lang": lang})


def new_jurisdiction_text(
    rubric: Rubric,
    *,
    jurisdiction_id: str,
    state: str,
    name: str,
    kind: str,
    fips: str | None,
    today: dt.date,
) -> str:
    """A new jurisdiction file with every demand unknown, commented for whoever fills it in."""
    import json

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar

    lines = [
        "# yaml-language-server: $schema=../schema/jurisdiction.schema.json",
        "# Written by `scorecard new`: every demand is unknown until researched. For each demand, set",
        "# the status from the jurisdiction's own laws and policies and cite sources (title, url,",
        "# accessed); state laws belong in states/. See docs/data-format.md.",
        f"id: {jurisdiction_id}",
        f"name: {quoted(name)}",
        f"state: {state}",
        f"kind: {kind}",
        f"fips: {quoted(fips)}"
        if fips
        else '# fips: "..."  # Census GEOID: 7 digits for a place, 5 for a county',
        "# jail: county  # who runs the local jail: city | county | state | none",
        f"last_reviewed: {today.isoformat()}",
        "demands:",
    ]
    for demand in rubric.demands:
        lines += [
            f"  {demand.id}:  # {demand.title}",
            f"    status: {rubric.unknown_level}",
            "    summary: Not yet researched.",
        ]
    return "\n".join(lines) + "\n"


def new_jurisdiction(
    paths: DataPaths,
    jurisdiction_id: str,
    *,
    state: str,
    name: str | None,
    kind: str,
    fips: str | None,
    rubric: str | None,
    today: dt.date,
) -> tuple[Path, str]:
    """Where a new jurisdiction file goes, and its text, checked (the CLI writes it, never over a file)."""
    from scorecard.checking.onefile import check_file

    check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    text = new_jurisdiction_text(
        ctx.rubric,
        jurisdiction_id=jurisdiction_id,
        state=state.upper(),
        name=name or jurisdiction_id.replace("-", " ").title(),
        kind=kind,
        fips=fips,
        today=today,
    )
    target = paths.cities / f"{jurisdiction_id}.yaml"
    _, _, issues = check_file(target, ctx, text.encode(), display_path(target))
    errors = tuple(issue for issue in issues if issue.is_error)
    if errors:  # e.g. a bad --state or --fips
        raise ScorecardError(f"the new file would be invalid; nothing was written to {target}", errors)
    return target, text
