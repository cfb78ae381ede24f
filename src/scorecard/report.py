"""Output schema: what every renderer lays out. Renderers import this, never the input models.

Every number a report shows is computed in `scoring.py` and stored here;
renderers only arrange it. The JSON output of `assess` is `AssessReport`
dumped as it is (see README, "JSON output").
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorecard.vocab import Basis


class Out(BaseModel):
    """Base for output models: immutable, and no field may be added by accident."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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


class PracticeResult(Out):
    """Observed practice, shown beside the written policy."""

    status: str
    status_label: str
    summary: str
    since: dt.date | None
    since_display: str | None
    confidence: str
    sources: list[SourceRef]
    differs: bool  # from the effective written-policy status


class DemandResult(Out):
    """One demand in one jurisdiction: statuses, the points they earn, and the evidence."""

    id: str
    title: str
    weight: float
    status: str  # effective: local status bounded by state law (or practice, on that basis)
    status_label: str
    local_status: str
    local_status_label: str
    policy_status: str  # local status bounded by state law, whatever the basis
    known: bool
    credit: float
    points: float
    max_points: float
    criterion: str  # the rubric's text for the effective status
    summary: str
    since: dt.date | None
    since_display: str | None
    confidence: str | None
    sources: list[SourceRef]
    law: LawRef | None  # the law that changed the local status, if any
    overridden: bool  # a ceiling lowered a better local status
    practice: PracticeResult | None
    scored_on: Basis


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
    credit: float
    gain: float  # points added by reaching `target`
    target: str
    target_label: str
    criterion: str  # what `target` requires
    blocked_by: LawRef | None  # a state ceiling that forbids it locally
    needs_research: bool  # the status is unknown


class JurisdictionInfo(Out):
    """Who is being scored."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    jail: str | None
    jail_operator: str | None
    population: int | None
    population_year: int | None
    researched: bool = True  # False for a baseline: a county with no file, scored on state law alone


class RubricInfo(Out):
    """Which rubric scored it."""

    id: str
    title: str
    version: str
    origin_title: str
    origin_url: str
    weights: dict[str, float]


class Freshness(Out):
    """How recent the evidence is."""

    last_reviewed: dt.date
    age_days: int
    max_age_days: int
    is_stale: bool


class AssessReport(Out):
    """The report card of one jurisdiction on one date."""

    lang: str = "en"  # language of the interface and rubric words; data text stays as written

    jurisdiction: JurisdictionInfo
    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    score: float
    grade: str
    coverage: float
    known_demands: int
    total_demands: int
    demands: list[DemandResult]
    next_steps: list[NextStep]
    state_laws: list[LawRef]  # laws in force that changed a status here
    litigation: list[CaseRef] = []  # suits filed by `as_of`, the jurisdiction's and its state's
    freshness: Freshness
    notes: str | None
    add_command: str | None = None  # for a baseline: the `scorecard new` command that starts its file


class LevelInfo(Out):
    """A status level of the rubric."""

    id: str
    label: str
    credit: float
    known: bool


class RankRow(Out):
    """One jurisdiction in a ranking."""

    rank: int
    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    score: float
    grade: str
    coverage: float
    statuses: dict[str, str]
    researched: bool = True  # False for a baseline county (state law alone)


class RankReport(Out):
    """All jurisdictions ranked on one date."""

    lang: str = "en"  # language of the interface and rubric words; data text stays as written

    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    demands: list[tuple[str, str]]  # (id, title) in rubric order
    levels: dict[str, LevelInfo]
    rows: list[RankRow]
    wide: bool = False  # CSV: one row per jurisdiction instead of per jurisdiction and demand


class ListRow(Out):
    """A jurisdiction in the data (no scoring)."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    last_reviewed: dt.date
    researched: bool = True  # False for a baseline county (state law alone)


class ListReport(Out):
    """The jurisdictions in the data."""

    lang: str = "en"  # language of the interface and rubric words; data text stays as written

    rows: list[ListRow]


class DemandInfo(Out):
    """A demand of the rubric."""

    id: str
    title: str
    description: str
    weight: float
    share: float  # percent of the score
    criteria: dict[str, str]


class RubricReport(Out):
    """The rubric, for `scorecard rubric`."""

    lang: str = "en"  # language of the interface and rubric words; data text stays as written

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


class StatusChange(Out):
    """One demand's status changing on a date, and why."""

    demand: str
    title: str
    before: str
    after: str
    after_label: str
    cause: Literal["local", "law", "practice"]
    law: str | None  # label of the law when a law caused it


class HistoryPoint(Out):
    """The score on a date when something changed."""

    date: dt.date
    date_display: str
    score: float
    grade: str
    coverage: float
    statuses: dict[str, str]
    local_statuses: dict[str, str]
    laws: dict[str, str | None]  # demand -> law id that set it
    changes: list[StatusChange]


class HistoryReport(Out):
    """A jurisdiction's score and statuses over time."""

    lang: str = "en"  # language of the interface and rubric words; data text stays as written

    jurisdiction: JurisdictionInfo
    rubric: RubricInfo
    basis: Basis
    until: dt.date
    demands: list[tuple[str, str]]
    levels: dict[str, LevelInfo]
    points: list[HistoryPoint]


class CompareColumn(Out):
    """One jurisdiction in a comparison."""

    id: str
    name: str
    state: str
    kind: str
    fips: str | None
    score: float
    grade: str
    coverage: float
    statuses: dict[str, str]
    local_statuses: dict[str, str]
    laws: dict[str, str | None]  # demand -> label of the law that set it
    researched: bool = True  # False for a baseline county (state law alone)


class CompareReport(Out):
    """Demands x jurisdictions."""

    lang: str = "en"
    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    demands: list[tuple[str, str]]
    levels: dict[str, LevelInfo]
    columns: list[CompareColumn]
    wide: bool = False


class SensitivityRow(Out):
    """How one jurisdiction's rank moves across weightings."""

    id: str
    name: str
    state: str
    default_rank: int
    best_rank: int
    worst_rank: int
    median_rank: float
    default_score: float


class Weighting(Out):
    """One alternative weighting and how its ranking correlates with the default."""

    weights: dict[str, float]
    spearman: float


class SensitivityReport(Out):
    """Whether a ranking survives other weightings."""

    lang: str = "en"
    rubric: RubricInfo
    as_of: dt.date
    basis: Basis
    method: str  # "grid of 1..3 per demand" or "N random weightings (seed S)"
    weightings: int
    rows: list[SensitivityRow]
    correlations: list[Weighting]
    min_spearman: float
    median_spearman: float


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
