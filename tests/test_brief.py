"""Briefs score exactly as full report cards do, and survive the cache's round trip."""

from __future__ import annotations

import datetime as dt
import marshal

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.checking.checks import CheckContext
from scorecard.checking.pipeline import DataSet, load_data
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths
from scorecard.input.models import Jurisdiction
from scorecard.scoring.brief import Brief, BriefScorer, brief_of
from scorecard.scoring.card import assess
from scorecard.scoring.engine import weights_for
from scorecard.vocab import Basis

from .conftest import VALID

DATASETS: list[DataSet] = []
for root in (VALID,):
    paths = DataPaths.at(root)
    rubric = load_rubric(paths.rubric_file(None))
    DATASETS.append(load_data(paths, CheckContext(rubric, dt.date(2026, 12, 2)), want="models"))
JURISDICTIONS: list[tuple[DataSet, Jurisdiction]] = [
    (data, j) for data in DATASETS for j in data.jurisdictions
]


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(JURISDICTIONS),
    st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2032, 12, 31)),
    st.sampled_from(list(Basis)),
)
def test_brief_scores_equal_full_assessment(
    item: tuple[DataSet, Jurisdiction], on: dt.date, basis: Basis
) -> None:
    data, jurisdiction = item
    rubric, states = data.rubric, data.states
    full = assess(
        rubric,
        jurisdiction,
        states.get(jurisdiction.state),
        on,
        basis=basis,
    )
    quick = BriefScorer(rubric, states, on, basis=basis, weights=weights_for(rubric)).score(
        brief_of(jurisdiction)
    )
    assert quick.statuses == tuple(d.status for d in full.demands)
    assert quick.local_statuses == tuple(d.local_status for d in full.demands)
    assert quick.laws == tuple(d.law.label if d.law else None for d in full.demands)
    assert (quick.score, quick.grade, quick.coverage) == (full.score, full.grade, full.coverage)
    assert quick.standing.score_range == full.score_range
    assert quick.standing.provisional == full.provisional
    assert (quick.standing.settled_by_local, quick.standing.settled_by_state) == (
        full.settled_by_local,
        full.settled_by_state,
    )
    assert quick.settled == tuple(d.settled for d in full.demands)


def test_brief_round_trips_through_marshal() -> None:
    for _, jurisdiction in JURISDICTIONS:
        brief = brief_of(jurisdiction)
        assert Brief.from_tuple(marshal.loads(marshal.dumps(brief.to_tuple()))) == brief  # type: ignore[arg-type]


def test_briefs_read_back_share_one_copy_of_each_vocabulary_word() -> None:
    """Interned in `brief_of`, a demand id, status, state or kind is one object across decoded briefs."""
    assert len(JURISDICTIONS) >= 2
    read = [
        Brief.from_tuple(marshal.loads(marshal.dumps(brief_of(j).to_tuple())))  # type: ignore[arg-type]
        for _, j in JURISDICTIONS
    ]
    words: dict[str, int] = {}
    for brief in read:
        vocabulary = [brief.state, brief.kind]
        for demand_id, timeline, practice in brief.demands:
            vocabulary += [demand_id, *(status for _, status in timeline)]
            vocabulary += [practice[1]] if practice is not None else []
        for word in vocabulary:
            assert words.setdefault(word, id(word)) == id(word), word  # the first copy seen, or a second
    assert {"met", "CO"} <= set(words)
