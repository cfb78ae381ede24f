"""The one status engine: a demand's status on a date, and the arithmetic of scores.

    score = 100 * sum(weight * credit(effective status)) / sum(weight)

rounded half-up to one decimal by `round1`, the one rounding helper.

A demand's status on a date is decided here and nowhere else: the local
status in force (its timeline of dated entries), raised to state floors and
lowered to state ceilings in force, then, on the practice basis, replaced by
observed practice. The full report card (`card.py`) and the fast ranking
path (`brief.py`) both call `resolve`; they differ only in what evidence
they carry alongside. Nothing here reads the clock, a file or argv.
"""

from __future__ import annotations

import datetime as dt
import math
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


def score_value(weights: Mapping[str, float], credits: Mapping[str, float]) -> float:
    """100 * sum(weight * credit) / sum(weight), unrounded."""
    total = sum(weights.values())
    return 100.0 * sum(weights[d] * credits[d] for d in weights) / total if total else 0.0


def grade_for(rubric: Rubric, score: float) -> str:
    """The first grade (best first) whose minimum the score reaches."""
    return next((g.grade for g in rubric.grades if score >= g.min), rubric.grades[-1].grade)


def is_better(rubric: Rubric, left: str, right: str) -> bool:
    """Whether known level `left` is strictly better than known level `right`."""
    order = rubric.level_order
    return order[left] < order[right]


def law_label(law: StateLaw) -> str:
    """How reports name a law: its title and the year it took effect."""
    return f"{law.title} ({law.in_force_from.year})"


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


def resolve(
    rubric: Rubric,
    timeline: Timeline,
    practice: PracticeMark,
    bounds: Sequence[Bound],
    day: int,
    basis: Basis,
) -> Resolution:
    """The status of one demand on `day` (a date ordinal): local, bounded by state law, practice."""
    entry = entry_in_force(timeline, day)
    local = timeline[entry][1] if entry is not None else rubric.unknown_level
    policy, decisive = apply_bounds(rubric, local, bounds)
    observed = practice is not None and (practice[0] is None or practice[0] <= day)
    status = practice[1] if basis == Basis.practice and observed and practice is not None else policy
    return Resolution(entry, local, policy, decisive, observed, status)
