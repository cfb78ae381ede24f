"""What every command shares: how to score, the rubric to check against, its words in a language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from scorecard.checking.checks import CheckContext
from scorecard.errors import ExitCode, ScorecardError
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths
from scorecard.input.models import Jurisdiction
from scorecard.input.rubric import Rubric
from scorecard.scoring.brief import Brief
from scorecard.scoring.engine import practice_of
from scorecard.vocab import DEFAULT_MAX_AGE_DAYS, Basis, Scoring

__all__ = ["Notify", "Scoring", "context", "note_basis", "quiet"]

Notify = Callable[[str], None]  # where a note on how the command read its input goes (the CLI: stderr)

PRACTICE_NOTE = (
    "--basis practice: no file in the selected data records observed practice, "
    "so every status is scored on written policy"
)


def quiet(_note: str) -> None:
    """Drop notes."""


def note_basis(how: Scoring, scored: Iterable[Brief | Jurisdiction], notify: Notify) -> None:
    """A note when `--basis practice` asks for what none of the scored files records."""
    if how.basis != Basis.practice:
        return
    for item in scored:
        if isinstance(item, Brief):
            if any(mark is not None for _, _, mark in item.demands):
                return
        elif any(practice_of(claim) is not None for claim in item.demands.values()):
            return
    notify(PRACTICE_NOTE)


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
