"""`scorecard export`: a Frictionless Data Package that validates, loads typed in pandas, and agrees with the cards."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from frictionless import Package, validate

from scorecard.render.to_datapackage import DESCRIPTOR, table_schema
from scorecard.service.tables import TABLES

from .conftest import TESTS, Run, plant

EXPORT = TESTS / "data" / "export"
AS_OF = "2026-12-02"
IDS = ("foothill-city", "lone-star-city", "mountain-town", "prairie-city")


@pytest.fixture
def package(run: Run, tmp_path: Path) -> Path:
    out = tmp_path / "package"
    result = run("export", out, "--data-dir", EXPORT, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"and datapackage.json to {out}" in result.stderr
    return out


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_typed(out: Path, table: str) -> pd.DataFrame:
    """A table read with pandas alone, its dtypes taken from the package's Table Schema."""
    descriptor = json.loads((out / DESCRIPTOR).read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    dtypes = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    fields = resource["schema"]["fields"]
    frame = pd.read_csv(
        out / resource["path"],
        dtype={f["name"]: dtypes[f["type"]] for f in fields if f["type"] in dtypes},
        keep_default_na=False,
        na_values=[""],
        true_values=["true"],
        false_values=["false"],
    )
    for field in fields:
        if field["type"] == "date":
            frame[field["name"]] = pd.to_datetime(frame[field["name"]], format="%Y-%m-%d")
    return frame


def test_export_validates_with_frictionless(package: Path) -> None:
    report = validate(package / DESCRIPTOR)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [resource.name for resource in Package(package / DESCRIPTOR).resources]
    assert names == [table.name for table in TABLES]
    assert sorted(p.name for p in package.iterdir()) == sorted(
        [".scorecard-export", DESCRIPTOR, *(f"{t.name}.csv" for t in TABLES)]
    )


def to_pandas(package: Package, table: str) -> pd.DataFrame:
    """A table as frictionless reads it into pandas (its pandas plugin adds `to_pandas` at run time)."""
    frame: pd.DataFrame = package.get_resource(table).to_pandas()  # type: ignore[attr-defined]
    return frame


def test_frictionless_loads_typed_pandas_frames(package: Path) -> None:
    loaded = Package(package / DESCRIPTOR)
    places = to_pandas(loaded, "jurisdictions")
    assert places.loc["mountain-town", "fips"] == "08999"  # the leading zero stays
    assert places.loc["foothill-city", "fips"] == "0899991"
    assert pd.api.types.is_string_dtype(places["fips"])
    assert pd.api.types.is_datetime64_any_dtype(places["last_reviewed"])
    assert pd.api.types.is_bool_dtype(places["researched"])
    assert str(places["population"].dtype) == "Int64"
    laws = to_pandas(loaded, "state_laws")
    assert all(pd.api.types.is_datetime64_any_dtype(laws[c]) for c in ("enacted", "effective", "repealed"))


def test_pandas_reads_the_schema_types(package: Path) -> None:
    places = read_typed(package, "jurisdictions").set_index("id")
    assert str(places["fips"].dtype) == "string"
    assert places.loc["mountain-town", "fips"] == "08999"
    assert str(places["researched"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(places["last_reviewed"])
    scores = read_typed(package, "scores").set_index("jurisdiction_id")
    assert scores["score"].dtype == "float64"
    assert scores.loc["prairie-city", "score"] == 70.0
    statuses = read_typed(package, "demand_statuses")
    assert str(statuses["overridden"].dtype) == "boolean"
    assert str(statuses["since"].dtype) == "string"


def test_every_column_is_typed_and_keys_are_declared() -> None:
    for table in TABLES:
        schema = table_schema(table)
        assert [f["name"] for f in schema["fields"]] == list(table.row.model_fields)
        assert all(f["type"] in {"string", "integer", "number", "boolean", "date"} for f in schema["fields"])
        assert all(f.get("description") for f in schema["fields"]), table.name
    statuses = table_schema(next(t for t in TABLES if t.name == "demand_statuses"))
    assert statuses["primaryKey"] == ["jurisdiction_id", "demand_id"]
    assert {
        "fields": ["law_state", "law_id"],
        "reference": {"resource": "state_laws", "fields": ["state", "id"]},
    } in (statuses["foreignKeys"])
    places = table_schema(next(t for t in TABLES if t.name == "jurisdictions"))
    fips = next(f for f in places["fields"] if f["name"] == "fips")
    assert fips["type"] == "string"
    assert fips["constraints"] == {"pattern": r"^(\d{5}|\d{7})$"}


def test_keys_resolve_in_pandas(package: Path) -> None:
    places = read_typed(package, "jurisdictions")
    laws = read_typed(package, "state_laws")
    law_keys = set(zip(laws["state"], laws["id"], strict=True))
    for table in ("demand_statuses", "history", "sources"):
        frame = read_typed(package, table)
        with_law = frame.dropna(subset=["law_id"])
        assert set(zip(with_law["law_state"], with_law["law_id"], strict=True)) <= law_keys
        assert set(frame["jurisdiction_id"].dropna()) <= set(places["id"])
    jail = places.set_index("id").loc["foothill-city", "jail_jurisdiction"]
    assert jail == "mountain-town"
    assert set(read_typed(package, "law_effects")["law_id"]) <= set(laws["id"])


def test_statuses_and_scores_are_the_cards(run: Run, package: Path) -> None:
    statuses = rows(package, "demand_statuses")
    scores = {row["jurisdiction_id"]: row for row in rows(package, "scores")}
    assert sorted(scores) == list(IDS)
    for jurisdiction_id in IDS:
        card = json.loads(
            run("assess", jurisdiction_id, "--data-dir", EXPORT, "--as-of", AS_OF, "-f", "json").stdout
        )
        assert float(scores[jurisdiction_id]["score"]) == card["score"]
        assert scores[jurisdiction_id]["grade"] == card["grade"]
        assert float(scores[jurisdiction_id]["score_high"]) == card["score_range"][1]
        assert scores[jurisdiction_id]["provisional"] == ("true" if card["provisional"] else "false")
        mine = [row for row in statuses if row["jurisdiction_id"] == jurisdiction_id]
        assert [row["demand_id"] for row in mine] == [d["id"] for d in card["demands"]]
        for row, demand in zip(mine, card["demands"], strict=True):
            assert (row["status"], row["local_status"]) == (demand["status"], demand["local_status"])
            assert row["law_id"] == (demand["law"]["id"] if demand["law"] else "")
            assert row["overridden"] == ("true" if demand["overridden"] else "false")
            assert row["settled"] == ("true" if demand["settled"] else "false")
            assert row["settled_by"] == (demand["settled_by"] or "")
            assert float(row["points"]) == demand["points"]
    overridden = next(r for r in statuses if r["jurisdiction_id"] == "lone-star-city" and r["law_id"])
    assert (overridden["status"], overridden["local_status"], overridden["law_effect"]) == (
        "not_met",
        "met",
        "ceiling",
    )


def test_history_is_the_timeline(run: Run, package: Path) -> None:
    history = [row for row in rows(package, "history") if row["jurisdiction_id"] == "prairie-city"]
    shown = json.loads(
        run("history", "prairie-city", "--data-dir", EXPORT, "--as-of", AS_OF, "-f", "json").stdout
    )
    expected = [
        (point["date"], change["demand"], change["after"], change["cause"])
        for point in shown["rows"]
        for change in point["changes"]
    ]
    assert [(r["date"], r["demand_id"], r["status"], r["cause"]) for r in history] == expected
    by_law = next(r for r in history if r["cause"] == "law")
    assert (by_law["law_state"], by_law["law_id"]) == ("IL", "fixture-trust-act")


def test_partial_dates_stay_partial(package: Path) -> None:
    statuses = {(r["jurisdiction_id"], r["demand_id"]): r for r in rows(package, "demand_statuses")}
    holds = statuses["foothill-city", "no-ice-holds"]
    assert (holds["since"], holds["since_precision"]) == ("2006", "year")  # not 2006-01-01
    notices = statuses["foothill-city", "no-ice-notifications"]
    assert (notices["since"], notices["since_precision"]) == ("2019-03", "month")
    history = rows(package, "history")
    assert ("2001", "year") in {(r["date"], r["date_precision"]) for r in history}
    earlier = [r for r in rows(package, "sources") if r["supports"] == "history"]
    assert {r["since"] for r in earlier} == {"2001", "2010"}


def test_sources_litigation_and_laws(package: Path) -> None:
    sources = rows(package, "sources")
    supports = {r["supports"] for r in sources}
    assert supports == {
        "status",
        "history",
        "practice",
        "population",
        "litigation",
        "state",
        "law",
        "blocked",
    }
    order = next(r for r in sources if r["supports"] == "blocked")
    assert (order["jurisdiction_id"], order["law_state"], order["law_id"]) == ("", "CO", "fixture-holds-act")
    suits = {r["case"]: r for r in rows(package, "litigation")}
    city = suits["Fixture v. Foothill City"]
    assert (city["jurisdiction_id"], city["docket"], city["demand_ids"]) == (
        "foothill-city",
        "1:25-cv-00001",
        "no-ice-holds no-ice-notifications",
    )
    assert suits["United States v. Fixture State"]["jurisdiction_id"] == ""
    laws = {r["id"]: r for r in rows(package, "state_laws")}
    assert laws["fixture-sb4"]["repealed"] == "2030-01-01"
    assert (laws["fixture-holds-act"]["in_force"], laws["fixture-holds-act"]["blocked"]) == ("true", "false")
    effects = {(r["law_id"], r["demand_id"]): r for r in rows(package, "law_effects")}
    assert effects["fixture-holds-act", "no-ice-holds"]["rule"] == "holds-ban"
    assert effects["fixture-sb4", "no-proactive-communication"]["ceiling"] == "partial"


def test_research_notes_never_reach_the_package(package: Path) -> None:
    assert "SECRET-NOTE" in (EXPORT / "cities" / "foothill-city.yaml").read_text(encoding="utf-8")
    for path in package.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "SECRET-NOTE" not in text, path.name
        assert "research_note" not in text, path.name


def test_text_is_written_as_it_is(package: Path) -> None:
    holds = next(r for r in rows(package, "demand_statuses") if r["jurisdiction_id"] == "foothill-city")
    assert holds["summary"].startswith("=SUM(A1) ")  # no spreadsheet guard: the schema says it is text


def test_same_data_same_bytes(run: Run, package: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("export", again, "--data-dir", EXPORT, "--as-of", AS_OF).exit_code == 0
    for path in package.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_as_of_changes_the_scores(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "old"
    assert run("export", out, "--data-dir", EXPORT, "--as-of", "2017-01-01").exit_code == 0
    scores = {r["jurisdiction_id"]: r for r in rows(out, "scores")}
    assert scores["lone-star-city"]["as_of"] == "2017-01-01"
    assert scores["lone-star-city"]["score"] == "20.0"  # before the state ceiling took effect
    assert all(r["date"] <= "2017-01-01" for r in rows(out, "history"))


def test_refuses_a_folder_it_did_not_write(run: Run, package: Path, tmp_path: Path) -> None:
    assert run("export", package, "--data-dir", EXPORT, "--as-of", AS_OF).exit_code == 0  # its own: replaced
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("export", mine, "--data-dir", EXPORT, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "was not written by `scorecard export`" in result.stderr
    assert "--force" in result.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert run("export", mine, "--data-dir", EXPORT, "--as-of", AS_OF, "--force").exit_code == 0
    assert not (mine / "notes.txt").exists()
    assert (mine / DESCRIPTOR).is_file()


def test_refuses_a_file_and_bad_data(run: Run, tmp_path: Path, data_copy: Path) -> None:
    target = tmp_path / "file.csv"
    target.write_text("x\n", encoding="utf-8")
    result = run("export", target, "--data-dir", EXPORT)
    assert result.exit_code == 1
    assert "it exists and is not a folder" in result.stderr
    broken = data_copy / "cities" / "prairie-city.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: partial", "status: maybe"), "utf-8")
    out = tmp_path / "out"
    result = run("export", out, "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "run `scorecard validate`" in result.stderr
    assert not out.exists()


def test_field_types_cover_every_annotation() -> None:
    schema: dict[str, Any] = {t.name: table_schema(t) for t in TABLES}
    precision = next(f for f in schema["history"]["fields"] if f["name"] == "date_precision")
    assert precision["constraints"] == {"enum": ["day", "month", "year"], "required": True}
    since = next(f for f in schema["demand_statuses"]["fields"] if f["name"] == "since")
    assert since["constraints"] == {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    known = next(f for f in schema["demand_statuses"]["fields"] if f["name"] == "known")
    assert (known["trueValues"], known["falseValues"]) == (["true"], ["false"])


def test_lawsuits_as_the_cards_show_them_on_the_date(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "mid-2025"
    assert run("export", out, "--data-dir", EXPORT, "--as-of", "2025-06-01").exit_code == 0
    suits = {r["case"]: r for r in rows(out, "litigation")}
    assert sorted(suits) == ["Fixture v. Foothill City", "United States v. Fixture State"]
    state = suits["United States v. Fixture State"]  # its injunction (2025-08-01) came later
    assert (state["status"], state["status_date"]) == ("pending", "2025-05-02")
    early = tmp_path / "early-2025"
    assert run("export", early, "--data-dir", EXPORT, "--as-of", "2025-04-01").exit_code == 0
    assert [r["case"] for r in rows(early, "litigation")] == ["Fixture v. Foothill City"]


def test_status_columns_list_the_rubric_levels(package: Path) -> None:
    descriptor = json.loads((package / DESCRIPTOR).read_text(encoding="utf-8"))
    enums = {
        (resource["name"], field["name"]): field.get("constraints", {}).get("enum")
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
    }
    levels = ["met", "partial", "not_met", "unknown"]
    for column in [("demand_statuses", "status"), ("demand_statuses", "local_status"), ("history", "before")]:
        assert enums[column] == levels, column
    assert enums["law_effects", "ceiling"] == levels
    assert enums["litigation", "status"] == [
        "pending", "injunction", "decided", "dismissed", "settled", "withdrawn", "appeal"
    ]  # fmt: skip
    assert enums["jurisdictions", "kind"] == ["city", "county", "consolidated-city-county"]


def test_include_baseline_adds_counties_scored_on_state_law(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "with-baselines"
    assert run("export", out, "--data-dir", EXPORT, "--as-of", AS_OF, "--include-baseline").exit_code == 0
    assert validate(out / DESCRIPTOR).valid
    places = read_typed(out, "jurisdictions").set_index("id")
    assert places.loc[list(IDS), "researched"].all()
    baselines = places[~places["researched"]]
    assert set(baselines["state"]) == {"CO", "IL", "TX"}  # the states with a state file
    assert set(baselines["kind"]) == {"county"}
    cook = baselines[baselines["fips"] == "17031"].index[0]
    statuses = {(r["jurisdiction_id"], r["demand_id"]): r for r in rows(out, "demand_statuses")}
    holds = statuses[cook, "no-ice-holds"]
    assert (holds["local_status"], holds["status"], holds["law_id"]) == (
        "unknown",
        "met",
        "fixture-trust-act",
    )
    assert not [r for r in rows(out, "sources") if r["jurisdiction_id"] == cook]


def test_never_replaces_the_working_folder_or_the_data(
    run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_copy)
    for target in (".", "cities"):
        result = run("export", target, "--data-dir", data_copy, "--force")
        assert result.exit_code == 1, target
        assert "refusing to replace" in result.stderr
    assert (data_copy / "cities" / "prairie-city.yaml").is_file()


def test_a_blocked_law_is_not_in_force_while_blocked(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "blocked"
    assert run("export", out, "--data-dir", EXPORT, "--as-of", "2020-03-01").exit_code == 0
    law = next(r for r in rows(out, "state_laws") if r["id"] == "fixture-holds-act")
    assert (law["blocked"], law["in_force"]) == ("true", "false")


def test_counties_a_city_governs_are_a_keyed_table(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXPORT, data)
    plant(
        data / "cities" / "foothill-city.yaml", 'fips: "0899991"', 'fips: "0899991"\ncounty_fips: ["08031"]'
    )
    out = tmp_path / "package"
    assert run("export", out, "--data-dir", data, "--as-of", AS_OF).exit_code == 0
    assert validate(out / DESCRIPTOR).valid
    counties = read_typed(out, "jurisdiction_counties")
    assert counties.to_dict("records") == [{"jurisdiction_id": "foothill-city", "county_fips": "08031"}]
    assert str(counties["county_fips"].dtype) == "string"
