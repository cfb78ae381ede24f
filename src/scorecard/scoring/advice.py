"""What a card tells a reader in plain words: the one-line verdict and the next steps.

Both are built from the rubric and the statuses the status engine decided,
never from prose written per jurisdiction. Next steps respect state law:
under a ceiling, the part a locality can reach on its own comes first (up
to the ceiling), and the part only a change in state law can unlock follows,
marked as such. Each step says what it would do to the grade.
"""

from __future__ import annotations

from collections.abc import Sequence

from scorecard.i18n import translate
from scorecard.input.rubric import Rubric
from scorecard.report import DemandResult, NextStep, Verdict
from scorecard.scoring.engine import grade_for, is_better, round1


def _step(
    rubric: Rubric,
    demand: DemandResult,
    *,
    start: str,
    target: str,
    total_weight: float,
    score: float,
    state_law_only: bool,
) -> NextStep:
    """Reaching `target` from `start` (credits), with today's score `score`."""
    gain = round1(
        100.0 * demand.weight * (rubric.level(target).credit - rubric.level(start).credit) / total_weight
        if total_weight
        else 0.0
    )
    after = round1(score + gain)
    ceiling = demand.ceiling
    criteria = next(d for d in rubric.demands if d.id == demand.id).criteria
    return NextStep(
        demand=demand.id,
        title=demand.title,
        status=demand.status,
        status_label=demand.status_label,
        known=demand.known,
        credit=demand.credit,
        gain=gain,
        target=target,
        target_label=rubric.level(target).label,
        criterion=criteria[target],
        blocked_by=ceiling if state_law_only else None,
        needs_research=not demand.known and not state_law_only,
        capped_by=ceiling if ceiling is not None and not state_law_only else None,
        score_after=after,
        grade_after=grade_for(rubric, after),
    )


def next_steps(
    rubric: Rubric, demands: Sequence[DemandResult], total_weight: float, score: float
) -> list[NextStep]:
    """Unmet demands, by the points each would add: what a locality can do first, then state-law changes.

    A demand under a state ceiling below the best level gives up to two steps:
    up to the ceiling (when it is not there yet), and from the ceiling to the
    best level, which only a change in state law can unlock.
    """
    best = rubric.best_level
    local: list[tuple[float, int, NextStep]] = []
    state: list[tuple[float, int, NextStep]] = []
    for index, demand in enumerate(demands):
        if demand.status == best:
            continue
        cap = demand.ceiling.level if demand.ceiling is not None and demand.ceiling.level != best else None
        reach = cap or best
        parts: list[tuple[str, str, bool]] = []  # (from, to, only a change in state law unlocks it)
        if not demand.known or is_better(rubric, reach, demand.status):
            parts.append((demand.status, reach, False))
        if cap is not None:
            parts.append((reach if parts else demand.status, best, True))
        for start, target, state_law_only in parts:
            step = _step(
                rubric,
                demand,
                start=start,
                target=target,
                total_weight=total_weight,
                score=score,
                state_law_only=state_law_only,
            )
            (state if state_law_only else local).append((-step.gain, index, step))
    return [step for *_, step in sorted(local)] + [step for *_, step in sorted(state)]


def verdict(rubric: Rubric, name: str, demands: Sequence[DemandResult], lang: str) -> Verdict:
    """ "Denver meets 4 of 5 demands. Not met: No ICE notifications." and, where they apply,
    what is partly met, not researched, or set by state law over an unknown local policy."""
    best, worst = rubric.best_level, rubric.worst_level
    met = [d.title for d in demands if d.status == best]
    partial = [d.title for d in demands if d.known and d.status not in (best, worst)]
    not_met = [d.title for d in demands if d.status == worst]
    not_researched = [d.title for d in demands if not d.known]
    set_by_state = [d.title for d in demands if d.law is not None and not d.local_known]
    parts = [
        translate(lang, "{name} meets {met} of {total} demands.", name=name, met=len(met), total=len(demands))
    ]
    for label, titles in (
        (translate(lang, "Partly met: {demands}."), partial),
        (translate(lang, "Not met: {demands}."), not_met),
        (translate(lang, "Not researched: {demands}."), not_researched),
        (translate(lang, "Set by state law: {demands}."), set_by_state),
    ):
        if titles:
            parts.append(label.format(demands=", ".join(titles)))
    return Verdict(
        text=" ".join(parts),
        met=met,
        partial=partial,
        not_met=not_met,
        not_researched=not_researched,
        set_by_state=set_by_state,
    )
