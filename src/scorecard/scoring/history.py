"""History: the score and each demand's status on every date something changed.

Each date is scored by the same `assess` as the report card, so a history
point shows exactly what the card would have shown that day, range included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, DemandResult, HistoryPoint, HistoryReport, StatusChange
from scorecard.scoring.card import assess, level_infos
from scorecard.vocab import Basis, Precision

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def change_dates(
    jurisdiction: Jurisdiction, state: StateFile | None, until: dt.date
) -> dict[dt.date, Precision]:
    """Every date on or before `until` when a status or a law changes, with how precisely it is known."""
    dates: dict[dt.date, Precision] = {}

    def add(day: dt.date | None, precision: Precision = "day") -> None:
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
    law_label: str | None = None
    if after.scored_on == "practice" and (before is None or before.scored_on != "practice"):
        cause = "practice"
    elif after.law is not None and after.law.in_force_from == day:
        cause, law_label = "law", after.law.label
    elif (
        before is not None
        and before.law is not None
        and after.law is None
        and before.local_status == after.local_status
    ):
        cause, law_label = "law", f"{before.law.label}, no longer in force"
    else:
        cause = "local"
    return StatusChange(
        demand=after.id,
        title=after.title,
        before=before.status if before else rubric.unknown_level,
        after=after.status,
        after_label=after.status_label,
        cause=cause,
        law_label=law_label,
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
        if previous is not None and not changes and report.score_range == previous.score_range:
            continue
        points.append(
            HistoryPoint(
                date=day,
                date_precision=precision,
                score=report.score,
                grade=report.grade,
                coverage=report.coverage,
                score_range=report.score_range,
                provisional=report.provisional,
                settled_by_local=report.settled_by_local,
                settled_by_state=report.settled_by_state,
                statuses={d.id: d.status for d in report.demands},
                local_statuses={d.id: d.local_status for d in report.demands},
                law_ids={d.id: d.law.id if d.law else None for d in report.demands},
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
