"""The output models of `scorecard diff`: what changed between two editions of the data."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from scorecard.report.base import Out


class DiffEntry(Out):
    """One change between two editions of the data."""

    scope: Literal["rubric", "state", "jurisdiction"]
    id: str
    name: str
    label: str  # policy change | evidence change | rubric change | added | removed
    demand: str | None
    before: str | None
    after: str | None
    detail: str


class ScoreChange(Out):
    """A jurisdiction whose score moved."""

    id: str
    name: str
    before: float
    after: float
    grade_before: str
    grade_after: str


class DiffReport(Out):
    """What changed between OLD and NEW."""

    lang: str = "en"
    old: str
    new: str
    as_of: dt.date
    changes: list[DiffEntry]
    scores: list[ScoreChange]
    counts: dict[str, int]
