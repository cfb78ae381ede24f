"""The shipped data: valid, broad enough, and sourced; the README's sample card is its real output.

The only tests that read the shipped `cities/` and `states/`: every other test uses its own
fixtures (tests/data), so editing the data breaks nothing but a claim about the data itself.
"""

from __future__ import annotations

import datetime as dt
import shlex

import pytest

from scorecard.checking.checks import CheckContext
from scorecard.checking.pipeline import load_data
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths

from .conftest import DATA_TODAY, REPO, Run

PATHS = DataPaths.at(REPO)
RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
DATA = load_data(PATHS, CheckContext(RUBRIC, DATA_TODAY), want="models")


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


@pytest.mark.parametrize(
    "command", ["assess denver --as-of 2026-12-02", "rank --state CO --as-of 2026-12-02"]
)
def test_the_readme_samples_are_real_output(run: Run, command: str, data_today: dt.date) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sample = readme.split(f"<!-- sample: {command} -->\n```text\n", 1)[1].split("```", 1)[0]
    result = run(*shlex.split(command), "--data-dir", REPO)
    assert result.exit_code == 0
    lines = sample.splitlines()
    assert [line.rstrip() for line in result.stdout.splitlines()[: len(lines)]] == [
        line.rstrip() for line in lines
    ]
