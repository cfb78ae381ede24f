"""Input schema of a rubric: its demands, status levels, grades and translations."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import (
    Field,
    model_validator,
)

from scorecard.input.fields import (
    Date,
    LevelId,
    ShortText,
    Slug,
    StrictModel,
    Text,
    Url,
)
from scorecard.vocab import MAX_WEIGHT


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
    weight: Annotated[float, Field(gt=0, le=MAX_WEIGHT, allow_inf_nan=False)]
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
