"""Dates known only to the year or the month, kept that precise in every output.

A report holds such a date as a `datetime.date` (the first day of its year or
month, so it sorts and charts) beside its precision. Its JSON and CSV form is
the text `2017`, `2017-08` or `2017-08-31` (never `2017-01-01` for a year),
and that text reads back as the same date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

from scorecard.vocab import Precision

__all__ = ["PartialDay", "Precision", "partial_date", "since_shown", "since_text"]

_YEAR_OR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def partial_date(day: dt.date, precision: str | None) -> str:
    """A date as precisely as it is known: 2017-08-31, 2017-08 or 2017."""
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _first_day(value: object) -> object:
    """`2017` and `2017-08` as the first day they name (their precision is a field of its own)."""
    found = _YEAR_OR_MONTH.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return value
    return dt.date(int(found[1]), int(found[2] or 1), 1)


PartialDay = Annotated[dt.date, BeforeValidator(_first_day)]


def since_text(model: Any, day: dt.date | None) -> str | None:
    """The JSON form of a model's `since` (a serializer: its precision is the model's `since_precision`)."""
    return None if day is None else partial_date(day, model.since_precision)


def since_shown(model: Any) -> str | None:
    """A model's `since` as precisely as it is known (its `since_display`)."""
    return since_text(model, model.since)
