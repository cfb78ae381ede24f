"""The output models of `scorecard diff`: what changed between two editions of the data."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from scorecard.report.base import Out


class DiffEntry(Out):
    """One change between two editions of the data."""

    subject: Literal["rubric", "state", "jurisdiction"]
    id: str
    name: str
    change_kind: str  # policy change | evidence change | rubric change | added | removed
    demand: str | None
    old_value: str | None
    new_value: str | None
    detail: str


class ScoreChange(Out):
    """A jurisdiction whose score moved, or that was added (no `old_score`) or removed (no `new_score`)."""

    id: str
    name: str
    old_score: float | None
    new_score: float | None
    old_grade: str | None
    new_grade: str | None


class DiffReport(Out):
    """What changed between OLD and NEW."""

    lang: str = "en"
    old: str
    new: str
    as_of: dt.date
    changes: list[DiffEntry]
    scores: list[ScoreChange]
    counts: dict[str, int]
