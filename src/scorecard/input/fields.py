"""Shared field types of the input schema: dates, slugs, texts, URLs, statuses, the strict base.

Models are strict (a bare YAML `no` is not the text "no"), frozen, and forbid
unknown fields (`wieght:` is an error). Checks that need the rubric (status
levels) read it from the validation context.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from scorecard.input.locations import SLUG_PATTERN

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
