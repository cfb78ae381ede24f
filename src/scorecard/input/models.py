"""Input schema of data files: jurisdictions and state-law files, as strict pydantic models.

Checks across files live in `checking/checks.py`. Field descriptions become the
JSON Schema that editors use. The shared field types are in `fields.py`; the
rubric in `rubric.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from scorecard.input.fields import (
    Confidence,
    Date,
    ShortText,
    Slug,
    Status,
    StrictModel,
    Text,
    Url,
)
from scorecard.vocab import JailOperator, JurisdictionKind, Precision, StateCode


class Source(StrictModel):
    """A document that supports a claim."""

    title: Annotated[str, Field(min_length=1, max_length=500, description="Title of the page or document.")]
    url: Url
    accessed: Date | None = Field(default=None, description="When someone read the source.")


ResearchNote = Annotated[
    str,
    Field(
        min_length=1,
        max_length=4000,
        description="For maintainers only: what was searched, doubts, leads. Never printed in a report.",
    ),
]
LitigationStatus = Literal["pending", "injunction", "decided", "dismissed", "settled", "withdrawn", "appeal"]


class Litigation(StrictModel):
    """A lawsuit about the jurisdiction's or the state's policies, with its latest status."""

    case: Annotated[ShortText, Field(description="The case name, e.g. United States v. Illinois.")]
    court: Annotated[ShortText, Field(description="The court, e.g. U.S. District Court, N.D. Illinois.")]
    docket: ShortText | None = Field(default=None, description="The docket or case number.")
    filed: Date = Field(description="When the suit was filed.")
    status: LitigationStatus = Field(
        description="pending, injunction (a preliminary ruling in force), decided, dismissed, settled, "
        "withdrawn or appeal (a ruling under appeal)."
    )
    status_date: Date = Field(description="When the suit reached its current status.")
    challenges: Annotated[Text, Field(description="What the suit challenges, in plain words.")]
    summary: Text | None = Field(default=None, description="The latest development, in plain words.")
    demands: list[Slug] = Field(default_factory=list, description="The demand ids the suit bears on.")
    sources: Annotated[list[Source], Field(min_length=1)]
    research_note: ResearchNote | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Litigation:
        if self.status_date < self.filed:
            raise ValueError("`status_date` must not come before `filed`")
        return self


class Dated(StrictModel):
    """Fields shared by a status and its earlier history."""

    status: Status = Field(description="One of the rubric's levels (met, partial, not_met, unknown).")
    summary: Annotated[Text, Field(description="One or two neutral sentences, in plain words.")]
    since_precision: Precision = Field(
        default="day", description="How much of `since` is known: day, month or year."
    )
    sources: list[Source] = Field(default_factory=list, description="Required unless the status is unknown.")


class HistoryEntry(Dated):
    """An earlier status of a demand, in force from `since` until the next entry."""

    since: Date = Field(description="When this status took effect.")
    confidence: Confidence | None = None


class Practice(Dated):
    """Observed behaviour where it differs from the written policy."""

    since: Date | None = None
    confidence: Confidence = Field(description="How well the sources support the observation.")


class DemandClaim(Dated):
    """The status of one demand in one jurisdiction, with its evidence."""

    since: Date | None = Field(default=None, description="When the current status took effect.")
    confidence: Confidence | None = Field(
        default=None, description="How well the sources support the status; required unless unknown."
    )
    history: list[HistoryEntry] = Field(default_factory=list, description="Earlier statuses, oldest first.")
    practice: Practice | None = Field(
        default=None, description="What is observed to happen, where it differs from written policy."
    )
    research_note: ResearchNote | None = None


class Jurisdiction(StrictModel):
    """A city or county and the status of each demand there."""

    id: Annotated[Slug, Field(description="Lowercase slug, equal to the file name.")]
    name: ShortText
    state: StateCode = Field(description="USPS code of the state.")
    kind: JurisdictionKind
    fips: Annotated[str, Field(pattern=r"^(\d{5}|\d{7})$")] | None = Field(
        default=None, description="Census GEOID: 7 digits for a place, 5 for a county, as text."
    )
    county_fips: list[Annotated[str, Field(pattern=r"^\d{5}$")]] = Field(
        default_factory=list,
        description=(
            "The 5-digit GEOIDs of the counties this place also governs (a consolidated city-county, "
            "an independent city, the District): their baseline cards give way to this file."
        ),
    )
    aliases: list[Slug] = Field(
        default_factory=list, description="Other ids that resolve to this file: old ids, common names (nyc)."
    )
    population: Annotated[int, Field(gt=0)] | None = None
    population_year: Annotated[int, Field(ge=1790, le=2100)] | None = None
    population_source: Source | None = Field(default=None, description="Where the population comes from.")
    jail: JailOperator | None = Field(default=None, description="Who runs the local jail.")
    jail_operator: ShortText | None = Field(default=None, description="The agency that runs the jail.")
    jail_jurisdiction: Slug | None = Field(
        default=None, description="The id of the file of the body that runs the jail, when it is another one."
    )
    last_reviewed: Date = Field(description="When the file was last checked against its sources.")
    notes: Text | None = None
    research_note: ResearchNote | None = None
    litigation: list[Litigation] = Field(
        default_factory=list, description="Lawsuits about the jurisdiction's policies."
    )
    demands: dict[Slug, DemandClaim] = Field(description="One entry per rubric demand id.")


# --- states -------------------------------------------------------------------


class LawEffect(StrictModel):
    """How a state law bounds one demand in every locality of the state."""

    floor: Status | None = Field(default=None, description="The state guarantees at least this level.")
    ceiling: Status | None = Field(default=None, description="The state forbids doing better than this.")
    rule: Slug | None = Field(
        default=None, description="The rule of docs/methodology.md that sets this bound, e.g. holds-ban."
    )
    note: Text | None = None
    research_note: ResearchNote | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> LawEffect:
        if self.floor is None and self.ceiling is None:
            raise ValueError("an effect needs a floor, a ceiling or both")
        return self


class Blocked(StrictModel):
    """A period in which a court order kept a law from binding localities."""

    start: Date = Field(description="The first day the law did not bind.")
    end: Date | None = Field(default=None, description="The day it bound again (none: still blocked).")
    by: ShortText = Field(description="The order that blocked it, e.g. a preliminary injunction.")
    sources: Annotated[list[Source], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Blocked:
        if self.end is not None and self.end <= self.start:
            raise ValueError("`end` must come after `start`")
        return self


class StateLaw(StrictModel):
    """A state law (statute, directive or binding court decision) that binds localities."""

    id: Slug
    title: ShortText
    citation: ShortText | None = None
    enacted: Date | None = None
    effective: Date | None = Field(default=None, description="In force from this date (else `enacted`).")
    repealed: Date | None = Field(default=None, description="No longer in force from this date.")
    binds: ShortText | None = None
    summary: Text
    confidence: Confidence
    sources: Annotated[list[Source], Field(min_length=1)]
    blocked: list[Blocked] = Field(
        default_factory=list, description="Periods in which a court order kept the law from binding."
    )
    effects: dict[Slug, LawEffect] = Field(default_factory=dict)
    research_note: ResearchNote | None = None

    @model_validator(mode="after")
    def _dated(self) -> StateLaw:
        if self.effective is None and self.enacted is None:
            raise ValueError("a law needs an `effective` or an `enacted` date")
        if self.repealed is not None and self.repealed <= self.in_force_from:
            raise ValueError("`repealed` must come after the date the law took effect")
        return self

    @property
    def in_force_from(self) -> dt.date:
        """The first day the law binds."""
        day = self.effective or self.enacted
        assert day is not None
        return day

    def is_in_force(self, on: dt.date) -> bool:
        """Whether the law binds on this date."""
        if on < self.in_force_from or (self.repealed is not None and on >= self.repealed):
            return False
        return not self.is_blocked(on)

    def is_blocked(self, on: dt.date) -> bool:
        """Whether a court order keeps the law from binding on this date."""
        return any(p.start <= on and (p.end is None or on < p.end) for p in self.blocked)


class StateFile(StrictModel):
    """The state laws that bind every locality in one state."""

    state: StateCode
    name: ShortText
    last_reviewed: Date
    summary: Text | None = Field(
        default=None,
        description="What the state's law does on the five demands; where no law was found, says so.",
    )
    sources: list[Source] = Field(
        default_factory=list, description="Sources for the summary, including those searched."
    )
    notes: Text | None = None
    research_note: ResearchNote | None = None
    litigation: list[Litigation] = Field(default_factory=list, description="Lawsuits about the state's laws.")
    laws: list[StateLaw] = Field(default_factory=list)

    @field_validator("laws")
    @classmethod
    def _unique_ids(cls, laws: list[StateLaw]) -> list[StateLaw]:
        ids = [law.id for law in laws]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"law ids must be unique in a file; repeated: {', '.join(duplicated)}")
        return laws
