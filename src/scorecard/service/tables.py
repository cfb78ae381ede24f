"""The tables of the data package (`scorecard export`): one row model per table, and their keys.

Each row model is the one definition of its table: the CSV header is its
fields in order, and the Table Schema (types, descriptions, constraints) is
derived from its annotations by `render/to_datapackage.py`. Research notes
have no field here, so they can never reach a table.

Dates known only to the month or year stay that precise: `since` and
`date` are text matching `PARTIAL_DATE` (2017-08-31, 2017-08 or 2017), with
a `*_precision` column beside them, rather than a date padded to a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from scorecard.input.fields import Confidence
from scorecard.input.models import LitigationStatus
from scorecard.report import Out
from scorecard.vocab import PARTIAL_DATE, JailOperator, JurisdictionKind, Precision

FIPS = r"^(\d{5}|\d{7})$"

PartialDate = Annotated[str, Field(pattern=PARTIAL_DATE)]


class DemandRow(Out):
    """A demand of the rubric."""

    demand_id: str = Field(description="The demand's id in the rubric.")
    title: str = Field(description="The demand's title.")
    weight: float = Field(description="The demand's weight in this export's scores.")
    share: float = Field(description="The demand's share of the score, in percent.")


class JurisdictionRow(Out):
    """A city or county with a data file."""

    id: str = Field(description="The jurisdiction's id (its file name).")
    name: str = Field(description="Display name.")
    state: str = Field(description="USPS code of the state.")
    kind: JurisdictionKind = Field(description="city, county or consolidated-city-county.")
    fips: Annotated[str, Field(pattern=FIPS)] | None = Field(
        description="Census GEOID as text (leading zeros kept): 7 digits for a place, 5 for a county."
    )
    population: int | None = Field(description="Population, from the file's population source.")
    population_year: int | None = Field(description="The year of the population figure.")
    jail: JailOperator | None = Field(description="Who runs the local jail: city, county, state or none.")
    jail_operator: str | None = Field(description="The agency that runs the jail.")
    jail_jurisdiction: str | None = Field(description="The id of the jurisdiction that runs the jail.")
    last_reviewed: dt.date = Field(description="When the file was last checked against its sources.")
    researched: bool = Field(description="false for a county scored on state law alone (no file).")


class CountyRow(Out):
    """A county that a researched place also governs (its file's `county_fips`): no baseline card."""

    jurisdiction_id: str = Field(description="The consolidated city-county, independent city or District.")
    county_fips: Annotated[str, Field(pattern=r"^\d{5}$")] = Field(
        description="The county's 5-digit Census GEOID, as text."
    )


class ScoreRow(Out):
    """A jurisdiction's score on the export's date."""

    jurisdiction_id: str = Field(description="The jurisdiction scored.")
    as_of: dt.date = Field(description="The date the score is for.")
    rubric_id: str = Field(description="The rubric that scored it.")
    rubric_version: str = Field(description="The rubric's version.")
    basis: Literal["policy", "practice"] = Field(description="Scored on written policy or on practice.")
    score: float = Field(description="Score today, 0 to 100: the low end of the range.")
    grade: str = Field(description="The rubric's grade for the score.")
    score_high: float = Field(
        description="The highest score research could still give: the range's high end."
    )
    provisional: bool = Field(description="Research may raise the score (score < score_high).")
    coverage: float = Field(
        description="Share of demands settled (research can no longer change them), 0 to 1."
    )
    settled_by_local: int = Field(description="Demands settled by a known local status.")
    settled_by_state: int = Field(description="Demands settled by state law alone.")
    known_demands: int = Field(description="Demands with a known effective status.")
    total_demands: int = Field(description="Demands in the rubric.")


class StatusRow(Out):
    """One demand in one jurisdiction on the export's date, as its report card shows it."""

    jurisdiction_id: str = Field(description="The jurisdiction.")
    demand_id: str = Field(description="The demand.")
    status: str = Field(description="Effective status: the local status bounded by state law.")
    local_status: str = Field(description="The status of the jurisdiction's own law and policy.")
    policy_status: str = Field(description="The local status bounded by state law, whatever the basis.")
    known: bool = Field(description="Whether the effective status is known (not a gap in the data).")
    settled: bool = Field(description="Research can no longer change the status.")
    settled_by: Literal["local", "state"] | None = Field(
        description="Settled by a known local status, or by state law alone."
    )
    law_state: str | None = Field(description="State of the law that set the status, if one did.")
    law_id: str | None = Field(description="Id of the state law that set the status, if one did.")
    law_effect: Literal["floor", "ceiling"] | None = Field(description="How that law bounds the status.")
    overridden: bool = Field(description="A state ceiling lowered a better local status.")
    scored_on: Literal["policy", "practice"] = Field(description="What the status was scored on.")
    practice_status: str | None = Field(description="Observed practice, where recorded.")
    since: PartialDate | None = Field(description="When the local status took effect, as precisely as known.")
    since_precision: Precision | None = Field(description="How much of `since` is known.")
    confidence: Confidence | None = Field(description="How well the sources support the local status.")
    weight: float = Field(description="The demand's weight.")
    credit: float = Field(description="The effective status's credit, 0 to 1.")
    points: float = Field(description="Points the demand adds to the score.")
    max_points: float = Field(description="Points the demand would add if met.")
    summary: str = Field(description="The evidence in one or two sentences.")


class LawRow(Out):
    """A state law that binds localities."""

    state: str = Field(description="USPS code of the state.")
    id: str = Field(description="The law's id, unique in its state.")
    title: str = Field(description="The law's title.")
    citation: str | None = Field(description="Its citation.")
    enacted: dt.date | None = Field(description="When it was enacted.")
    effective: dt.date | None = Field(description="When it took effect.")
    in_force_from: dt.date = Field(description="The first day it binds (effective, else enacted).")
    repealed: dt.date | None = Field(description="The first day it no longer binds.")
    blocked: bool = Field(description="Whether a court order keeps it from binding on the export's date.")
    in_force: bool = Field(description="Whether it binds on the export's date.")
    confidence: Confidence = Field(description="How well the sources support the entry.")
    summary: str = Field(description="What the law does.")


class EffectRow(Out):
    """How a state law bounds one demand."""

    state: str = Field(description="The law's state.")
    law_id: str = Field(description="The law.")
    demand_id: str = Field(description="The demand it bounds.")
    floor: str | None = Field(description="The lowest status the law guarantees.")
    ceiling: str | None = Field(description="The best status the law allows.")
    rule: str | None = Field(description="The methodology rule that sets the bound.")


Supports = Literal["status", "history", "practice", "population", "litigation", "state", "law", "blocked"]


class SourceRow(Out):
    """A source, and the claim it supports."""

    jurisdiction_id: str | None = Field(description="The jurisdiction whose file cites it.")
    state: str = Field(description="The state of the claim.")
    law_state: str | None = Field(description="For a law: its state.")
    law_id: str | None = Field(description="For a law: its id.")
    demand_id: str | None = Field(description="The demand it supports.")
    supports: Supports = Field(
        description="What it supports: status (a current status), history (an earlier status), practice, "
        "population, litigation, state (a state file's summary), law, blocked (a court order)."
    )
    since: PartialDate | None = Field(description="For history: when the status it supports began.")
    title: str = Field(description="The source's title.")
    url: str = Field(description="Where to read it.")
    accessed: dt.date | None = Field(description="When someone read it.")


class LitigationRow(Out):
    """A lawsuit about a jurisdiction's or a state's policies, as cards show it on the export's date."""

    jurisdiction_id: str | None = Field(description="The jurisdiction whose policies are challenged.")
    state: str = Field(description="The state (for a state's law: the state challenged).")
    case: str = Field(description="The case name.")
    court: str = Field(description="The court.")
    docket: str | None = Field(description="The docket or case number.")
    filed: dt.date = Field(description="When the suit was filed.")
    status: LitigationStatus = Field(
        description="On the export's date: pending, injunction, decided, dismissed, settled, withdrawn "
        "or appeal."
    )
    status_date: dt.date = Field(description="When the suit reached that status.")
    challenges: str = Field(description="What the suit challenges.")
    summary: str | None = Field(description="The latest development.")
    demand_ids: str | None = Field(description="The demands it bears on, separated by spaces.")


class HistoryRow(Out):
    """A demand's status changing in a jurisdiction, and why."""

    jurisdiction_id: str = Field(description="The jurisdiction.")
    date: PartialDate = Field(description="When the status changed, as precisely as known.")
    date_precision: Precision = Field(description="How much of `date` is known.")
    demand_id: str = Field(description="The demand.")
    before: str = Field(description="The effective status before.")
    status: str = Field(description="The effective status from that date.")
    cause: Literal["local", "law", "practice"] = Field(description="What changed it.")
    law_state: str | None = Field(description="State of the law that sets the status from that date.")
    law_id: str | None = Field(description="The law that sets the status from that date, if any.")
    law_label: str | None = Field(description="The law named as the cause, as the history shows it.")
    score: float = Field(description="The jurisdiction's score from that date.")
    grade: str = Field(description="Its grade from that date.")


@dataclass(frozen=True)
class Key:
    """A foreign key: these fields name a row of that table (by its primary key)."""

    fields: tuple[str, ...]
    table: str
    refers_to: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the package: its row model, title and keys."""

    name: str
    row: type[Out]
    title: str
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[Key, ...] = ()
    level_columns: tuple[str, ...] = ()  # columns holding one of the rubric's levels (met, partial...)


_JURISDICTION = Key(("jurisdiction_id",), "jurisdictions", ("id",))
_DEMAND = Key(("demand_id",), "demands", ("demand_id",))
_LAW = Key(("law_state", "law_id"), "state_laws", ("state", "id"))

TABLES: tuple[Table, ...] = (
    Table("demands", DemandRow, "Demands of the rubric", ("demand_id",)),
    Table(
        "jurisdictions",
        JurisdictionRow,
        "Jurisdictions",
        ("id",),
        (Key(("jail_jurisdiction",), "jurisdictions", ("id",)),),
    ),
    Table(
        "jurisdiction_counties",
        CountyRow,
        "Counties a city also governs",
        ("jurisdiction_id", "county_fips"),
        (_JURISDICTION,),
    ),
    Table("scores", ScoreRow, "Scores", ("jurisdiction_id",), (_JURISDICTION,)),
    Table(
        "state_laws",
        LawRow,
        "State laws that bind localities",
        ("state", "id"),
    ),
    Table(
        "demand_statuses",
        StatusRow,
        "Each demand's status in each jurisdiction",
        ("jurisdiction_id", "demand_id"),
        (_JURISDICTION, _DEMAND, _LAW),
        ("status", "local_status", "policy_status", "practice_status"),
    ),
    Table(
        "law_effects",
        EffectRow,
        "How each state law bounds each demand",
        ("state", "law_id", "demand_id"),
        (Key(("state", "law_id"), "state_laws", ("state", "id")), _DEMAND),
        ("floor", "ceiling"),
    ),
    Table(
        "sources",
        SourceRow,
        "Sources and what they support",
        (),
        (_JURISDICTION, _DEMAND, _LAW),
    ),
    Table("litigation", LitigationRow, "Lawsuits", (), (_JURISDICTION,)),
    Table(
        "history",
        HistoryRow,
        "Status changes over time",
        (),
        (_JURISDICTION, _DEMAND, _LAW),
        ("before", "status"),
    ),
)
