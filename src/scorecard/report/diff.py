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
    """A jurisdiction whose score moved, or that was added (no `before`) or removed (no `after`)."""

    id: str
    name: str
    before: float | None
    after: float | None
    grade_before: str | None
    grade_after: str | None


class DiffReport(Out):
    """What changed between OLD and NEW."""

    lang: str = "en"
    old: str
    new: str
    as_of: dt.date
    changes: list[DiffEntry]
    scores: list[ScoreChange]
    counts: dict[str, int]
