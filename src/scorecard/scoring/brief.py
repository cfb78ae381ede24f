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
from sys import intern

from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.scoring.engine import (
    Bound,
    Limits,
    PracticeMark,
    Resolution,
    Standing,
    Timeline,
    bounds_on,
    law_label,
    limits_of,
    practice_of,
    resolve,
    standing,
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
    """The brief of a validated jurisdiction (or of a baseline county's, `researched=False`).

    Its words from a small vocabulary (demand ids, statuses, state, kind) are interned: `marshal` then
    writes them as interned, and every brief read back shares one copy of each (20,000 briefs read back:
    38 MB of objects -> 25 MB; `rank`'s peak 177 MB -> 161 MB).
    """
    demands = tuple(
        (intern(demand_id), _interned(timeline_of(claim)), _interned_mark(practice_of(claim)))
        for demand_id, claim in jurisdiction.demands.items()
    )
    return Brief(
        jurisdiction.id,
        jurisdiction.name,
        intern(jurisdiction.state),
        intern(jurisdiction.kind),
        jurisdiction.fips,
        jurisdiction.last_reviewed.toordinal(),
        demands,
        researched,
    )


def _interned(timeline: Timeline) -> Timeline:
    return tuple((since, intern(status)) for since, status in timeline)


def _interned_mark(mark: PracticeMark) -> PracticeMark:
    return None if mark is None else (mark[0], intern(mark[1]))


@dataclass(frozen=True, slots=True)
class BriefScore:
    """Statuses and score of one brief on one date."""

    statuses: tuple[str, ...]
    local_statuses: tuple[str, ...]
    laws: tuple[str | None, ...]  # label of the law that set each status
    law_ids: tuple[str | None, ...]  # the same laws' ids
    credits: tuple[float, ...]  # of each status: the low end of the range
    settled: tuple[bool, ...]
    standing: Standing

    @property
    def score(self) -> float:
        """Today's score, the low end of the range."""
        return self.standing.low

    @property
    def grade(self) -> str:
        """The grade of `score`."""
        return self.standing.grade

    @property
    def coverage(self) -> float:
        """The share of demands settled."""
        return self.standing.coverage


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
        self._bounds: dict[str, dict[str, tuple[list[Bound], Limits]]] = {}

    def _state_bounds(self, state: str) -> dict[str, tuple[list[Bound], Limits]]:
        found = self._bounds.get(state)
        if found is None:
            file = self.states.get(state)
            found = {}
            for d in self.demand_ids:
                bounds = bounds_on(file, d, self.on)
                found[d] = (bounds, limits_of(self.rubric, bounds))
            self._bounds[state] = found
        return found

    def score(self, brief: Brief) -> BriefScore:
        """The same statuses and score as `scoring.assess` gives the jurisdiction."""
        by_id = {demand_id: (timeline, practice) for demand_id, timeline, practice in brief.demands}
        bounds = self._state_bounds(brief.state)
        decided: dict[str, Resolution] = {}
        statuses, locals_, laws, law_ids, credits, settled = [], [], [], [], [], []
        for demand_id in self.demand_ids:
            timeline, practice = by_id[demand_id]
            laws_in_force, limits = bounds[demand_id]
            decision = resolve(self.rubric, timeline, practice, laws_in_force, self.day, self.basis, limits)
            decided[demand_id] = decision
            statuses.append(decision.status)
            locals_.append(decision.local)
            laws.append(law_label(decision.decisive.law) if decision.decisive else None)
            law_ids.append(decision.decisive.law.id if decision.decisive else None)
            credits.append(self.credit[decision.status])
            settled.append(decision.settled_by is not None)
        return BriefScore(
            tuple(statuses),
            tuple(locals_),
            tuple(laws),
            tuple(law_ids),
            tuple(credits),
            tuple(settled),
            standing(self.rubric, self.weights, decided, self.credit),
        )
