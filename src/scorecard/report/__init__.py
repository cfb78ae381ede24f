"""Output schema: what every renderer lays out. Renderers import this, never the input models.

Every report model is importable from `scorecard.report`; `base.py` holds the base class and
`diff.py` the models of `scorecard diff`.

Every number a report shows is computed in `scoring.py` and stored here;
renderers only arrange it. The JSON output of `assess` is `AssessReport`
dumped as it is (see README, "JSON output").
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_serializer

from scorecard.report.base import Out, Report
from scorecard.report.dates import PartialDay, Precision, since_shown, since_text
from scorecard.report.diff import DiffEntry, DiffReport, ScoreChange
from scorecard.vocab import Basis

__all__ = [  # re-exported: every report model is here
    "DiffEntry",
    "DiffReport",
    "HistoryPoint",
    "HistoryReport",
    "Out",
    "ScoreChange",
    "SensitivityReport",
    "SensitivityRow",
    "StatusChange",
    "Weighting",
]


class SourceRef(Out):
    """A cited source."""

    title: str
    url: str
    accessed: dt.date | None


class LawRef(Out):
    """A state law that set (or caps) a demand's status."""

    id: str
    title: str
    citation: str | None
    state: str
    effect: Literal["floor", "ceiling"]
    level: str
    level_label: str
    in_force_from: dt.date
    label: str  # "Illinois TRUST Act (2017)"
    sources: list[SourceRef]


class _Since(Out):
    """A model with `since` and `since_precision`: JSON writes `since` as precisely as it is known."""

    @field_serializer("since", when_used="json", check_fields=False)
    def _since(self, day: dt.date | None) -> str | None:
        return since_text(self, day)

    @property
    def since_display(self) -> str | None:
        """`since` as precisely as it is known."""
        return since_shown(self)


class PracticeResult(_Since):
    """Observed practice, shown beside the written policy."""

    status: str
    status_label: str
    summary: str
    since: PartialDay | None  # JSON and CSV: as precisely as known (2017, 2017-08, 2017-08-31)
    since_precision: Precision | None
    confidence: str
    sources: list[SourceRef]
    differs: bool  # from the effective written-policy status


class DemandResult(_Since):
    """One demand in one jurisdiction: statuses, the points they earn, and the evidence."""

    id: str
    title: str
    weight: float
    status: str  # effective: local status bounded by state law (or practice, on that basis)
    status_label: str
    local_status: str
    local_status_label: str
    local_known: bool  # the local status is a finding, not a gap in the data
    policy_status: str  # local status bounded by state law, whatever the basis
    known: bool
    credit: float
    points: float
    max_points: float
    criterion: str  # the rubric's text for the effective status
    summary: str
    since: PartialDay | None  # JSON and CSV: as precisely as known (2017, 2017-08, 2017-08-31)
    since_precision: Precision | None
    confidence: str | None
    sources: list[SourceRef]
    law: LawRef | None  # the law that changed the local status, if any
    overridden: bool  # a ceiling lowered a better local status
    practice: PracticeResult | None
    scored_on: Basis
    settled: bool  # research can no longer change the status
    settled_by: Literal["local", "state"] | None  # known locally, or fixed by state law alone
    ceiling: LawRef | None  # the tightest state ceiling in force, whether or not it changed the status


class CaseRef(Out):
    """A lawsuit about the jurisdiction's or its state's policies. A pending suit changes no status."""

    case: str
    court: str
    docket: str | None
    filed: dt.date
    status: str  # pending | injunction | decided | dismissed | settled | withdrawn | appeal
    status_date: dt.date
    challenges: str
    summary: str | None
    demands: list[tuple[str, str]]  # (id, title) of the demands it bears on, in rubric order
    scope: Literal["jurisdiction", "state"]  # recorded in the jurisdiction's file or its state's
    scope_name: str  # the jurisdiction's or the state's name
    sources: list[SourceRef]


class NextStep(Out):
    """An unmet demand and what meeting it would add."""

    demand: str
    title: str
    status: str
    status_label: str
    known: bool
    credit: float
    gain: float  # points added by reaching `target`
    target: str
    target_label: str
    criterion: str  # what `target` requires
    blocked_by: (
        LawRef | None
    )  # the state ceiling that forbids it locally: only a change in state law unlocks it
    needs_research: bool  # the status is unknown
    capped_by: LawRef | None  # a state ceiling this step stops at (what lies above it is a later step)
    score_after: float  # today's score plus `gain`
    grade_after: str  # the grade of `score_after`


class JurisdictionInfo(Out):
    """Who is being scored."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    county_fips: tuple[str, ...] = ()  # the counties a consolidated city-county or independent city governs
    jail: str | None
    jail_operator: str | None
    population: int | None
    population_year: int | None
    researched: bool = True  # False for a baseline: a county with no file, scored on state law alone


class WeightChange(Out):
    """A demand whose weight in this run differs from the rubric's."""

    demand: str
    title: str
    weight: float  # used
    rubric_weight: float


class RubricInfo(Out):
    """Which rubric scored it, and with which weights."""

    id: str
    title: str
    version: str
    origin_title: str
    origin_url: str
    weights: dict[str, float]  # every demand, as used
    changed_weights: list[WeightChange]  # where `weights` differ from the rubric's


class Verdict(Out):
    """The card's one-line verdict, from the rubric and the statuses (no prose per jurisdiction)."""

    text: str  # in the report's language
    met: list[str]  # demand titles, rubric order
    partial: list[str]
    not_met: list[str]
    not_researched: list[str]  # unknown, and no state law decides it
    set_by_state: list[str]  # set by state law over an unknown local policy


class Freshness(Out):
    """How recent the evidence is."""

    last_reviewed: dt.date
    age_days: int
    max_age_days: int
    is_stale: bool


class AssessReport(Report):
    """The report card of one jurisdiction on one date."""

    jurisdiction: JurisdictionInfo
    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    score: float  # today's score: the low end of `score_range`
    grade: str  # the grade of `score`
    coverage: float  # share of demands settled
    known_demands: int
    total_demands: int
    score_range: tuple[float, float]  # [low, high]
    provisional: bool  # low < high: research may raise the score
    settled_by_local: int
    settled_by_state: int
    weights: dict[str, float]  # every demand, as used
    verdict: Verdict
    grades: list[tuple[str, float]]  # the rubric's grade scale: (grade, lowest score), best first
    demands: list[DemandResult]
    next_steps: list[NextStep]
    state_laws: list[LawRef]  # laws in force that changed a status here
    # suits filed by `as_of`, the jurisdiction's and its state's
    litigation: list[CaseRef] = Field(default_factory=list)
    freshness: Freshness
    notes: str | None
    add_command: str | None = None  # for a baseline: the `scorecard new` command that starts its file


class LevelInfo(Out):
    """A status level of the rubric."""

    id: str
    label: str
    credit: float
    known: bool


class Ranged(Out):
    """A score as a range, its grade, and how much of it is settled (every ranked or listed row has it)."""

    score: float  # today's score: the low end of `score_range`
    grade: str  # the grade of `score`
    coverage: float  # the share of demands settled
    score_range: tuple[float, float]  # [low, high]
    provisional: bool  # low < high: research may raise the score
    settled_by_local: int
    settled_by_state: int


class RankRow(Ranged):
    """One jurisdiction in a ranking."""

    rank: int
    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    statuses: dict[str, str]
    settled: dict[str, bool]  # demand -> research can no longer change its status
    researched: bool = True  # False for a baseline county (state law alone)


class RankReport(Report):
    """All jurisdictions ranked on one date."""

    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    demands: list[tuple[str, str]]  # (id, title) in rubric order
    levels: dict[str, LevelInfo]
    rows: list[RankRow]
    wide: bool = False  # CSV: one row per jurisdiction instead of per jurisdiction and demand


class ListRow(Ranged):
    """A jurisdiction in the data, with how settled its score is."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    last_reviewed: dt.date
    researched: bool = True  # False for a baseline county (state law alone)


class ListReport(Report):
    """The jurisdictions in the data."""

    as_of: dt.date
    rows: list[ListRow]


class DemandInfo(Out):
    """A demand of the rubric."""

    id: str
    title: str
    description: str
    weight: float
    share: float  # percent of the score
    criteria: dict[str, str]


class RubricReport(Report):
    """The rubric, for `scorecard rubric`."""

    id: str
    title: str
    version: str
    description: str | None
    origin_title: str
    origin_organization: str | None
    origin_year: int
    origin_url: str
    origin_note: str | None
    levels: list[LevelInfo]
    grades: list[tuple[str, float]]
    demands: list[DemandInfo]


class CompareColumn(Ranged):
    """One jurisdiction in a comparison."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    statuses: dict[str, str]
    settled: dict[str, bool]  # demand -> research can no longer change its status
    local_statuses: dict[str, str]
    law_ids: dict[str, str | None]  # demand -> id of the state law that set it
    law_labels: dict[str, str | None] = Field(exclude=True)  # the same laws' labels, for display
    researched: bool = True  # False for a baseline county (state law alone)


class CompareReport(Report):
    """Demands x jurisdictions."""

    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    demands: list[tuple[str, str]]
    levels: dict[str, LevelInfo]
    columns: list[CompareColumn]
    wide: bool = False


# Defined in their own modules, which build on the models above (so they are imported last).
from scorecard.report.history import HistoryPoint, HistoryReport, StatusChange  # noqa: E402
from scorecard.report.sensitivity import SensitivityReport, SensitivityRow, Weighting  # noqa: E402
