"""What every command shares: how to score, the rubric to check against, its words in a language."""

from __future__ import annotations

import datetime as dt

from scorecard.checking.checks import CheckContext
from scorecard.errors import ExitCode, ScorecardError
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths
from scorecard.input.rubric import Rubric
from scorecard.vocab import DEFAULT_MAX_AGE_DAYS, Scoring

__all__ = ["Scoring", "context"]


def context(
    paths: DataPaths, rubric: str | None, today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS
) -> CheckContext:
    """The rubric and date every load is checked against."""
    return CheckContext(load_rubric(paths.rubric_file(rubric)), today, max_age_days)


def localized(rubric: Rubric, lang: str) -> Rubric:
    """The rubric in the requested language, or a clear error."""
    try:
        return rubric.localized(lang)
    except ValueError as exc:
        raise ScorecardError(str(exc), exit_code=ExitCode.USAGE) from None
