"""Settled demands, coverage by local policy and by state law, the score range and provisional scores.

Invariants (hypothesis) on the status engine, and the scenarios of "Honest at a glance" run as a new
user would: an unresearched stub, a city whose statuses state law mostly decides, a thin-data F, a
city under state ceilings, custom weights.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scorecard.report import AssessReport
from scorecard.scoring.brief import BriefScorer, brief_of
from scorecard.scoring.card import assess
from scorecard.scoring.engine import apply_bounds, bounds_on, round1, weights_for

from .conftest import TESTS, Run
from .test_scoring import DAY, DEMANDS, KNOWN, LEVELS, RUBRIC, jurisdiction, law, state_file

RANGES = TESTS / "data" / "ranges"
AS_OF = "--as-of=2026-02-01"
EXTENSIONS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}

bounds_strategy = st.fixed_dictionaries(
    {d: st.tuples(st.sampled_from([None, *KNOWN]), st.sampled_from([None, *KNOWN])) for d in DEMANDS}
)
locals_strategy = st.fixed_dictionaries({d: st.sampled_from(LEVELS) for d in DEMANDS})
weights_strategy = st.fixed_dictionaries({d: st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]) for d in DEMANDS})


def scored(
    local: dict[str, str], limits: dict[str, tuple[str | None, str | None]], weights: dict[str, float]
) -> tuple[AssessReport, Any]:
    """The report card of a city with these local statuses under state laws with these floors/ceilings."""
    floors = {d: {"floor": f} for d, (f, _) in limits.items() if f}
    ceilings = {d: {"ceiling": c} for d, (_, c) in limits.items() if c}
    laws = []
    if floors:
        laws.append(law("floors", floors, dt.date(2017, 1, 1)))
    if ceilings:
        laws.append(law("ceilings", ceilings, dt.date(2018, 1, 1)))
    state = state_file("TX", *laws)
    return assess(RUBRIC, jurisdiction(local, state="TX"), state, DAY, weights=weights), state


@settings(max_examples=300, deadline=None)
@given(locals_strategy, bounds_strategy, weights_strategy)
def test_low_is_todays_score_and_never_above_high(
    local: dict[str, str], limits: dict[str, tuple[str | None, str | None]], weights: dict[str, float]
) -> None:
    assume(sum(weights.values()) > 0)
    report, state = scored(local, limits, weights)
    low, high = report.score_range
    assert low <= high
    credit = {level.id: level.credit for level in RUBRIC.levels}
    effective = {d: apply_bounds(RUBRIC, local[d], bounds_on(state, d, DAY))[0] for d in DEMANDS}
    today = round1(100 * sum(weights[d] * credit[effective[d]] for d in DEMANDS) / sum(weights.values()))
    assert low == report.score == today
    assert report.provisional == (low < high)
    assert report.coverage == round(sum(d.settled for d in report.demands) / len(DEMANDS), 4)
    assert report.settled_by_local == sum(local[d] != "unknown" for d in DEMANDS)
    quick = BriefScorer(RUBRIC, {"TX": state}, DAY, weights=weights_for(RUBRIC, weights)).score(
        brief_of(jurisdiction(local, state="TX"))
    )
    assert quick.standing.score_range == report.score_range  # the fast path: the same engine
    assert (quick.standing.settled_by_local, quick.standing.settled_by_state) == (
        report.settled_by_local,
        report.settled_by_state,
    )


@settings(max_examples=200, deadline=None)
@given(
    locals_strategy,
    bounds_strategy,
    weights_strategy,
    st.fixed_dictionaries({d: st.booleans() for d in DEMANDS}),
)
def test_when_every_demand_is_settled_the_range_is_one_score(
    local: dict[str, str],
    limits: dict[str, tuple[str | None, str | None]],
    weights: dict[str, float],
    by_floor: dict[str, bool],
) -> None:
    assume(sum(weights.values()) > 0)
    # where the local policy is unknown, let state law alone decide: a floor at the best level or a
    # ceiling at the worst
    decided = {
        d: (("met", limits[d][1]) if by_floor[d] else (limits[d][0], "not_met"))
        if local[d] == "unknown"
        else limits[d]
        for d in DEMANDS
    }
    report, _ = scored(local, decided, weights)
    assert all(d.settled for d in report.demands)
    assert report.score_range[0] == report.score_range[1]
    assert not report.provisional
    assert report.coverage == 1.0


@settings(max_examples=300, deadline=None)
@given(locals_strategy, bounds_strategy, weights_strategy, st.sampled_from(DEMANDS), st.sampled_from(KNOWN))
def test_settling_a_demand_never_lowers_low_and_never_raises_high(
    local: dict[str, str],
    limits: dict[str, tuple[str | None, str | None]],
    weights: dict[str, float],
    demand: str,
    found: str,
) -> None:
    assume(sum(weights.values()) > 0)
    open_ = {**local, demand: "unknown"}  # only an unknown local status is unsettled
    before, _ = scored(open_, limits, weights)
    assume(not next(d for d in before.demands if d.id == demand).settled)
    after, _ = scored({**open_, demand: found}, limits, weights)
    assert after.score_range[0] >= before.score_range[0]
    assert after.score_range[1] <= before.score_range[1]


def test_settled_by_state_only_when_state_law_leaves_no_choice() -> None:
    limits: dict[str, tuple[str | None, str | None]] = dict.fromkeys(DEMANDS, (None, None))
    limits |= {
        "no-ice-holds": ("met", None),  # a floor at the best level: settled
        "no-ice-notifications": ("partial", None),  # the place may do better: not settled
        "no-proactive-communication": (None, "not_met"),  # a ceiling at the worst level: settled
        "sensitive-areas": (None, "partial"),  # may reach partial, not more: not settled
    }
    report, _ = scored({}, limits, dict.fromkeys(DEMANDS, 1.0))
    assert [d.settled_by for d in report.demands] == ["state", None, "state", None, None]
    assert (report.settled_by_local, report.settled_by_state, report.coverage) == (0, 2, 0.4)
    assert report.score_range == (
        30.0,
        70.0,
    )  # 20 + 10 today; then notifications met, areas partial, fund met
    assert report.verdict.set_by_state == [
        "No ICE holds",
        "No ICE notifications",
        "No proactive communication",
    ]


# --- the scenarios, from the command line ---------------------------------------------------


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terminal tables wide enough that no cell wraps (so phrases can be searched whole)."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def ranges(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(RANGES, target)
    return target


def test_a_new_stub_ranks_provisional_with_its_range(
    run: Run, ranges: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ranges)
    made = run("new", "fort-collins", "--state", "CO")
    assert made.exit_code == 0, made.stderr
    table = run("rank", AS_OF)
    assert table.exit_code == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "Fort Collins" in line)
    assert "70–100" in row
    assert "C*" in row
    assert "* provisional" in table.stdout
    rows = json.loads(run("rank", AS_OF, "-f", "json").stdout)["rows"]
    stub = next(r for r in rows if r["id"] == "fort-collins")
    assert (stub["score_range"], stub["provisional"], stub["grade"]) == ([70.0, 100.0], True, "C")
    assert (stub["settled_by_local"], stub["settled_by_state"], stub["coverage"]) == (0, 3, 0.6)


def test_coverage_counts_local_and_state_settled_demands_apart(run: Run, wide: None) -> None:
    card = json.loads(run("assess", "foothill-city", "--data-dir", RANGES, AS_OF, "-f", "json").stdout)
    assert (card["settled_by_local"], card["settled_by_state"], card["coverage"]) == (1, 3, 0.8)
    assert [d["settled"] for d in card["demands"]] == [True, False, True, True, True]
    table = run("assess", "foothill-city", "--data-dir", RANGES, AS_OF).stdout
    assert "4 of 5 settled: 1 by local policy, 3 by state law" in " ".join(table.split())
    assert "set by state law (Fixture HB 1)" in " ".join(table.split())
    assert "local policy: Unknown" not in table


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_a_thin_data_f_is_marked_provisional_in_every_format(run: Run, fmt: str) -> None:
    card = run("assess", "thin-county", "--data-dir", RANGES, AS_OF, "-f", fmt).stdout
    ranked = run("rank", "--data-dir", RANGES, AS_OF, "-f", fmt).stdout
    marks = {
        "table": ("F (provisional)", "F*"),
        "markdown": ("F (provisional)", "F\\*"),
        "html": ('class="grade provisional"', '<tr data-order="2" class="provisional"'),
    }
    if fmt == "json":
        assert json.loads(card)["provisional"] is True
        assert json.loads(ranked)["rows"][-1]["provisional"] is True
    elif fmt == "csv":
        assert {row["provisional"] for row in csv.DictReader(io.StringIO(card))} == {"true"}
        thin = [row for row in csv.DictReader(io.StringIO(ranked)) if row["jurisdiction_id"] == "thin-county"]
        assert {(row["score_low"], row["score_high"], row["provisional"]) for row in thin} == {
            ("0.0", "50.0", "true")
        }
    else:
        in_card, in_rank = marks[fmt]
        assert in_card in card
        assert in_rank in ranked


def test_under_a_ceiling_the_local_gain_comes_first_and_names_the_same_law(run: Run, wide: None) -> None:
    card = json.loads(run("assess", "bayou-city", "--data-dir", RANGES, AS_OF, "-f", "json").stdout)
    steps = [(s["demand"], s["gain"], s["target"], bool(s["blocked_by"])) for s in card["next_steps"]]
    assert steps == [
        ("no-ice-notifications", 20.0, "met", False),
        ("sensitive-areas", 20.0, "met", False),
        ("no-proactive-communication", 10.0, "partial", False),  # possible locally, up to the ceiling
        ("no-ice-holds", 20.0, "met", True),  # only a change in state law
        ("no-proactive-communication", 10.0, "met", True),
    ]
    assert [s["grade_after"] for s in card["next_steps"]] == ["F", "F", "F", "F", "F"]
    by_id = {d["id"]: d for d in card["demands"]}
    for step in card["next_steps"]:
        law = step["blocked_by"] or step["capped_by"]
        if law:
            assert law["id"] == by_id[step["demand"]]["ceiling"]["id"] == "fixture-sb4"
    table = " ".join(run("assess", "bayou-city", "--data-dir", RANGES, AS_OF).stdout.split())
    assert "+10 → F" in table
    assert "Possible locally up to Partial, the ceiling set by Fixture SB 4 (2017)." in table
    assert "State law only:" in table
    assert "State law: a floor guarantees at least its level" in table  # the legend


def test_each_step_says_what_it_does_to_the_grade(run: Run) -> None:
    card = json.loads(run("assess", "foothill-city", "--data-dir", RANGES, AS_OF, "-f", "json").stdout)
    assert [(s["demand"], s["gain"], s["score_after"], s["grade_after"]) for s in card["next_steps"]] == [
        ("legal-defense-fund", 20.0, 90.0, "A"),
        ("no-ice-notifications", 10.0, 80.0, "B"),
    ]
    markdown = run("assess", "foothill-city", "--data-dir", RANGES, AS_OF, "-f", "markdown").stdout
    assert "| +20 → A |" in markdown
    assert "Grades: A ≥ 90 · B ≥ 80 · C ≥ 70 · D ≥ 60 · F &lt; 60" in markdown


def test_the_verdict_opens_every_card(run: Run, wide: None) -> None:
    verdict = (
        "Foothill City meets 3 of 5 demands. Partly met: No ICE notifications. Not met: Immigrant legal "
        "defense fund. Set by state law: No ICE holds, No ICE notifications, No proactive communication, "
        "Honor sensitive areas."
    )
    for fmt in ("table", "markdown", "html", "csv"):
        out = run("assess", "foothill-city", "--data-dir", RANGES, AS_OF, "-f", fmt).stdout
        assert verdict in " ".join(out.replace("│", " ").split()), fmt
    card = json.loads(run("assess", "foothill-city", "--data-dir", RANGES, AS_OF, "-f", "json").stdout)
    assert card["verdict"]["text"] == verdict
    spanish = run("assess", "foothill-city", "--data-dir", RANGES, AS_OF, "--lang", "es").stdout
    assert "Foothill City cumple 3 de 5 exigencias." in " ".join(spanish.replace("│", " ").split())


@pytest.mark.parametrize(
    "command",
    [
        ("assess", "foothill-city"),
        ("rank",),
        ("compare", "foothill-city", "bayou-city"),
        ("history", "bayou-city"),
        ("sensitivity", "--samples", "3"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_custom_weights_are_printed_in_every_report(
    run: Run, wide: None, command: tuple[str, ...], fmt: str
) -> None:
    out = run(*command, "--data-dir", RANGES, AS_OF, "-f", fmt, "--weights", "no-ice-notifications=3").stdout
    assert "Custom weights: No ICE notifications 3 (rubric: 1)" in " ".join(out.replace("│", " ").split())
    plain = run(*command, "--data-dir", RANGES, AS_OF, "-f", fmt).stdout
    assert "Custom weights" not in plain


@pytest.mark.parametrize(
    ("command", "rows"),
    [
        (("rank",), "rows"),
        (("compare", "foothill-city", "bayou-city"), "rows"),
        (("sensitivity", "--samples", "3"), "rows"),
        (("history", "bayou-city"), "rows"),
    ],
)
def test_json_of_many_jurisdictions_leads_with_its_context(
    run: Run, command: tuple[str, ...], rows: str
) -> None:
    data = json.loads(
        run(*command, "--data-dir", RANGES, AS_OF, "-f", "json", "--weights", "legal-defense-fund=2").stdout
    )
    assert data["as_of"] == "2026-02-01"
    assert data["rubric"] == {
        "id": "sanctuary",
        "version": "1.1.0",
        "title": "Five demands for a sanctuary city",
    }
    assert data["weights"] == {**dict.fromkeys(DEMANDS, 1.0), "legal-defense-fund": 2.0}
    assert data["basis"] == "policy"
    assert data[rows]
    card = json.loads(
        run(
            "assess",
            "bayou-city",
            "--data-dir",
            RANGES,
            AS_OF,
            "-f",
            "json",
            "--weights",
            "legal-defense-fund=2",
        ).stdout
    )
    assert (card["weights"], card["basis"]) == (data["weights"], "policy")


def test_sensitivity_works_on_the_low_end_and_says_so(run: Run, wide: None) -> None:
    out = run("sensitivity", "--samples", "3", "--data-dir", RANGES, AS_OF).stdout
    assert "use the low end of each score range" in " ".join(out.split())
    rows = json.loads(run("sensitivity", "--samples", "3", "--data-dir", RANGES, AS_OF, "-f", "json").stdout)[
        "rows"
    ]
    assert {r["id"]: (r["score"], r["provisional"]) for r in rows} == {
        "foothill-city": (70.0, True),
        "bayou-city": (20.0, False),
        "thin-county": (0.0, True),
    }


def test_list_shows_how_settled_each_score_is(run: Run) -> None:
    rows = json.loads(run("list", "--data-dir", RANGES, "-f", "json").stdout)["rows"]
    assert {r["id"]: (r["score_range"], r["provisional"]) for r in rows} == {
        "bayou-city": ([20.0, 20.0], False),
        "foothill-city": ([70.0, 80.0], True),
        "thin-county": ([0.0, 50.0], True),
    }


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
@pytest.mark.parametrize("city", ["foothill-city", "bayou-city"])
def test_range_cards_golden(run: Run, golden: Callable[[str, str], None], city: str, fmt: str) -> None:
    """A provisional card (foothill-city) and a ceiling-capped one (bayou-city); prairie-city is settled."""
    result = run("assess", city, "--data-dir", RANGES, AS_OF, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    golden(f"assess-{city}.{EXTENSIONS[fmt]}", result.stdout)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_range_rank_golden(run: Run, golden: Callable[[str, str], None], fmt: str) -> None:
    golden(f"rank-ranges.{EXTENSIONS[fmt]}", run("rank", "--data-dir", RANGES, AS_OF, "-f", fmt).stdout)
