"""The shipped data: valid, broad enough, and sourced."""

from __future__ import annotations

from scorecard.checking.checks import CheckContext
from scorecard.checking.pipeline import load_data
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths

from .conftest import REPO, TODAY

PATHS = DataPaths.at(REPO)
RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
DATA = load_data(PATHS, CheckContext(RUBRIC, TODAY), want="models")


def test_shipped_data_has_no_errors() -> None:
    errors = [str(issue) for issue in DATA.issues if issue.is_error]
    assert errors == []


def test_enough_jurisdictions_and_states() -> None:
    assert len(DATA.jurisdictions) >= 25
    assert len(DATA.states) >= 11
    assert len({j.state for j in DATA.jurisdictions}) >= 10
    assert {"CO", "IL", "CA", "NY", "WA", "OR", "NJ", "TX", "FL", "TN", "AZ"} <= set(DATA.states)
    assert {j.kind for j in DATA.jurisdictions} >= {"city", "county", "consolidated-city-county"}
    assert all(j.fips for j in DATA.jurisdictions)
    assert all(j.jail for j in DATA.jurisdictions)


def test_every_known_status_cites_a_source() -> None:
    for j in DATA.jurisdictions:
        for demand_id, claim in j.demands.items():
            entries = [claim, *claim.history]
            for entry in entries:
                if entry.status != "unknown":
                    assert entry.sources, f"{j.id} {demand_id} {entry.status}"
                    assert all(s.url.startswith(("https://", "http://")) for s in entry.sources)


def test_denver_is_complete() -> None:
    denver = next(j for j in DATA.jurisdictions if j.id == "denver")
    assert set(denver.demands) == {d.id for d in RUBRIC.demands}
    assert all(claim.status != "unknown" for claim in denver.demands.values())
    assert all(claim.confidence for claim in denver.demands.values())
