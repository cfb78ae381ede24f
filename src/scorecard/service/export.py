"""`scorecard export`: the whole data set as the rows of the data package's tables.

Loads through the one pipeline (`load_data(want="models")`) and takes every
status, score and change from the report models of `scoring.card` (`assess`
and `timeline`): nothing here decides a status. Facts that no report holds
(a law's dates, every source and what it supports) come from the checked
data files; their research notes are never read. Lawsuits are listed as the
cards list them on the same date (`scoring.litigation`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from scorecard.checking.across import covered_codes
from scorecard.checking.pipeline import DataSet, load_data
from scorecard.errors import ScorecardError
from scorecard.input.counties import County
from scorecard.input.locations import DataPaths
from scorecard.input.models import Jurisdiction, Source, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, CaseRef, HistoryReport, Out
from scorecard.scoring.baseline import as_baseline, baseline_models
from scorecard.scoring.card import assess, describe_rubric, since_display
from scorecard.scoring.engine import parse_weights
from scorecard.scoring.history import timeline
from scorecard.scoring.litigation import state_litigation_on
from scorecard.service.common import Notify, context, note_basis, quiet
from scorecard.service.tables import (
    TABLES,
    CountyRow,
    DemandRow,
    EffectRow,
    HistoryRow,
    JurisdictionRow,
    LawRow,
    LitigationRow,
    ScoreRow,
    SourceRow,
    StatusRow,
    Supports,
)
from scorecard.vocab import Scoring


@dataclass(frozen=True)
class DataPackage:
    """The package's metadata and its tables' rows, by table name (see `tables.TABLES`)."""

    name: str
    title: str
    description: str
    as_of: dt.date
    rubric_id: str
    rubric_version: str
    levels: tuple[str, ...]  # the rubric's status levels, best first
    tables: dict[str, list[Out]]


def _jurisdiction_row(model: Jurisdiction, card: AssessReport, researched: bool) -> JurisdictionRow:
    info = card.jurisdiction
    return JurisdictionRow(
        id=info.id,
        name=info.name,
        state=info.state,
        kind=info.kind,
        fips=info.fips,
        population=info.population,
        population_year=info.population_year,
        jail=info.jail,
        jail_operator=info.jail_operator,
        jail_jurisdiction=model.jail_jurisdiction,
        last_reviewed=card.freshness.last_reviewed,
        researched=researched,
    )


def _score_row(card: AssessReport) -> ScoreRow:
    return ScoreRow(
        jurisdiction_id=card.jurisdiction.id,
        as_of=card.as_of,
        rubric_id=card.rubric.id,
        rubric_version=card.rubric.version,
        basis=card.basis.value,
        score=card.score,
        grade=card.grade,
        score_high=card.score_range[1],
        provisional=card.provisional,
        coverage=card.coverage,
        settled_by_local=card.settled_by_local,
        settled_by_state=card.settled_by_state,
        known_demands=card.known_demands,
        total_demands=card.total_demands,
    )


def _status_rows(card: AssessReport) -> Iterator[StatusRow]:
    for demand in card.demands:
        law = demand.law
        yield StatusRow(
            jurisdiction_id=card.jurisdiction.id,
            demand_id=demand.id,
            status=demand.status,
            local_status=demand.local_status,
            policy_status=demand.policy_status,
            known=demand.known,
            settled=demand.settled,
            settled_by=demand.settled_by,
            law_state=law.state if law else None,
            law_id=law.id if law else None,
            law_effect=law.effect if law else None,
            overridden=demand.overridden,
            scored_on=demand.scored_on.value,
            practice_status=demand.practice.status if demand.practice else None,
            since=demand.since_display,
            since_precision=demand.since_precision,
            confidence=demand.confidence,
            weight=demand.weight,
            credit=demand.credit,
            points=demand.points,
            max_points=demand.max_points,
            summary=demand.summary,
        )


def _history_rows(history: HistoryReport) -> Iterator[HistoryRow]:
    state = history.jurisdiction.state
    for point in history.points:
        for change in point.changes:
            law_id = point.law_ids.get(change.demand)
            yield HistoryRow(
                jurisdiction_id=history.jurisdiction.id,
                date=point.date_display,
                date_precision=point.date_precision,
                demand_id=change.demand,
                before=change.before,
                status=change.after,
                cause=change.cause,
                law_state=state if law_id else None,
                law_id=law_id,
                law_label=change.law_label,
                score=point.score,
                grade=point.grade,
            )


def _sources(
    sources: Sequence[Source],
    supports: Supports,
    *,
    state: str,
    jurisdiction_id: str | None = None,
    law_id: str | None = None,
    demand_id: str | None = None,
    since: str | None = None,
) -> Iterator[SourceRow]:
    for source in sources:
        yield SourceRow(
            jurisdiction_id=jurisdiction_id,
            state=state,
            law_state=state if law_id else None,
            law_id=law_id,
            demand_id=demand_id,
            supports=supports,
            since=since,
            title=source.title,
            url=source.url,
            accessed=source.accessed,
        )


def _jurisdiction_sources(model: Jurisdiction) -> Iterator[SourceRow]:
    where = {"state": model.state, "jurisdiction_id": model.id}
    for demand_id, claim in model.demands.items():
        yield from _sources(claim.sources, "status", demand_id=demand_id, **where)
        for entry in claim.history:
            since = since_display(entry.since, entry.since_precision)
            yield from _sources(entry.sources, "history", demand_id=demand_id, since=since, **where)
        if claim.practice is not None:
            yield from _sources(claim.practice.sources, "practice", demand_id=demand_id, **where)
    if model.population_source is not None:
        yield from _sources([model.population_source], "population", **where)
    for suit in model.litigation:
        yield from _sources(suit.sources, "litigation", **where)


def _state_sources(state: StateFile) -> Iterator[SourceRow]:
    yield from _sources(state.sources, "state", state=state.state)
    for suit in state.litigation:
        yield from _sources(suit.sources, "litigation", state=state.state)
    for law in state.laws:
        yield from _sources(law.sources, "law", state=state.state, law_id=law.id)
        for period in law.blocked:
            yield from _sources(period.sources, "blocked", state=state.state, law_id=law.id)


def _litigation_row(suit: CaseRef, state: str, jurisdiction_id: str | None) -> LitigationRow:
    return LitigationRow(
        jurisdiction_id=jurisdiction_id,
        state=state,
        case=suit.case,
        court=suit.court,
        docket=suit.docket,
        filed=suit.filed,
        status=suit.status,
        status_date=suit.status_date,
        challenges=suit.challenges,
        summary=suit.summary,
        demand_ids=" ".join(demand_id for demand_id, _ in suit.demands) or None,
    )


def _law_rows(state: StateFile, on: dt.date) -> Iterator[LawRow]:
    for law in state.laws:
        yield LawRow(
            state=state.state,
            id=law.id,
            title=law.title,
            citation=law.citation,
            enacted=law.enacted,
            effective=law.effective,
            in_force_from=law.in_force_from,
            repealed=law.repealed,
            blocked=law.is_blocked(on),
            in_force=law.is_in_force(on),
            confidence=law.confidence,
            summary=law.summary,
        )


def _effect_rows(state: StateFile) -> Iterator[EffectRow]:
    for law in state.laws:
        for demand_id, effect in law.effects.items():
            yield EffectRow(
                state=state.state,
                law_id=law.id,
                demand_id=demand_id,
                floor=effect.floor,
                ceiling=effect.ceiling,
                rule=effect.rule,
            )


def _models(data: DataSet, rubric: Rubric, baselines: bool) -> Iterator[tuple[Jurisdiction, County | None]]:
    """Each researched jurisdiction, then (if asked) each county no file covers, with its county."""
    yield from ((model, None) for model in data.jurisdictions)
    if baselines:
        covered = covered_codes(data.identities)
        yield from ((model, county) for county, model in baseline_models(rubric, data.states, covered))


def export_package(
    paths: DataPaths,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    baselines: bool = False,
    notify: Notify = quiet,
) -> DataPackage:
    """Every jurisdiction's card and history on `how.as_of`, and every state's laws, as table rows.

    With `baselines`, every county no file covers too, scored on its state's laws alone.
    """
    ctx = context(paths, rubric, today)
    weights = parse_weights(how.weights, ctx.rubric)
    data = load_data(paths, ctx, want="models").require_valid()
    if not data.jurisdictions:
        raise ScorecardError(f"no jurisdictions in {paths.folders()}; nothing to export")
    note_basis(how, data.jurisdictions, notify)
    words = ctx.rubric
    tables: dict[str, list[Out]] = {table.name: [] for table in TABLES}
    described = describe_rubric(words, weights)
    tables["demands"] = [
        DemandRow(demand_id=d.id, title=d.title, weight=d.weight, share=d.share) for d in described.demands
    ]
    for model, county in _models(data, words, baselines):
        state = data.states.get(model.state)
        card = assess(words, model, state, how.as_of, basis=how.basis, weights=weights)
        researched = county is None
        if county is not None:
            card = as_baseline(card, county)
        history = timeline(words, model, state, how.as_of, basis=how.basis, weights=weights)
        tables["jurisdictions"].append(_jurisdiction_row(model, card, researched))
        tables["jurisdiction_counties"].extend(
            CountyRow(jurisdiction_id=model.id, county_fips=code) for code in model.county_fips
        )
        tables["scores"].append(_score_row(card))
        tables["demand_statuses"].extend(_status_rows(card))
        tables["history"].extend(_history_rows(history))
        tables["sources"].extend(_jurisdiction_sources(model))
        tables["litigation"].extend(
            _litigation_row(suit, model.state, model.id)
            for suit in card.litigation
            if suit.scope == "jurisdiction"
        )
    for code, state in sorted(data.states.items()):
        tables["state_laws"].extend(_law_rows(state, how.as_of))
        tables["law_effects"].extend(_effect_rows(state))
        tables["sources"].extend(_state_sources(state))
        suits = state_litigation_on(words, state, how.as_of)
        tables["litigation"].extend(_litigation_row(suit, code, None) for suit in suits)
    return DataPackage(
        name=f"scorecard-{words.id}",
        title=f"{words.title}: jurisdictions, statuses, state laws and sources",
        description=f"Scored with the rubric {words.id} {words.version} as of {how.as_of.isoformat()}.",
        as_of=how.as_of,
        rubric_id=words.id,
        rubric_version=words.version,
        levels=tuple(level.id for level in words.levels),
        tables=tables,
    )
