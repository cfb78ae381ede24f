"""Pure scoring: effective statuses, credits, score, grade, coverage, next steps, ranks.

    score = 100 * sum(weight * credit(effective status)) / sum(weight)

rounded half-up to one decimal by `round1`, the one rounding helper. The
as-of date is an argument: nothing here reads the clock, a file or argv.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from scorecard.input.models import DemandClaim, Jurisdiction, Source, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import (
    AssessReport,
    DemandInfo,
    DemandResult,
    Freshness,
    HistoryPoint,
    HistoryReport,
    JurisdictionInfo,
    LawRef,
    LevelInfo,
    NextStep,
    PracticeResult,
    RubricInfo,
    RubricReport,
    SourceRef,
    StatusChange,
)
from scorecard.scoring.engine import (
    Bound,
    bounds_on,
    grade_for,
    is_better,
    law_label,
    practice_of,
    resolve,
    round1,
    score_value,
    timeline_of,
    weights_for,
)
from scorecard.scoring.litigation import litigation_on
from scorecard.vocab import DEFAULT_MAX_AGE_DAYS, Basis


def since_display(day: dt.date | None, precision: str) -> str | None:
    """A date as precisely as it is known: 2017-08-31, 2017-08 or 2017."""
    if day is None:
        return None
    return {"year": f"{day.year}", "month": f"{day.year}-{day.month:02d}"}.get(precision, day.isoformat())


def _sources(sources: Iterable[Source]) -> list[SourceRef]:
    return [SourceRef(title=s.title, url=s.url, accessed=s.accessed) for s in sources]


@dataclass(frozen=True)
class Evidence:
    """What stands behind the local status in force on a date."""

    summary: str
    since: dt.date | None
    precision: str
    confidence: str | None
    sources: tuple[Source, ...]


def evidence_on(claim: DemandClaim, entry: int | None) -> Evidence:
    """The evidence of the timeline entry `resolve` chose (None: before the first dated entry)."""
    if entry is None:
        first = claim.history[0].since if claim.history else claim.since
        assert first is not None  # an undated current status is always in force
        return Evidence(f"No status is recorded before {first.isoformat()}.", None, "day", None, ())
    if entry == len(claim.history):
        return Evidence(
            claim.summary, claim.since, claim.since_precision, claim.confidence, tuple(claim.sources)
        )
    item = claim.history[entry]
    confidence = item.confidence or claim.confidence
    return Evidence(item.summary, item.since, item.since_precision, confidence, tuple(item.sources))


def _law_ref(rubric: Rubric, bound: Bound) -> LawRef:
    law = bound.law
    return LawRef(
        id=law.id,
        title=law.title,
        citation=law.citation,
        state=bound.state,
        effect="floor" if bound.effect == "floor" else "ceiling",
        level=bound.level,
        level_label=rubric.level(bound.level).label,
        in_force_from=law.in_force_from,
        label=law_label(law),
        sources=_sources(law.sources),
    )


def rubric_info(rubric: Rubric, weights: Mapping[str, float]) -> RubricInfo:
    """The rubric as reports cite it."""
    return RubricInfo(
        id=rubric.id,
        title=rubric.title,
        version=rubric.version,
        origin_title=rubric.origin.title,
        origin_url=rubric.origin.url,
        weights=dict(weights),
    )


@dataclass(frozen=True)
class _Scored:
    result: DemandResult
    ceiling: Bound | None


def _score_demand(
    *,
    rubric: Rubric,
    demand_id: str,
    claim: DemandClaim,
    state: StateFile | None,
    on: dt.date,
    basis: Basis,
    weight: float,
    total_weight: float,
) -> _Scored:
    demand = next(d for d in rubric.demands if d.id == demand_id)
    unknown = rubric.unknown_level
    bounds = bounds_on(state, demand_id, on)
    decided = resolve(rubric, timeline_of(claim), practice_of(claim), bounds, on.toordinal(), basis)
    local = evidence_on(claim, decided.entry)
    policy_status, decisive, status = decided.policy, decided.decisive, decided.status
    practice = claim.practice
    practice_result: PracticeResult | None = None
    if practice is not None and decided.practice_observed:
        practice_result = PracticeResult(
            status=practice.status,
            status_label=rubric.level(practice.status).label,
            summary=practice.summary,
            since=practice.since,
            since_display=since_display(practice.since, practice.since_precision),
            confidence=practice.confidence,
            sources=_sources(practice.sources),
            differs=practice.status != policy_status,
        )
    on_practice = basis == Basis.practice and practice_result is not None
    level = rubric.level(status)
    max_points = 100.0 * weight / total_weight if total_weight else 0.0
    overridden = (
        decisive is not None
        and decisive.effect == "ceiling"
        and decided.local != unknown
        and is_better(rubric, decided.local, policy_status)
    )
    ceiling = next((b for b in bounds if b.effect == "ceiling"), None)
    result = DemandResult(
        id=demand.id,
        title=demand.title,
        weight=weight,
        status=status,
        status_label=level.label,
        local_status=decided.local,
        local_status_label=rubric.level(decided.local).label,
        policy_status=policy_status,
        known=level.known,
        credit=level.credit,
        points=round1(max_points * level.credit),
        max_points=round1(max_points),
        criterion=demand.criteria[status],
        summary=local.summary,
        since=local.since,
        since_display=since_display(local.since, local.precision),
        confidence=local.confidence,
        sources=_sources(local.sources),
        law=_law_ref(rubric, decisive) if decisive else None,
        overridden=overridden,
        practice=practice_result,
        scored_on=Basis.practice if on_practice else Basis.policy,
    )
    return _Scored(result, ceiling)


def _next_steps(rubric: Rubric, scored: Sequence[_Scored], total_weight: float) -> list[NextStep]:
    best = rubric.best_level
    best_credit = rubric.level(best).credit
    steps: list[tuple[bool, float, int, NextStep]] = []
    for index, item in enumerate(scored):
        result = item.result
        if result.status == best:
            continue
        blocked = item.ceiling if item.ceiling and item.ceiling.level != best else None
        gain = round1(100.0 * result.weight * (best_credit - result.credit) / total_weight)
        step = NextStep(
            demand=result.id,
            title=result.title,
            status=result.status,
            status_label=result.status_label,
            credit=result.credit,
            gain=gain,
            target=best,
            target_label=rubric.level(best).label,
            criterion=next(d for d in rubric.demands if d.id == result.id).criteria[best],
            blocked_by=_law_ref(rubric, blocked) if blocked else None,
            needs_research=not result.known,
        )
        steps.append((blocked is not None, -gain, index, step))
    return [step for *_, step in sorted(steps, key=lambda t: t[:3])]


def assess(
    rubric: Rubric,
    jurisdiction: Jurisdiction,
    state: StateFile | None,
    as_of: dt.date,
    *,
    basis: Basis = Basis.policy,
    weights: Mapping[str, float] | None = None,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
) -> AssessReport:
    """The report card of one jurisdiction on `as_of`."""
    weights = weights_for(rubric, weights)
    total = sum(weights.values())
    scored = [
        _score_demand(
            rubric=rubric,
            demand_id=d.id,
            claim=jurisdiction.demands[d.id],
            state=state,
            on=as_of,
            basis=basis,
            weight=weights[d.id],
            total_weight=total,
        )
        for d in rubric.demands
    ]
    results = [item.result for item in scored]
    value = score_value(weights, {r.id: r.credit for r in results})
    score = round1(value)
    known = sum(r.known for r in results)
    laws: dict[str, LawRef] = {}
    for r in results:
        if r.law is not None:
            laws.setdefault(r.law.id, r.law)
    age = (as_of - jurisdiction.last_reviewed).days
    return AssessReport(
        jurisdiction=JurisdictionInfo(
            id=jurisdiction.id,
            name=jurisdiction.name,
            state=jurisdiction.state,
            kind=jurisdiction.kind,
            fips=jurisdiction.fips,
            jail=jurisdiction.jail,
            jail_operator=jurisdiction.jail_operator,
            population=jurisdiction.population,
            population_year=jurisdiction.population_year,
        ),
        rubric=rubric_info(rubric, weights),
        as_of=as_of,
        basis=basis,
        score=score,
        grade=grade_for(rubric, score),
        coverage=round(known / len(results), 4),
        known_demands=known,
        total_demands=len(results),
        demands=results,
        next_steps=_next_steps(rubric, scored, total),
        state_laws=sorted(laws.values(), key=lambda law: (law.in_force_from, law.id)),
        litigation=litigation_on(rubric, jurisdiction, state, as_of),
        freshness=Freshness(
            last_reviewed=jurisdiction.last_reviewed,
            age_days=age,
            max_age_days=max_age_days,
            is_stale=age > max_age_days,
        ),
        notes=jurisdiction.notes,
    )


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """1, 2, 2, 4: equal scores share a rank; `scores` must be sorted best first."""
    ranks: list[int] = []
    for index, value in enumerate(scores):
        ranks.append(ranks[-1] if index and value == scores[index - 1] else index + 1)
    return ranks


def level_infos(rubric: Rubric) -> dict[str, LevelInfo]:
    """The rubric's levels by id, best first."""
    return {
        level.id: LevelInfo(id=level.id, label=level.label, credit=level.credit, known=level.known)
        for level in rubric.levels
    }


def describe_rubric(rubric: Rubric, overrides: Mapping[str, float] | None = None) -> RubricReport:
    """The rubric as `scorecard rubric` shows it, with each demand's share of the score."""
    weights = weights_for(rubric, overrides)
    total = sum(weights.values())
    return RubricReport(
        id=rubric.id,
        title=rubric.title,
        version=rubric.version,
        description=rubric.description,
        origin_title=rubric.origin.title,
        origin_organization=rubric.origin.organization,
        origin_year=rubric.origin.year,
        origin_url=rubric.origin.url,
        origin_note=rubric.origin.note,
        levels=list(level_infos(rubric).values()),
        grades=[(g.grade, g.min) for g in rubric.grades],
        demands=[
            DemandInfo(
                id=d.id,
                title=d.title,
                description=d.description,
                weight=weights[d.id],
                share=round1(100.0 * weights[d.id] / total),
                criteria=dict(d.criteria),
            )
            for d in rubric.demands
        ],
    )


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def change_dates(jurisdiction: Jurisdiction, state: StateFile | None, until: dt.date) -> dict[dt.date, str]:
    """Every date on or before `until` when a status or a law changes, with how precisely it is known."""
    dates: dict[dt.date, str] = {}

    def add(day: dt.date | None, precision: str = "day") -> None:
        if day is None or day > until:
            return
        known = dates.get(day)
        if known is None or _PRECISION_RANK[precision] < _PRECISION_RANK[known]:
            dates[day] = precision

    for claim in jurisdiction.demands.values():
        add(claim.since, claim.since_precision)
        for entry in claim.history:
            add(entry.since, entry.since_precision)
        if claim.practice is not None:
            add(claim.practice.since, claim.practice.since_precision)
    for law in state.laws if state else []:
        if law.effects:
            add(law.in_force_from)
            add(law.repealed)
    return dict(sorted(dates.items()))


def _change(
    rubric: Rubric, before: DemandResult | None, after: DemandResult, day: dt.date
) -> StatusChange | None:
    """Why a demand's status differs from the day before (None when it doesn't)."""
    if before.status == after.status if before else after.status == rubric.unknown_level:
        return None
    cause: Literal["local", "law", "practice"]
    law: str | None = None
    if after.scored_on == "practice" and (before is None or before.scored_on != "practice"):
        cause = "practice"
    elif after.law is not None and after.law.in_force_from == day:
        cause, law = "law", after.law.label
    elif (
        before is not None
        and before.law is not None
        and after.law is None
        and before.local_status == after.local_status
    ):
        cause, law = "law", f"{before.law.label}, no longer in force"
    else:
        cause = "local"
    return StatusChange(
        demand=after.id,
        title=after.title,
        before=before.status if before else rubric.unknown_level,
        after=after.status,
        after_label=after.status_label,
        cause=cause,
        law=law,
    )


def timeline(
    rubric: Rubric,
    jurisdiction: Jurisdiction,
    state: StateFile | None,
    until: dt.date,
    *,
    basis: Basis = Basis.policy,
    weights: Mapping[str, float] | None = None,
) -> HistoryReport:
    """The score and each demand's status on every date something changed, up to `until`."""
    points: list[HistoryPoint] = []
    previous: AssessReport | None = None
    for day, precision in change_dates(jurisdiction, state, until).items():
        report = assess(rubric, jurisdiction, state, day, basis=basis, weights=weights)
        changes = [
            change
            for index, demand in enumerate(report.demands)
            if (change := _change(rubric, previous.demands[index] if previous else None, demand, day))
        ]
        if previous is not None and not changes and report.score == previous.score:
            continue
        points.append(
            HistoryPoint(
                date=day,
                date_display=since_display(day, precision) or day.isoformat(),
                score=report.score,
                grade=report.grade,
                coverage=report.coverage,
                statuses={d.id: d.status for d in report.demands},
                local_statuses={d.id: d.local_status for d in report.demands},
                laws={d.id: d.law.id if d.law else None for d in report.demands},
                changes=changes,
            )
        )
        previous = report
    current = assess(rubric, jurisdiction, state, until, basis=basis, weights=weights)
    return HistoryReport(
        jurisdiction=current.jurisdiction,
        rubric=current.rubric,
        basis=basis,
        until=until,
        demands=[(d.id, d.title) for d in rubric.demands],
        levels=level_infos(rubric),
        points=points,
    )
