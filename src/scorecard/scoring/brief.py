"""Briefs: the few facts that ranking needs of a jurisdiction, cheap to cache, send and score.

`assess` builds a full report card with evidence for one jurisdiction;
`rank`, `compare`, `list` and `sensitivity` need only each demand's status
timeline. A `Brief` holds exactly that, as plain tuples (so the cache can
store it with `marshal` and worker processes can return it cheaply), and
`score_brief` computes the same statuses and score as `scoring.assess`
(a test checks they agree on every shipped file and many dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from scorecard.input.models import Jurisdiction, Rubric, StateFile
from scorecard.scoring.card import Bound, apply_bounds, bounds_on, grade_for, round1, score_value

Timeline = tuple[tuple[int | None, str], ...]  # (since as a date ordinal or None, status), oldest first
Practice = tuple[int | None, str] | None


@dataclass(frozen=True, slots=True)
class Brief:
    """A jurisdiction reduced to what scoring reads."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    last_reviewed: int  # date ordinal
    demands: tuple[tuple[str, Timeline, Practice], ...]

    def to_tuple(self) -> tuple[object, ...]:
        """A marshal-able form."""
        return (self.id, self.name, self.state, self.kind, self.fips, self.last_reviewed, self.demands)

    @classmethod
    def from_tuple(cls, value: tuple[object, ...]) -> Brief:
        """The inverse of `to_tuple` (for trusted, version-checked cache entries)."""
        return cls(*value)  # type: ignore[arg-type]


def _ordinal(day: dt.date | None) -> int | None:
    return day.toordinal() if day is not None else None


def brief_of(jurisdiction: Jurisdiction) -> Brief:
    """The brief of a validated jurisdiction."""
    demands = []
    for demand_id, claim in jurisdiction.demands.items():
        timeline: Timeline = (
            *((entry.since.toordinal(), entry.status) for entry in claim.history),
            (_ordinal(claim.since), claim.status),
        )
        practice = (_ordinal(claim.practice.since), claim.practice.status) if claim.practice else None
        demands.append((demand_id, timeline, practice))
    return Brief(
        jurisdiction.id,
        jurisdiction.name,
        jurisdiction.state,
        jurisdiction.kind,
        jurisdiction.fips,
        jurisdiction.last_reviewed.toordinal(),
        tuple(demands),
    )


def local_status(timeline: Timeline, on: int, unknown: str) -> str:
    """The status of the latest entry in force on `on`; unknown before the first dated entry."""
    *earlier, (since, status) = timeline
    if since is None or since <= on:
        return status
    for entry_since, entry_status in reversed(earlier):
        if entry_since is not None and entry_since <= on:
            return entry_status
    return unknown


@dataclass(frozen=True, slots=True)
class BriefScore:
    """Statuses and score of one brief on one date."""

    statuses: tuple[str, ...]
    local_statuses: tuple[str, ...]
    laws: tuple[str | None, ...]  # label of the law that set each status
    credits: tuple[float, ...]
    score: float
    grade: str
    coverage: float


class BriefScorer:
    """Scores briefs on one date with one rubric, caching each state's bounds."""

    def __init__(
        self,
        rubric: Rubric,
        states: Mapping[str, StateFile],
        on: dt.date,
        *,
        basis: str = "policy",
        weights: Mapping[str, float],
    ) -> None:
        self.rubric = rubric
        self.states = states
        self.on = on
        self.day = on.toordinal()
        self.basis = basis
        self.weights = dict(weights)
        self.demand_ids = tuple(d.id for d in rubric.demands)
        self.credit = {level.id: level.credit for level in rubric.levels}
        self.known = {level.id: level.known for level in rubric.levels}
        self._bounds: dict[str, dict[str, list[Bound]]] = {}

    def _state_bounds(self, state: str) -> dict[str, list[Bound]]:
        found = self._bounds.get(state)
        if found is None:
            file = self.states.get(state)
            found = {d: bounds_on(file, d, self.on) for d in self.demand_ids}
            self._bounds[state] = found
        return found

    def score(self, brief: Brief) -> BriefScore:
        """The same statuses and score as `scoring.assess` gives the jurisdiction."""
        unknown = self.rubric.unknown_level
        by_id = {demand_id: (timeline, practice) for demand_id, timeline, practice in brief.demands}
        bounds = self._state_bounds(brief.state)
        statuses, locals_, laws = [], [], []
        for demand_id in self.demand_ids:
            timeline, practice = by_id[demand_id]
            local = local_status(timeline, self.day, unknown)
            status, decisive = apply_bounds(self.rubric, local, bounds[demand_id])
            law = f"{decisive.law.title} ({decisive.law.in_force_from.year})" if decisive else None
            observed = practice is not None and (practice[0] is None or practice[0] <= self.day)
            if self.basis == "practice" and observed and practice is not None:
                status = practice[1]
            statuses.append(status)
            locals_.append(local)
            laws.append(law)
        credits = tuple(self.credit[s] for s in statuses)
        value = round1(score_value(self.weights, dict(zip(self.demand_ids, credits, strict=True))))
        known = sum(self.known[s] for s in statuses)
        return BriefScore(
            tuple(statuses),
            tuple(locals_),
            tuple(laws),
            credits,
            value,
            grade_for(self.rubric, value),
            round(known / len(statuses), 4),
        )
