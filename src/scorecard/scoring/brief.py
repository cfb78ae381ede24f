"""Briefs: the few facts that ranking needs of a jurisdiction, cheap to cache, send and score.

`assess` builds a full report card with evidence for one jurisdiction;
`rank`, `compare`, `list` and `sensitivity` need only each demand's status
timeline. A `Brief` holds exactly that, as plain tuples (so the cache can
store it with `marshal` and worker processes can return it cheaply).
`BriefScorer` decides each status with the same `engine.resolve` as the
full report card; it only skips the evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.scoring.engine import (
    Bound,
    PracticeMark,
    Timeline,
    bounds_on,
    grade_for,
    law_label,
    practice_of,
    resolve,
    round1,
    score_value,
    timeline_of,
)
from scorecard.vocab import Basis


@dataclass(frozen=True, slots=True)
class Brief:
    """A jurisdiction reduced to what scoring reads."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    last_reviewed: int  # date ordinal
    demands: tuple[tuple[str, Timeline, PracticeMark], ...]
    researched: bool = True  # False for a baseline county (no file: state law alone)

    def to_tuple(self) -> tuple[object, ...]:
        """A marshal-able form."""
        head = (self.id, self.name, self.state, self.kind, self.fips, self.last_reviewed)
        return (*head, self.demands, self.researched)

    @classmethod
    def from_tuple(cls, value: tuple[object, ...]) -> Brief:
        """The inverse of `to_tuple` (for trusted, version-checked cache entries)."""
        return cls(*value)  # type: ignore[arg-type]


def brief_of(jurisdiction: Jurisdiction, *, researched: bool = True) -> Brief:
    """The brief of a validated jurisdiction (or of a baseline county's, `researched=False`)."""
    demands = tuple(
        (demand_id, timeline_of(claim), practice_of(claim))
        for demand_id, claim in jurisdiction.demands.items()
    )
    return Brief(
        jurisdiction.id,
        jurisdiction.name,
        jurisdiction.state,
        jurisdiction.kind,
        jurisdiction.fips,
        jurisdiction.last_reviewed.toordinal(),
        demands,
        researched,
    )


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
        basis: Basis = Basis.policy,
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
        by_id = {demand_id: (timeline, practice) for demand_id, timeline, practice in brief.demands}
        bounds = self._state_bounds(brief.state)
        statuses, locals_, laws = [], [], []
        for demand_id in self.demand_ids:
            timeline, practice = by_id[demand_id]
            decided = resolve(self.rubric, timeline, practice, bounds[demand_id], self.day, self.basis)
            statuses.append(decided.status)
            locals_.append(decided.local)
            laws.append(law_label(decided.decisive.law) if decided.decisive else None)
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
