"""What the site's comparison and map pages summarize: scores by state, statuses by demand, map tiles."""

from __future__ import annotations

from collections.abc import Sequence

from scorecard.i18n import translate
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, Out
from scorecard.scoring.engine import grade_for, round1
from scorecard.vocab import STATES

# The map's tiles: (state, (column, row)), for the states and territories that have one.
TILES = [(code, state.tile) for code, state in STATES.items() if state.tile is not None]

TILE = 56  # px, including the gap
GAP = 4


class JurisdictionScore(Out):
    """One jurisdiction's score, for the state summaries."""

    id: str
    name: str
    score: float
    grade: str
    score_range: tuple[float, float]
    provisional: bool


class StateSummary(Out):
    """The scores of the jurisdictions of one state."""

    state: str
    name: str
    jurisdictions: list[JurisdictionScore]
    best_score: float
    best_grade: str
    best_grade_index: int
    average_score: float
    average_grade: str
    average_grade_index: int


class MapTile(Out):
    """A state's tile on the map."""

    state: str
    name: str
    x: int
    y: int
    summary: StateSummary | None


class DemandTally(Out):
    """How many jurisdictions have each status on one demand."""

    id: str
    title: str
    counts: dict[str, int]


def summarize_states(rubric: Rubric, lang: str, reports: Sequence[AssessReport]) -> list[StateSummary]:
    """Best and average score (and their grades) per state, by state code."""
    grades = [g.grade for g in rubric.grades]
    by_state: dict[str, list[AssessReport]] = {}
    for report in reports:
        by_state.setdefault(report.jurisdiction.state, []).append(report)
    summaries = []
    for state, found in sorted(by_state.items()):
        members = sorted(found, key=lambda r: (-r.score, r.jurisdiction.name, r.jurisdiction.id))
        best = members[0].score
        average = round1(sum(r.score for r in members) / len(members))
        summaries.append(
            StateSummary(
                state=state,
                name=translate(lang, STATES[state].name if state in STATES else state),
                jurisdictions=[
                    JurisdictionScore(
                        id=r.jurisdiction.id,
                        name=r.jurisdiction.name,
                        score=r.score,
                        grade=r.grade,
                        score_range=r.score_range,
                        provisional=r.provisional,
                    )
                    for r in members
                ],
                best_score=best,
                best_grade=grade_for(rubric, best),
                best_grade_index=grades.index(grade_for(rubric, best)),
                average_score=average,
                average_grade=grade_for(rubric, average),
                average_grade_index=grades.index(grade_for(rubric, average)),
            )
        )
    return summaries


def tally_demands(rubric: Rubric, reports: Sequence[AssessReport]) -> list[DemandTally]:
    """For each demand, how many jurisdictions have each (effective) status."""
    tallies = []
    for demand in rubric.demands:
        counts = dict.fromkeys(rubric.level_ids, 0)
        for report in reports:
            counts[next(d.status for d in report.demands if d.id == demand.id)] += 1
        tallies.append(DemandTally(id=demand.id, title=demand.title, counts=counts))
    return tallies


def map_tiles(lang: str, states: Sequence[StateSummary]) -> list[MapTile]:
    """Every state's tile, with its summary where the data has jurisdictions there."""
    found = {s.state: s for s in states}
    return [
        MapTile(
            state=code,
            name=translate(lang, STATES[code].name),
            x=column * TILE,
            y=row * TILE,
            summary=found.get(code),
        )
        for code, (column, row) in TILES
    ]
