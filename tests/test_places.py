"""Finding a place: ids, aliases, names, `Name, ST`, FIPS codes; baseline cards for counties with no file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from scorecard.input.counties import all_counties, county_by_fips, states_with_county

from .conftest import VALID, Run, plant


def card(run: Run, query: str, data: Path = VALID, *args: str) -> dict[str, object]:
    result = run("assess", query, "--data-dir", data, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_the_county_list_has_every_county_and_equivalent_once() -> None:
    counties = all_counties()
    assert len(counties) == 3144  # the Census Bureau's count for the 50 states and DC, from 2022
    assert len({c.fips for c in counties}) == len({c.id for c in counties}) == 3144
    assert county_by_fips("16001") is not None
    assert county_by_fips("16001") == next(c for c in counties if c.label == "Ada County, ID")
    assert county_by_fips("09110") is not None  # Connecticut's planning regions replaced its counties
    assert county_by_fips("09001") is None
    assert states_with_county("Cook County") == {"GA", "IL", "MN"}


@pytest.mark.parametrize(
    "query", ["prairie-city", "Prairie City", "prairie city, il", "1799990", "PRAIRIE CITY"]
)
def test_a_file_is_found_by_id_name_name_and_state_or_fips(run: Run, query: str) -> None:
    assert card(run, query)["jurisdiction"] == card(run, "prairie-city")["jurisdiction"]


@pytest.mark.parametrize("query", ["Harris County, TX", "harris-county-tx", "48201"])
def test_a_county_without_a_file_gets_a_baseline_card_in_a_ceiling_state(run: Run, query: str) -> None:
    found = card(run, query)
    assert found["jurisdiction"] == {
        "id": "harris-county-tx", "name": "Harris County", "state": "TX", "kind": "county", "fips": "48201",
        "county_fips": [], "jail": None, "jail_operator": None, "population": None, "population_year": None, "researched": False,
    }  # fmt: skip
    statuses = {d["id"]: d["status"] for d in found["demands"]}  # type: ignore[attr-defined]
    assert statuses["no-ice-holds"] == "not_met"  # the fixture SB 4's ceiling decides an unknown
    assert statuses["legal-defense-fund"] == "unknown"
    assert found["add_command"] == (
        "scorecard new harris-county-tx --state TX --kind county --fips 48201 --name 'Harris County'"
    )


def test_a_baseline_in_a_floor_state_takes_the_floor(run: Run) -> None:
    found = card(run, "Cook County, IL")
    statuses = {d["id"]: d["status"] for d in found["demands"]}  # type: ignore[attr-defined]
    assert statuses == {
        "no-ice-holds": "met", "no-ice-notifications": "unknown", "no-proactive-communication": "unknown",
        "sensitive-areas": "unknown", "legal-defense-fund": "unknown",
    }  # fmt: skip


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv"])
def test_a_baseline_is_marked_in_every_format(run: Run, fmt: str) -> None:
    result = run("assess", "17031", "--data-dir", VALID, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {row["researched"] for row in rows} == {"false"}
    else:
        text = " ".join(result.stdout.split())
        assert "Baseline card, not researched locally" in text
        assert "scorecard new cook-county-il --state IL --kind county --fips 17031" in text


def test_a_researched_file_with_the_county_code_replaces_the_baseline(run: Run, data_copy: Path) -> None:
    plant(data_copy / "cities" / "mountain-town.yaml", 'fips: "08999"', 'fips: "08031"')
    for query in ("08031", "denver-county-co", "Mountain Town County, CO"):
        result = run("assess", query, "--data-dir", data_copy, "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["jurisdiction"]["id"] == "mountain-town"
    listed = json.loads(
        run("list", "--baseline", "--state", "CO", "--data-dir", data_copy, "-f", "json").stdout
    )["rows"]
    assert "08031" not in {row["fips"] for row in listed}
    assert len(listed) == 63  # Colorado's 64 counties, less the researched one


def test_a_city_that_governs_counties_replaces_their_baselines(run: Run, data_copy: Path) -> None:
    """A consolidated city-county (Denver) or a city of several counties (New York) names them in county_fips."""
    plant(
        data_copy / "cities" / "prairie-city.yaml",
        'fips: "1799990"',
        'fips: "1799990"\ncounty_fips: ["17031", "17043"]',
    )
    for query in ("17031", "cook-county-il", "Cook County, IL", "DuPage County, IL", "17043"):
        result = run("assess", query, "--data-dir", data_copy, "-f", "json")
        assert result.exit_code == 0, result.stderr
        found = json.loads(result.stdout)["jurisdiction"]
        assert (found["id"], found["county_fips"]) == ("prairie-city", ["17031", "17043"])
    assert "researched in the file 'prairie-city'" in run("assess", "17031", "--data-dir", data_copy).stderr
    rows = json.loads(run("rank", "--include-baseline", "--data-dir", data_copy, "-f", "json").stdout)["rows"]
    assert {"cook-county-il", "dupage-county-il"}.isdisjoint(row["id"] for row in rows)
    assert len([row for row in rows if not row["researched"]]) == 64 + 102 + 254 - 2


def test_an_alias_resolves_with_a_note_naming_the_other_places(run: Run, data_copy: Path) -> None:
    plant(
        data_copy / "cities" / "mountain-town.yaml",
        "id: mountain-town\n",
        "id: mountain-town\naliases: [summit]\n",
    )
    result = run("assess", "summit", "--data-dir", data_copy, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["jurisdiction"]["id"] == "mountain-town"
    assert (
        result.stderr
        == "scorecard: note: 'summit' is an alias of 'mountain-town' (Mountain Town County, CO)\n"
    )


def test_an_ambiguous_name_lists_the_choices(run: Run) -> None:
    result = run("assess", "Cook County", "--data-dir", VALID)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'Cook County' names 3 places" in result.stderr
    for choice in ("cook-county-ga", "cook-county-il", "cook-county-mn"):
        assert choice in result.stderr


def test_unknown_names_suggest_from_names_and_ids(run: Run) -> None:
    result = run("assess", "prairie", "--data-dir", VALID)
    assert result.exit_code == 1
    assert "no jurisdiction 'prairie' in " in result.stderr
    assert "data/valid; did you mean prairie-city?" in result.stderr


@pytest.mark.parametrize("query", ["../cities/x", "a/b", "$(reboot)", "x;y", "-"])
def test_text_that_cannot_name_a_place_is_refused_before_reading(run: Run, query: str) -> None:
    result = run("assess", "--data-dir", VALID, "--", query)
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr


def test_include_baseline_ranks_every_county(run: Run) -> None:
    researched = json.loads(run("rank", "--data-dir", VALID, "-f", "json").stdout)["rows"]
    everything = json.loads(run("rank", "--include-baseline", "--data-dir", VALID, "-f", "json").stdout)[
        "rows"
    ]
    # the fixture folder has state files for CO, IL and TX only: their counties get baselines
    assert len(everything) == len(researched) + 64 + 102 + 254
    assert {row["researched"] for row in everything} == {True, False}
    assert all(row["id"].endswith(("-co", "-il", "-tx")) for row in everything if not row["researched"])


def test_a_ranking_past_300_rows_is_plain_text_with_every_row(run: Run) -> None:
    """rank --include-baseline is thousands of rows: laid out as plain text (see benchmarks/large_tables.py)."""
    result = run("rank", "--include-baseline", "--data-dir", VALID)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = [line for line in lines if line[:5].strip().isdigit()]
    assert len(rows) == 3 + 64 + 102 + 254
    assert not any(mark in result.stdout for mark in "┏┃│└")  # no rich box: the plain layout
    assert all(line == line.rstrip() for line in lines)
    assert any("Harris County" in row and "TX" in row for row in rows)
    assert all(row.split()[-5:] and all(s in "✔◐✘?" for s in row.split()[-5:]) for row in rows)
