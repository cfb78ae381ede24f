"""Scoring: the formula, state-law floors and ceilings, history, practice, ranks; with invariants."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scorecard.input.loader import load_rubric
from scorecard.input.models import Jurisdiction, StateFile
from scorecard.scoring.card import assess, competition_ranks, since_display
from scorecard.scoring.engine import apply_bounds, bounds_on, grade_for, round1
from scorecard.scoring.ranking import rank_reports as rank
from scorecard.vocab import Basis

from .conftest import REPO

RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
DEMANDS = [d.id for d in RUBRIC.demands]
KNOWN = ["met", "partial", "not_met"]
LEVELS = [*KNOWN, "unknown"]
DAY = dt.date(2026, 2, 1)
SOURCE = [{"title": "t", "url": "https://example.org/", "accessed": dt.date(2026, 1, 1)}]


def claim(status: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"status": status, "summary": "s"}
    if status != "unknown":
        data |= {"confidence": "high", "sources": SOURCE}
    return data | extra


def jurisdiction(
    statuses: dict[str, str] | None = None, state: str = "IL", **claims: dict[str, Any]
) -> Jurisdiction:
    statuses = statuses or {}
    demands = {d: claims.get(d.replace("-", "_"), claim(statuses.get(d, "unknown"))) for d in DEMANDS}
    return Jurisdiction.model_validate(
        {
            "id": "x",
            "name": "X",
            "state": state,
            "kind": "city",
            "last_reviewed": dt.date(2026, 1, 1),
            "demands": demands,
        }
    )


def state_file(code: str, *laws: dict[str, Any]) -> StateFile:
    return StateFile.model_validate(
        {"state": code, "name": code, "last_reviewed": dt.date(2026, 1, 1), "laws": list(laws)}
    )


def law(law_id: str, effects: dict[str, dict[str, str]], effective: dt.date, **extra: Any) -> dict[str, Any]:
    return {
        "id": law_id,
        "title": law_id.upper(),
        "effective": effective,
        "summary": "s",
        "confidence": "high",
        "sources": SOURCE,
        "effects": effects,
    } | extra


TRUST = state_file("IL", law("trust", {"no-ice-holds": {"floor": "met"}}, dt.date(2017, 8, 28)))
SB4 = state_file(
    "TX",
    law(
        "sb4",
        {"no-ice-holds": {"ceiling": "not_met"}, "no-proactive-communication": {"ceiling": "partial"}},
        dt.date(2017, 9, 1),
        repealed=dt.date(2030, 1, 1),
    ),
)


def test_formula_on_a_known_mix() -> None:
    report = assess(
        RUBRIC, jurisdiction({"no-ice-holds": "met", "no-ice-notifications": "partial"}), None, DAY
    )
    assert report.score == 30.0
    assert report.grade == "F"
    assert report.coverage == 0.4
    assert [d.points for d in report.demands] == [20.0, 10.0, 0.0, 0.0, 0.0]
    assert [d.max_points for d in report.demands] == [20.0] * 5


def test_unknown_is_kept_apart_from_not_met() -> None:
    unknown = assess(RUBRIC, jurisdiction({}), None, DAY)
    not_met = assess(RUBRIC, jurisdiction(dict.fromkeys(DEMANDS, "not_met")), None, DAY)
    assert unknown.score == not_met.score == 0.0
    assert unknown.coverage == 0.0
    assert not_met.coverage == 1.0
    assert {d.status for d in unknown.demands} == {"unknown"}
    assert all(step.needs_research for step in unknown.next_steps)
    assert not any(step.needs_research for step in not_met.next_steps)


def test_floor_decides_a_local_unknown_and_names_the_law() -> None:
    report = assess(RUBRIC, jurisdiction({}), TRUST, DAY)
    holds = report.demands[0]
    assert (holds.local_status, holds.status) == ("unknown", "met")
    assert holds.law is not None
    assert holds.law.label == "TRUST (2017)"
    assert holds.law.effect == "floor"
    assert [law.id for law in report.state_laws] == ["trust"]


def test_ceiling_overrides_a_better_local_policy() -> None:
    report = assess(RUBRIC, jurisdiction({"no-ice-holds": "met"}, state="TX"), SB4, DAY)
    holds = report.demands[0]
    assert (holds.local_status, holds.status, holds.overridden) == ("met", "not_met", True)
    assert holds.law is not None
    assert holds.law.effect == "ceiling"
    blocked = next(step for step in report.next_steps if step.demand == "no-ice-holds")
    assert blocked.blocked_by is not None
    assert blocked.blocked_by.id == "sb4"
    blocked_flags = [step.blocked_by is not None for step in report.next_steps]
    assert blocked_flags == sorted(blocked_flags)  # what state law forbids comes last


def test_unknown_under_a_partial_ceiling_stays_unknown() -> None:
    report = assess(RUBRIC, jurisdiction({}, state="TX"), SB4, DAY)
    by_id = {d.id: d for d in report.demands}
    assert by_id["no-ice-holds"].status == "not_met"  # the worst level: the state leaves no choice
    assert by_id["no-proactive-communication"].status == "unknown"


def test_laws_apply_only_while_in_force() -> None:
    j = jurisdiction({"no-ice-holds": "met"}, state="TX")
    assert assess(RUBRIC, j, SB4, dt.date(2017, 8, 31)).demands[0].status == "met"
    assert assess(RUBRIC, j, SB4, dt.date(2017, 9, 1)).demands[0].status == "not_met"
    assert assess(RUBRIC, j, SB4, dt.date(2030, 1, 1)).demands[0].status == "met"
    assert assess(RUBRIC, jurisdiction({}), TRUST, dt.date(2016, 1, 1)).demands[0].status == "unknown"


def test_history_gives_the_status_on_each_date() -> None:
    holds = claim(
        "met",
        since=dt.date(2021, 2, 23),
        history=[
            claim("not_met", since=dt.date(2006, 1, 1), since_precision="year"),
            claim("partial", since=dt.date(2012, 9, 1)),
        ],
    )
    j = jurisdiction(no_ice_holds=holds)
    on = {
        day: assess(RUBRIC, j, None, day).demands[0]
        for day in (dt.date(2000, 1, 1), dt.date(2010, 1, 1), dt.date(2016, 1, 1), DAY)
    }
    assert [d.status for d in on.values()] == ["unknown", "not_met", "partial", "met"]
    assert [d.since_display for d in on.values()] == [None, "2006", "2012-09-01", "2021-02-23"]


def test_practice_is_shown_and_scored_only_on_request() -> None:
    fund = claim(
        "met", practice={"status": "not_met", "summary": "p", "confidence": "low", "sources": SOURCE}
    )
    j = jurisdiction(legal_defense_fund=fund)
    policy = assess(RUBRIC, j, None, DAY)
    practice = assess(RUBRIC, j, None, DAY, basis=Basis.practice)
    assert policy.demands[4].status == "met"
    assert policy.demands[4].practice is not None
    assert policy.demands[4].practice.differs
    assert practice.demands[4].status == "not_met"
    assert practice.demands[4].scored_on == "practice"
    assert practice.score == policy.score - 20


def test_weights_override_changes_the_score_by_the_formula() -> None:
    j = jurisdiction({"no-ice-holds": "met", "legal-defense-fund": "partial"})
    report = assess(RUBRIC, j, None, DAY, weights={"legal-defense-fund": 5})
    assert report.score == round1(100 * (1 * 1 + 5 * 0.5) / 9)
    assert report.rubric.weights["legal-defense-fund"] == 5


def test_next_steps_rank_by_points_gained() -> None:
    j = jurisdiction({"no-ice-holds": "partial", "no-ice-notifications": "not_met", "sensitive-areas": "met"})
    steps = assess(RUBRIC, j, None, DAY, weights={"no-ice-holds": 4}).next_steps
    assert [(s.demand, s.gain) for s in steps] == [
        ("no-ice-holds", 25.0),
        ("no-ice-notifications", 12.5),
        ("no-proactive-communication", 12.5),
        ("legal-defense-fund", 12.5),
    ]
    assert steps[0].criterion == RUBRIC.demands[0].criteria["met"]


def test_grades_and_rounding() -> None:
    assert [grade_for(RUBRIC, s) for s in (100, 90, 89.9, 80, 70, 60, 59.9, 0)] == [
        "A",
        "A",
        "B",
        "B",
        "C",
        "D",
        "F",
        "F",
    ]
    assert round1(0.05) == 0.1
    assert round1(66.66666) == 66.7
    assert since_display(dt.date(2017, 8, 31), "month") == "2017-08"


def test_competition_ranks_share_ties() -> None:
    assert competition_ranks([90.0, 80.0, 80.0, 70.0]) == [1, 2, 2, 4]


def test_rank_orders_by_score_then_name() -> None:
    reports = [
        assess(RUBRIC, jurisdiction({"no-ice-holds": s}).model_copy(update={"id": i, "name": n}), None, DAY)
        for i, n, s in (("b", "Beta", "met"), ("a", "Alpha", "met"), ("c", "Gamma", "partial"))
    ]
    ranked = rank(RUBRIC, reports, DAY, Basis.policy)
    assert [(r.rank, r.id) for r in ranked.rows] == [(1, "a"), (1, "b"), (3, "c")]


# --- invariants -----------------------------------------------------------------

statuses = st.fixed_dictionaries({d: st.sampled_from(LEVELS) for d in DEMANDS})
weights = st.fixed_dictionaries({d: st.floats(min_value=0.01, max_value=100) for d in DEMANDS})


@settings(max_examples=500)
@given(statuses, weights)
def test_score_stays_between_0_and_100(chosen: dict[str, str], w: dict[str, float]) -> None:
    report = assess(RUBRIC, jurisdiction(chosen), None, DAY, weights=w)
    assert 0 <= report.score <= 100
    assert 0 <= report.coverage <= 1


@settings(max_examples=500)
@given(statuses, st.sampled_from(DEMANDS), st.sampled_from(KNOWN))
def test_raising_a_status_never_lowers_the_score(chosen: dict[str, str], demand: str, better: str) -> None:
    before = assess(RUBRIC, jurisdiction(chosen), None, DAY)
    current = chosen[demand]
    assume(current == "unknown" or KNOWN.index(better) < KNOWN.index(current))
    after = assess(RUBRIC, jurisdiction(chosen | {demand: better}), None, DAY)
    assert after.score >= before.score


@settings(max_examples=500)
@given(statuses, weights, st.floats(min_value=0.1, max_value=1000))
def test_scaling_all_weights_changes_nothing(
    chosen: dict[str, str], w: dict[str, float], factor: float
) -> None:
    j = jurisdiction(chosen)
    scaled = {d: v * factor for d, v in w.items()}
    assert assess(RUBRIC, j, None, DAY, weights=w).score == pytest.approx(
        assess(RUBRIC, j, None, DAY, weights=scaled).score, abs=0.1
    )


@settings(max_examples=500)
@given(st.sampled_from(LEVELS), st.sampled_from(KNOWN), st.sampled_from(["floor", "ceiling"]))
def test_floor_never_lowers_and_ceiling_never_raises(local: str, level: str, effect: str) -> None:
    state = state_file("IL", law("l", {"no-ice-holds": {effect: level}}, dt.date(2000, 1, 1)))
    (bound,) = bounds_on(state, "no-ice-holds", DAY)
    assume(local != "unknown")
    result, _ = apply_bounds(RUBRIC, local, [bound])
    order = KNOWN.index
    if effect == "floor":
        assert order(result) <= order(local)
    else:
        assert order(result) >= order(local)


@settings(max_examples=500)
@given(st.lists(statuses, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_ranking_is_independent_of_input_order(many: list[dict[str, str]], shuffle: Any) -> None:
    reports = [
        assess(RUBRIC, jurisdiction(s).model_copy(update={"id": f"j{i}", "name": f"J{i}"}), None, DAY)
        for i, s in enumerate(many)
    ]
    shuffled = list(reports)
    shuffle.shuffle(shuffled)
    assert rank(RUBRIC, reports, DAY, Basis.policy) == rank(RUBRIC, shuffled, DAY, Basis.policy)
