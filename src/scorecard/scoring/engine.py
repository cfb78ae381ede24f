"""The one status engine: a demand's status on a date, and the arithmetic of scores.

    score = 100 * sum(weight * credit(effective status)) / sum(weight)

rounded half-up to one decimal by `round1`, the one rounding helper.

A demand's status on a date is decided here and nowhere else: the local
status in force (its timeline of dated entries), raised to state floors and
lowered to state ceilings in force, then, on the practice basis, replaced by
observed practice. The full report card (`card.py`) and the fast ranking
path (`brief.py`) both call `resolve` and `standing`; they differ only in
what evidence they carry alongside. Nothing here reads the clock, a file or
argv.

Settled, coverage and the score range (see docs/methodology.md, "What is
settled"): a demand is *settled* when research can no longer change its
effective status, because its local status is known (settled by local
policy) or state law alone fixes it whatever the local policy (settled by
state law: a floor at the best level, a ceiling at the worst). The score is
a range `[low, high]`: `low` is today's score (unknown earns 0), `high` the
score if every unsettled demand reached the best level its ceilings allow.
A score is *provisional* when `low < high`; its grade is the grade of `low`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from scorecard.errors import ExitCode, ScorecardError
from scorecard.input.models import DemandClaim, StateFile, StateLaw
from scorecard.input.rubric import Rubric
from scorecard.vocab import MAX_WEIGHT, Basis

Timeline = tuple[tuple[int | None, str], ...]  # (since as a date ordinal or None, status), oldest first
PracticeMark = tuple[int | None, str] | None  # (since as a date ordinal or None, status) of observed practice


def round1(value: float) -> float:
    """Round half-up to one decimal, the same way on every platform."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def weights_for(rubric: Rubric, overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """Rubric weights with per-run overrides applied (unknown ids are the caller's to refuse)."""
    overrides = overrides or {}
    return {d.id: float(overrides.get(d.id, d.weight)) for d in rubric.demands}


def parse_weights(text: str | None, rubric: Rubric) -> dict[str, float]:
    """`no-ice-holds=3,legal-defense-fund=1` -> {id: weight}; unknown ids and bad numbers refused."""
    if not text:
        return {}
    known = [d.id for d in rubric.demands]
    weights: dict[str, float] = {}
    for part in text.split(","):
        name, sep, value = part.strip().partition("=")
        name = name.strip()
        if not sep or name not in known:
            raise ScorecardError(
                f"--weights: '{part.strip()}' is not DEMAND=WEIGHT with a demand of the rubric "
                f"{rubric.id} ({', '.join(known)})",
                exit_code=ExitCode.USAGE,
            )
        if name in weights:
            raise ScorecardError(
                f"--weights: {name} is given twice; give each demand's weight once", exit_code=ExitCode.USAGE
            )
        try:
            weight = float(value)
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight) or not 0 <= weight <= MAX_WEIGHT:
            raise ScorecardError(
                f"--weights: the weight of {name} must be a number from 0 to {MAX_WEIGHT:,.0f}; "
                f"got '{value.strip()}'",
                exit_code=ExitCode.USAGE,
            )
        weights[name] = weight
    if sum({d.id: weights.get(d.id, d.weight) for d in rubric.demands}.values()) <= 0:
        raise ScorecardError("--weights: at least one weight must be above 0", exit_code=ExitCode.USAGE)
    return weights


def grade_for(rubric: Rubric, score: float) -> str:
    """The first grade (best first) whose minimum the score reaches."""
    return next((g.grade for g in rubric.grades if score >= g.min), rubric.grades[-1].grade)


def is_better(rubric: Rubric, left: str, right: str) -> bool:
    """Whether known level `left` is strictly better than known level `right`."""
    order = rubric.level_order
    return order[left] < order[right]


def law_label(law: StateLaw) -> str:
    """How reports name a law: its title and the year it took effect (unless the title names it already)."""
    year = str(law.in_force_from.year)
    return law.title if re.search(rf"\b{year}\b", law.title) else f"{law.title} ({year})"


@dataclass(frozen=True, slots=True)
class Bound:
    """A floor or ceiling that a state law puts on a demand."""

    law: StateLaw
    state: str
    effect: str  # floor | ceiling
    level: str


def bounds_on(state: StateFile | None, demand_id: str, on: dt.date) -> list[Bound]:
    """Floors and ceilings in force on a date, oldest law first (floors before ceilings)."""
    if state is None:
        return []
    found: list[Bound] = []
    for law in sorted(state.laws, key=lambda item: (item.in_force_from, item.id)):
        effect = law.effects.get(demand_id)
        if effect is None or not law.is_in_force(on):
            continue
        if effect.floor is not None:
            found.append(Bound(law, state.state, "floor", effect.floor))
        if effect.ceiling is not None:
            found.append(Bound(law, state.state, "ceiling", effect.ceiling))
    return sorted(found, key=lambda b: b.effect != "floor")


def apply_bounds(rubric: Rubric, local: str, bounds: Iterable[Bound]) -> tuple[str, Bound | None]:
    """Raise to every floor, then lower to every ceiling.

    A local unknown takes a floor's level (the state guarantees at least that)
    and a ceiling's level only when it is the worst level (the state leaves
    no choice); under a higher ceiling it stays unknown, since the locality
    may do anything up to the ceiling. Returns the effective status and the
    law that last changed it.
    """
    unknown = rubric.unknown_level
    status, decisive = local, None
    for bound in bounds:
        if bound.effect == "floor":
            changes = status == unknown or is_better(rubric, bound.level, status)
        elif status == unknown:
            changes = bound.level == rubric.worst_level
        else:
            changes = is_better(rubric, status, bound.level)
        if changes:
            status, decisive = bound.level, bound
    return status, decisive


def _ordinal(day: dt.date | None) -> int | None:
    return day.toordinal() if day is not None else None


def timeline_of(claim: DemandClaim) -> Timeline:
    """A claim's dated statuses, oldest first: its history, then its current status."""
    return (
        *((entry.since.toordinal(), entry.status) for entry in claim.history),
        (_ordinal(claim.since), claim.status),
    )


def practice_of(claim: DemandClaim) -> PracticeMark:
    """When observed practice starts, and its status (None when none is recorded)."""
    practice = claim.practice
    return None if practice is None else (_ordinal(practice.since), practice.status)


def entry_in_force(timeline: Timeline, day: int) -> int | None:
    """The index of the timeline entry in force on `day` (an ordinal); None before the first dated one."""
    last = len(timeline) - 1
    since = timeline[last][0]
    if since is None or since <= day:
        return last
    for index in range(last - 1, -1, -1):
        entry_since = timeline[index][0]
        if entry_since is not None and entry_since <= day:
            return index
    return None


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one demand's status was decided on one date."""

    entry: int | None  # the timeline entry in force (None: before any, so unknown)
    local: str  # the local status in force
    policy: str  # the local status bounded by state law
    decisive: Bound | None  # the law that set `policy`, if one did
    practice_observed: bool  # practice is recorded and in force on the date
    status: str  # what is scored: `policy`, or practice on the practice basis
    settled_by: str | None  # "local", "state" (state law alone fixes it), or None: research may change it
    reachable: str  # the best status it can reach: `status` when settled, else the best its ceilings allow

    @property
    def settled(self) -> bool:
        """Research can no longer change the status."""
        return self.settled_by is not None


@dataclass(frozen=True, slots=True)
class Limits:
    """What the state laws in force on a demand leave a locality: whether they decide, how high it can go."""

    decides: bool  # state law alone fixes the status, whatever the local policy
    reach: str  # the effective status of the best local policy


def limits_of(rubric: Rubric, bounds: Sequence[Bound]) -> Limits:
    """The limits that `bounds` set (the same for every locality of a state, so callers may cache it)."""
    return Limits(state_decides(rubric, bounds), apply_bounds(rubric, rubric.best_level, bounds)[0])


def resolve(
    rubric: Rubric,
    timeline: Timeline,
    practice: PracticeMark,
    bounds: Sequence[Bound],
    day: int,
    basis: Basis,
    limits: Limits | None = None,
) -> Resolution:
    """The status of one demand on `day` (a date ordinal): local, bounded by state law, practice.

    `limits` is `limits_of(rubric, bounds)`, when the caller has it already.
    """
    entry = entry_in_force(timeline, day)
    local = timeline[entry][1] if entry is not None else rubric.unknown_level
    policy, decisive = apply_bounds(rubric, local, bounds)
    observed = practice is not None and (practice[0] is None or practice[0] <= day)
    on_practice = basis == Basis.practice and observed and practice is not None
    status = practice[1] if on_practice and practice is not None else policy
    unknown = rubric.unknown_level
    if status != unknown if on_practice else local != unknown:
        return Resolution(entry, local, policy, decisive, observed, status, "local", status)
    limits = limits or limits_of(rubric, bounds)
    if not on_practice and limits.decides:
        return Resolution(entry, local, policy, decisive, observed, status, "state", status)
    return Resolution(entry, local, policy, decisive, observed, status, None, limits.reach)


def state_decides(rubric: Rubric, bounds: Sequence[Bound]) -> bool:
    """Whether state law alone fixes a status: every known local status ends at the same level."""
    known = [level.id for level in rubric.levels if level.known]
    return len({apply_bounds(rubric, level, bounds)[0] for level in known}) == 1


@dataclass(frozen=True, slots=True)
class Standing:
    """A jurisdiction's score on one date: the range, its grade, and how much of it is settled."""

    low: float  # today's score: unknown earns 0
    high: float  # the score if every unsettled demand reached the best level its ceilings allow
    grade: str  # the grade of `low`
    settled_by_local: int
    settled_by_state: int
    total: int

    @property
    def provisional(self) -> bool:
        """Research could still raise the score."""
        return self.low < self.high

    @property
    def settled(self) -> int:
        """How many demands are settled."""
        return self.settled_by_local + self.settled_by_state

    @property
    def coverage(self) -> float:
        """The share of demands that are settled, to four decimals."""
        return round(self.settled / self.total, 4) if self.total else 1.0

    @property
    def score_range(self) -> tuple[float, float]:
        """`[low, high]`."""
        return (self.low, self.high)


def standing(
    rubric: Rubric,
    weights: Mapping[str, float],
    decided: Mapping[str, Resolution],
    credit: Mapping[str, float] | None = None,
) -> Standing:
    """Score range, grade and settled counts of resolutions keyed by demand id (every rubric demand).

    `credit` is each level's credit, when the caller has it already.
    """
    credit = credit or {level.id: level.credit for level in rubric.levels}
    total = sum(weights.values())
    low = high = 0.0
    by_local = by_state = 0
    for demand, decision in decided.items():  # one pass: this runs for every brief of a ranking
        weight = weights[demand]
        low += weight * credit[decision.status]
        high += weight * credit[decision.reachable]
        by_local += decision.settled_by == "local"
        by_state += decision.settled_by == "state"
    low = round1(100.0 * low / total) if total else 0.0
    high = round1(100.0 * high / total) if total else 0.0
    return Standing(low, max(low, high), grade_for(rubric, low), by_local, by_state, len(decided))
