"""The report card: each demand's status with its evidence, the score range, verdict and next steps.

    score = 100 * sum(weight * credit(effective status)) / sum(weight)

rounded half-up to one decimal by `round1`, the one rounding helper. The
as-of date is an argument: nothing here reads the clock, a file or argv.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from scorecard.input.models import DemandClaim, Jurisdiction, Source, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import (
    AssessReport,
    DemandInfo,
    DemandResult,
    Freshness,
    JurisdictionInfo,
    LawRef,
    LevelInfo,
    PracticeResult,
    RubricInfo,
    RubricReport,
    SourceRef,
    WeightChange,
)
from scorecard.report.dates import partial_date
from scorecard.scoring.advice import next_steps, verdict
from scorecard.scoring.engine import (
    Bound,
    Resolution,
    bounds_on,
    is_better,
    law_label,
    practice_of,
    resolve,
    round1,
    standing,
    timeline_of,
    weights_for,
)
from scorecard.scoring.litigation import litigation_on
from scorecard.vocab import DEFAULT_MAX_AGE_DAYS, Basis


def since_display(day: dt.date | None, precision: str) -> str | None:
    """A date as precisely as it is known: 2017-08-31, 2017-08 or 2017."""
    return None if day is None else partial_date(day, precision)


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
    """The rubric as reports cite it, with the weights used and where they differ from its own."""
    return RubricInfo(
        id=rubric.id,
        title=rubric.title,
        version=rubric.version,
        origin_title=rubric.origin.title,
        origin_url=rubric.origin.url,
        weights=dict(weights),
        changed_weights=[
            WeightChange(demand=d.id, title=d.title, weight=weights[d.id], rubric_weight=d.weight)
            for d in rubric.demands
            if weights[d.id] != d.weight
        ],
    )


def _tightest_ceiling(rubric: Rubric, bounds: Sequence[Bound]) -> Bound | None:
    """The ceiling in force at the worst level (the oldest law of those at it)."""
    order = rubric.level_order
    ceilings = [b for b in bounds if b.effect == "ceiling"]
    return max(ceilings, key=lambda b: order[b.level]) if ceilings else None


def _score_demand(
    *,
    rubric: Rubric,
    demand_id: str,
    claim: DemandClaim,
    bounds: Sequence[Bound],
    decided: Resolution,
    basis: Basis,
    weight: float,
    total_weight: float,
) -> DemandResult:
    demand = next(d for d in rubric.demands if d.id == demand_id)
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
            since_precision=practice.since_precision if practice.since else None,
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
        and decided.local != rubric.unknown_level
        and is_better(rubric, decided.local, policy_status)
    )
    ceiling = _tightest_ceiling(rubric, bounds)
    return DemandResult(
        id=demand.id,
        title=demand.title,
        weight=weight,
        status=status,
        status_label=level.label,
        local_status=decided.local,
        local_status_label=rubric.level(decided.local).label,
        local_known=rubric.level(decided.local).known,
        policy_status=policy_status,
        known=level.known,
        credit=level.credit,
        points=round1(max_points * level.credit),
        max_points=round1(max_points),
        criterion=demand.criteria[status],
        summary=local.summary,
        since=local.since,
        since_precision=local.precision if local.since else None,
        confidence=local.confidence,
        sources=_sources(local.sources),
        law=_law_ref(rubric, decisive) if decisive else None,
        overridden=overridden,
        practice=practice_result,
        scored_on=Basis.practice if on_practice else Basis.policy,
        settled=decided.settled,
        settled_by="local" if decided.settled_by == "local" else "state" if decided.settled else None,
        ceiling=_law_ref(rubric, ceiling) if ceiling else None,
    )


def assess(
    rubric: Rubric,
    jurisdiction: Jurisdiction,
    state: StateFile | None,
    as_of: dt.date,
    *,
    basis: Basis = Basis.policy,
    weights: Mapping[str, float] | None = None,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    lang: str = "en",
) -> AssessReport:
    """The report card of one jurisdiction on `as_of`, its words in `lang`."""
    weights = weights_for(rubric, weights)
    total = sum(weights.values())
    bounds = {d.id: bounds_on(state, d.id, as_of) for d in rubric.demands}
    decided = {
        d.id: resolve(
            rubric,
            timeline_of(jurisdiction.demands[d.id]),
            practice_of(jurisdiction.demands[d.id]),
            bounds[d.id],
            as_of.toordinal(),
            basis,
        )
        for d in rubric.demands
    }
    results = [
        _score_demand(
            rubric=rubric,
            demand_id=d.id,
            claim=jurisdiction.demands[d.id],
            bounds=bounds[d.id],
            decided=decided[d.id],
            basis=basis,
            weight=weights[d.id],
            total_weight=total,
        )
        for d in rubric.demands
    ]
    scored = standing(rubric, weights, decided)
    laws: dict[str, LawRef] = {}
    for r in results:
        for law in (r.law, r.ceiling):
            if law is not None:
                laws.setdefault(law.id, law)
    age = (as_of - jurisdiction.last_reviewed).days
    return AssessReport(
        lang=lang,
        jurisdiction=JurisdictionInfo(
            id=jurisdiction.id,
            name=jurisdiction.name,
            state=jurisdiction.state,
            kind=jurisdiction.kind,
            fips=jurisdiction.fips,
            county_fips=tuple(jurisdiction.county_fips),
            jail=jurisdiction.jail,
            jail_operator=jurisdiction.jail_operator,
            population=jurisdiction.population,
            population_year=jurisdiction.population_year,
        ),
        rubric=rubric_info(rubric, weights),
        as_of=as_of,
        basis=basis,
        score=scored.low,
        grade=scored.grade,
        coverage=scored.coverage,
        known_demands=sum(r.known for r in results),
        total_demands=len(results),
        score_range=scored.score_range,
        provisional=scored.provisional,
        settled_by_local=scored.settled_by_local,
        settled_by_state=scored.settled_by_state,
        weights=dict(weights),
        verdict=verdict(rubric, jurisdiction.name, results, lang),
        grades=[(g.grade, g.min) for g in rubric.grades],
        demands=results,
        next_steps=next_steps(rubric, results, total, scored.low),
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


def competition_ranks(scores: Sequence[object]) -> list[int]:
    """1, 2, 2, 4: equal scores (or score ranges) share a rank; `scores` must be sorted best first."""
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
