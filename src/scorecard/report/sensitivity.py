"""The output models of `scorecard sensitivity`: ranks over other weightings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from scorecard.report import RubricInfo
from scorecard.report.base import Out, Report
from scorecard.vocab import Basis


class SensitivityRow(Out):
    """How one jurisdiction's rank moves across weightings."""

    id: str
    name: str
    state: str
    default_rank: int  # under the weights used, on `score` alone (not `rank`'s whole range)
    best_rank: int
    worst_rank: int
    median_rank: float
    score: float  # the low end of the range: every weighting ranks on today's score
    provisional: bool


class Weighting(Out):
    """One alternative weighting and how its ranking correlates with the default."""

    weights: dict[str, float]
    spearman: float


class SensitivityReport(Report):
    """Whether a ranking survives other weightings."""

    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    method: str  # "grid of 1..3 per demand" or "N random weightings (seed S)"
    ranks_on: Literal["low"] = "low"  # every weighting ranks on the low end of each score range
    weightings: int
    rows: list[SensitivityRow]
    correlations: list[Weighting]
    min_spearman: float
    median_spearman: float
