"""Baseline cards: a county with no researched file, scored on its state's laws alone.

Every demand's local policy is `unknown`; the status engine then applies the
state's floors and ceilings as it does for any file, so a baseline says exactly
what state law settles and nothing more.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Collection, Mapping

from scorecard.input.counties import County, all_counties
from scorecard.input.models import DemandClaim, Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport
from scorecard.scoring.brief import Brief, brief_of

NOT_RESEARCHED = "Not researched locally: no file records this county's own policy."


def baseline_jurisdiction(county: County, rubric: Rubric, reviewed: dt.date) -> Jurisdiction:
    """The county as a jurisdiction whose every local status is the rubric's unknown level.

    `reviewed` is when its state's file was last reviewed: the only data behind the card.
    """
    unknown = rubric.unknown_level
    return Jurisdiction(
        id=county.id,
        name=county.name,
        state=county.state,  # type: ignore[arg-type]  # a USPS code from the shipped list
        kind="county",
        fips=county.fips,
        last_reviewed=reviewed,
        demands={d.id: DemandClaim(status=unknown, summary=NOT_RESEARCHED) for d in rubric.demands},
    )


def uncovered_counties(
    states: Mapping[str, StateFile], researched_fips: Collection[str | None], state: str | None = None
) -> list[County]:
    """Every county (of one state, if given) that no researched file covers: those that get a baseline.

    Counties of a state with no state file are left out: their baseline would have nothing to say.
    """
    return [
        county
        for county in all_counties()
        if county.fips not in researched_fips and state in (None, county.state) and county.state in states
    ]


def baseline_models(
    rubric: Rubric, states: Mapping[str, StateFile], researched_fips: Collection[str | None]
) -> list[tuple[County, Jurisdiction]]:
    """Every uncovered county with its baseline jurisdiction (reviewed when its state's file was)."""
    return [
        (county, baseline_jurisdiction(county, rubric, states[county.state].last_reviewed))
        for county in uncovered_counties(states, researched_fips)
    ]


def baseline_briefs(
    rubric: Rubric,
    states: Mapping[str, StateFile],
    researched_fips: Collection[str | None],
    state: str | None = None,
) -> list[Brief]:
    """Briefs of every county (of one state, if given) that no researched file covers."""
    return [
        brief_of(baseline_jurisdiction(county, rubric, states[county.state].last_reviewed), researched=False)
        for county in uncovered_counties(states, researched_fips, state)
    ]


def as_baseline(report: AssessReport, county: County) -> AssessReport:
    """A baseline county's card, marked as not researched, with the command that starts its file."""
    info = report.jurisdiction.model_copy(update={"researched": False})
    return report.model_copy(update={"jurisdiction": info, "add_command": add_command(county)})


def add_command(county: County) -> str:
    """The exact command that starts a researched file for the county."""
    words = ["scorecard", "new", county.id, "--state", county.state, "--kind", "county"]
    return shlex.join([*words, "--fips", county.fips, "--name", county.name])
