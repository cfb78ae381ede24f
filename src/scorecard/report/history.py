"""The output models of `scorecard history`: the score and each demand's status over time."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import field_serializer

from scorecard.report import JurisdictionInfo, LevelInfo, Ranged, RubricInfo
from scorecard.report.base import Out, Report
from scorecard.report.dates import PartialDay, Precision, partial_date
from scorecard.vocab import Basis


class StatusChange(Out):
    """One demand's status changing on a date, and why."""

    demand: str
    title: str
    before: str
    after: str
    after_label: str
    cause: Literal["local", "law", "practice"]
    law_label: str | None  # label of the law when a law caused it


class HistoryPoint(Ranged):
    """The score on a date when something changed."""

    date: PartialDay  # JSON and CSV: as precisely as known (2006, 2017-08, 2017-08-31)
    date_precision: Precision
    statuses: dict[str, str]
    local_statuses: dict[str, str]
    law_ids: dict[str, str | None]  # demand -> id of the state law that set it
    changes: list[StatusChange]

    @field_serializer("date", when_used="json")
    def _date(self, day: dt.date) -> str:
        return partial_date(day, self.date_precision)

    @property
    def date_display(self) -> str:
        """`date` as precisely as it is known."""
        return partial_date(self.date, self.date_precision)


class HistoryReport(Report):
    """A jurisdiction's score and statuses over time."""

    jurisdiction: JurisdictionInfo
    rubric: RubricInfo
    basis: Basis
    until: dt.date
    demands: list[tuple[str, str]]
    levels: dict[str, LevelInfo]
    points: list[HistoryPoint]
