"""Many jurisdictions at once: ranks and comparison matrices from briefs.

Ordering is deterministic: by the low end of the score range (today's
score), best first, then by its high end, then by name and id; equal ranges
share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from scorecard.input.models import StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, CompareColumn, CompareReport, RankReport, RankRow
from scorecard.scoring.brief import Brief, BriefScore, BriefScorer
from scorecard.scoring.card import competition_ranks, level_infos, rubric_info
from scorecard.scoring.engine import Standing, weights_for
from scorecard.vocab import Basis

Scored = tuple[Brief, BriefScore]


def standing_fields(scored: Standing) -> dict[str, Any]:
    """The fields of `report.Ranged`: score range, grade, coverage and settled counts."""
    return {
        "score": scored.low,
        "grade": scored.grade,
        "coverage": scored.coverage,
        "score_range": scored.score_range,
        "provisional": scored.provisional,
        "settled_by_local": scored.settled_by_local,
        "settled_by_state": scored.settled_by_state,
    }


def score_all(
    rubric: Rubric,
    briefs: Sequence[Brief],
    states: Mapping[str, StateFile],
    on: dt.date,
    *,
    basis: Basis = Basis.policy,
    weights: Mapping[str, float] | None = None,
) -> list[Scored]:
    """Every brief with its statuses and score on `on`."""
    scorer = BriefScorer(rubric, states, on, basis=basis, weights=weights_for(rubric, weights))
    return [(brief, scorer.score(brief)) for brief in briefs]


def rank(
    rubric: Rubric,
    scored: Sequence[Scored],
    as_of: dt.date,
    basis: Basis,
    weights: Mapping[str, float] | None = None,
) -> RankReport:
    """All scored briefs ranked by low, then high (equal ranges share a rank), then by name and id."""
    ordered = sorted(
        scored, key=lambda item: (-item[1].standing.low, -item[1].standing.high, item[0].name, item[0].id)
    )
    ranks = competition_ranks([score.standing.score_range for _, score in ordered])
    demand_ids = [d.id for d in rubric.demands]
    rows = [
        RankRow(rank=position, **_place(brief, score, demand_ids))
        for position, (brief, score) in zip(ranks, ordered, strict=True)
    ]
    return RankReport(
        rubric=rubric_info(rubric, weights_for(rubric, weights)),
        as_of=as_of,
        basis=basis,
        demands=[(d.id, d.title) for d in rubric.demands],
        levels=level_infos(rubric),
        rows=rows,
    )


def _place(brief: Brief, score: BriefScore, demand_ids: Sequence[str]) -> dict[str, Any]:
    """The fields a ranking row and a comparison column share: who, the standing, the statuses."""
    return {
        "id": brief.id,
        "name": brief.name,
        "state": brief.state,
        "kind": brief.kind,
        "fips": brief.fips,
        **standing_fields(score.standing),
        "statuses": dict(zip(demand_ids, score.statuses, strict=True)),
        "settled": dict(zip(demand_ids, score.settled, strict=True)),
        "researched": brief.researched,
    }


def compare(
    rubric: Rubric,
    scored: Sequence[Scored],
    as_of: dt.date,
    basis: Basis,
    weights: Mapping[str, float] | None = None,
) -> CompareReport:
    """Demands x jurisdictions, in the order given."""
    demand_ids = [d.id for d in rubric.demands]
    return CompareReport(
        rubric=rubric_info(rubric, weights_for(rubric, weights)),
        as_of=as_of,
        basis=basis,
        demands=[(d.id, d.title) for d in rubric.demands],
        levels=level_infos(rubric),
        columns=[
            CompareColumn(
                **_place(brief, score, demand_ids),
                local_statuses=dict(zip(demand_ids, score.local_statuses, strict=True)),
                law_ids=dict(zip(demand_ids, score.law_ids, strict=True)),
                law_labels=dict(zip(demand_ids, score.laws, strict=True)),
            )
            for brief, score in scored
        ],
    )


def rank_reports(rubric: Rubric, reports: Sequence[AssessReport], as_of: dt.date, basis: Basis) -> RankReport:
    """Rank full report cards (when they were built anyway, as for the static site)."""
    scored = [
        (
            Brief(
                r.jurisdiction.id,
                r.jurisdiction.name,
                r.jurisdiction.state,
                r.jurisdiction.kind,
                r.jurisdiction.fips,
                0,
                (),
                r.jurisdiction.researched,
            ),
            BriefScore(
                tuple(d.status for d in r.demands),
                tuple(d.local_status for d in r.demands),
                tuple(d.law.label if d.law else None for d in r.demands),
                tuple(d.law.id if d.law else None for d in r.demands),
                tuple(d.credit for d in r.demands),
                tuple(d.settled for d in r.demands),
                Standing(
                    r.score_range[0],
                    r.score_range[1],
                    r.grade,
                    r.settled_by_local,
                    r.settled_by_state,
                    r.total_demands,
                ),
            ),
        )
        for r in reports
    ]
    weights = reports[0].rubric.weights if reports else None
    return rank(rubric, scored, as_of, basis, weights)
