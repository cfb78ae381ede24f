"""Input schema: the rubric, jurisdiction and state-law files, as strict pydantic models.

Models are strict (a bare YAML `no` is not the text "no"), frozen, and forbid
unknown fields (`wieght:` is an error). Checks that need the rubric (status
levels) read it from the validation context; checks across files live in
`checks.py`. Field descriptions become the JSON Schema that editors use.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from scorecard.input.locations import SLUG_PATTERN
from scorecard.vocab import JailOperator, JurisdictionKind, StateCode

LEVEL_PATTERN = r"^[a-z][a-z0-9_]*$"


def _to_date(value: Any) -> Any:
    """Accept a YAML date or an ISO `YYYY-MM-DD` text; refuse a date with a time."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_with_time", "expected a date without a time of day")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_format", "expected a date written YYYY-MM-DD") from None
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
LevelId = Annotated[str, Field(pattern=LEVEL_PATTERN, max_length=40)]
Url = Annotated[
    str,
    Field(
        pattern=r"^https?://[^\s/$.?#][^\s]*$",
        max_length=2000,
        description="An http(s) address of the source.",
    ),
]
Confidence = Literal["high", "medium", "low"]
Precision = Literal["day", "month", "year"]


def check_level(value: str, info: ValidationInfo) -> str:
    """Refuse a status that is not one of the rubric's levels (when the rubric is known)."""
    levels: tuple[str, ...] | None = (info.context or {}).get("levels")
    if levels is not None and value not in levels:
        raise PydanticCustomError(
            "unknown_status",
            "must be one of {expected}; got '{found}'",
            {"expected": ", ".join(levels), "found": value},
        )
    return value


Status = Annotated[LevelId, AfterValidator(check_level)]


class StrictModel(BaseModel):
    """Base for input models: strict types, no unknown fields, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


# --- rubric ---------------------------------------------------------------


class Level(StrictModel):
    """A status level of the rubric, e.g. `met` with credit 1.0."""

    id: LevelId
    label: ShortText
    credit: Annotated[float, Field(ge=0, le=1)]
    known: bool = Field(default=True, description="False for the level that counts as a data gap.")


class Grade(StrictModel):
    """A letter grade and the lowest score that earns it."""

    grade: Annotated[str, Field(min_length=1, max_length=3)]
    min: Annotated[float, Field(ge=0, le=100)]


class Origin(StrictModel):
    """Where the rubric's demands come from."""

    title: ShortText
    organization: ShortText | None = None
    year: Annotated[int, Field(ge=1900, le=2100)]
    published: Date | None = None
    url: Url
    note: Text | None = None


class Demand(StrictModel):
    """One demand of the rubric: what it asks and how each level is decided."""

    id: Slug
    title: ShortText
    description: Text
    weight: Annotated[float, Field(gt=0)]
    criteria: dict[LevelId, Text]


class DemandText(StrictModel):
    """A translation of a demand's words."""

    title: ShortText
    description: Text
    criteria: dict[LevelId, Text] = {}


class RubricTranslation(StrictModel):
    """A translation of the rubric's words (the numbers are not translated)."""

    title: ShortText
    description: Text | None = None
    levels: dict[LevelId, ShortText] = {}
    demands: dict[Slug, DemandText] = {}


class Rubric(StrictModel):
    """A scoring rubric: demands, weights, status levels and grade scale."""

    id: Slug
    title: ShortText
    version: Annotated[str, Field(min_length=1, max_length=40)]
    description: Text | None = None
    origin: Origin
    levels: Annotated[list[Level], Field(min_length=2)]
    grades: Annotated[list[Grade], Field(min_length=1)]
    demands: Annotated[list[Demand], Field(min_length=1)]
    translations: dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], RubricTranslation] = {}

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        ids = [level.id for level in self.levels]
        if len(set(ids)) != len(ids):
            raise ValueError("level ids must be unique")
        if sum(not level.known for level in self.levels) != 1:
            raise ValueError("exactly one level must have `known: false` (the data-gap level)")
        credits = [level.credit for level in self.levels if level.known]
        if credits != sorted(credits, reverse=True):
            raise ValueError("levels must be listed best first (credits must not increase)")
        mins = [grade.min for grade in self.grades]
        if mins != sorted(mins, reverse=True) or mins[-1] != 0:
            raise ValueError("grades must be listed best first and the last must have `min: 0`")
        demand_ids = [demand.id for demand in self.demands]
        if len(set(demand_ids)) != len(demand_ids):
            raise ValueError("demand ids must be unique")
        for demand in self.demands:
            missing = [i for i in ids if i not in demand.criteria]
            unknown = [k for k in demand.criteria if k not in ids]
            if missing or unknown:
                raise ValueError(
                    f"demand {demand.id}: criteria must give one text per level "
                    f"(missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'})"
                )
        return self

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        """Level ids, best first."""
        return tuple(level.id for level in self.levels)

    @cached_property
    def level_order(self) -> dict[str, int]:
        """Each level's position, best first."""
        return {level: index for index, level in enumerate(self.level_ids)}

    @cached_property
    def unknown_level(self) -> str:
        """The level that counts as a data gap."""
        return next(level.id for level in self.levels if not level.known)

    @cached_property
    def best_level(self) -> str:
        """The best known level (what `next steps` aims at)."""
        return next(level.id for level in self.levels if level.known)

    @cached_property
    def worst_level(self) -> str:
        """The worst known level."""
        return [level.id for level in self.levels if level.known][-1]

    def localized(self, lang: str) -> Rubric:
        """The rubric with its words in `lang` (from `translations`); numbers are unchanged."""
        if lang == "en":
            return self
        words = self.translations.get(lang)
        if words is None:
            raise ValueError(f"the rubric {self.id} has no translation for language '{lang}'")
        levels = [
            level.model_copy(update={"label": words.levels.get(level.id, level.label)})
            for level in self.levels
        ]
        demands = []
        for demand in self.demands:
            text = words.demands.get(demand.id)
            if text is None:
                demands.append(demand)
                continue
            criteria = {
                level: text.criteria.get(level, wording) for level, wording in demand.criteria.items()
            }
            demands.append(
                demand.model_copy(
                    update={"title": text.title, "description": text.description, "criteria": criteria}
                )
            )
        return self.model_copy(
            update={
                "title": words.title,
                "description": words.description or self.description,
                "levels": levels,
                "demands": demands,
            }
        )

    def level(self, level_id: str) -> Level:
        """The level with this id."""
        return next(level for level in self.levels if level.id == level_id)


# --- jurisdictions ----------------------------------------------------------


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
        return not any(p.start <= on and (p.end is None or on < p.end) for p in self.blocked)


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
