"""One column vocabulary: every CSV column and JSON key of every command is a name of `report/columns.py`.

The names are collected from real output (the sample data, every reporting command, CSV in both
shapes and JSON), and from the data package's tables. Keys that are data rather than names (the
demand ids of `statuses`, the level ids of `levels`) are skipped; a wide CSV's demand columns must
be the rubric's demand ids. Booleans are `true`/`false` everywhere, and a year-only date stays a
year.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from scorecard.input.loader import load_rubric
from scorecard.report.columns import COLUMNS
from scorecard.service.tables import TABLES

from .conftest import REPO, SAMPLE, Run, plant, rubric_and_law_editions

RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
DEMANDS = {d.id for d in RUBRIC.demands}
LEVELS = set(RUBRIC.level_ids)

# Each reporting command with arguments that make it print rows (history of a city whose dates
# include a year-only one).
COMMANDS: dict[str, tuple[str, ...]] = {
    "assess": ("assess", "chicago"),
    "rank": ("rank",),
    "compare": ("compare", "denver", "chicago", "travis-county"),
    "history": ("history", "chicago"),
    "sensitivity": ("sensitivity", "--samples", "20", "--seed", "1"),
    "list": ("list",),
    "rubric": ("rubric",),
}
CSV = [name for name in COMMANDS if name != "rubric"]  # the rubric has no CSV (render.FORMATS)
SHAPES = [(name, wide) for name in CSV for wide in (False, True) if not wide or name in ("rank", "compare")]


def json_names(node: object, found: set[str]) -> set[str]:
    """Every key of a JSON document, but not the keys that are demand or level ids (data, not names)."""
    if isinstance(node, dict):
        keys = set(node)
        if not (keys and (keys <= DEMANDS or keys <= LEVELS)):
            found |= keys
        for value in node.values():
            json_names(value, found)
    elif isinstance(node, list):
        for item in node:
            json_names(item, found)
    return found


def output(run: Run, name: str, fmt: str, *extra: str) -> str:
    result = run(*COMMANDS[name], "--data-dir", SAMPLE, "-f", fmt, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_json_key_is_in_the_vocabulary(run: Run, name: str) -> None:
    names = json_names(json.loads(output(run, name, "json")), set())
    assert names
    assert not names - set(COLUMNS), (
        f"{name} -f json: not in report/columns.py: {sorted(names - set(COLUMNS))}"
    )


@pytest.mark.parametrize(("name", "wide"), SHAPES, ids=[f"{n}{'-wide' if w else ''}" for n, w in SHAPES])
def test_every_csv_column_is_in_the_vocabulary(run: Run, name: str, wide: bool) -> None:
    text = output(run, name, "csv", *(["--wide"] if wide else []))
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    demands = [column for column in header if column in DEMANDS]
    assert demands == ([d.id for d in RUBRIC.demands] if wide else [])
    names = set(header) - DEMANDS
    assert not names - set(COLUMNS), (
        f"{name} -f csv: not in report/columns.py: {sorted(names - set(COLUMNS))}"
    )
    for row in rows[1:]:
        assert not {"yes", "no", "True", "False"} & set(row), f"{name}: booleans are true/false: {row}"


def test_every_data_package_column_is_in_the_vocabulary() -> None:
    names = {name for table in TABLES for name in table.row.model_fields}
    assert not names - set(COLUMNS), sorted(names - set(COLUMNS))


def test_the_vocabulary_has_no_leftovers_and_describes_every_name() -> None:
    """No name for rendering (`wide`, `columns`, `*_display`), no unused name, a description each."""
    assert not {"wide", "columns", "points_"} & set(COLUMNS)
    assert not [name for name in COLUMNS if name.endswith("_display")]
    for name, description in COLUMNS.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
        assert description.endswith("."), name


def test_a_year_only_date_stays_a_year_in_json_and_csv(run: Run) -> None:
    rows = json.loads(output(run, "history", "json"))["rows"]
    assert rows[0]["date"] == "2006"
    assert rows[0]["date_precision"] == "year"
    first = next(csv.DictReader(io.StringIO(output(run, "history", "csv"))))
    assert (first["date"], first["date_precision"]) == ("2006", "year")


def test_the_same_thing_has_the_same_name_in_csv_and_json(run: Run) -> None:
    """A demand's law is its id, `law_id`, in assess, compare and history; ranks and scores match."""
    compare = json.loads(output(run, "compare", "json"))["rows"]
    law_ids = {v for column in compare for v in column["law_ids"].values()} - {None}
    card = json.loads(output(run, "assess", "json"))
    assert law_ids
    assert all(re.fullmatch(r"[a-z0-9-]+", law) for law in law_ids), law_ids
    compare_csv = {row["law_id"] for row in csv.DictReader(io.StringIO(output(run, "compare", "csv")))}
    assert compare_csv - {""} == law_ids
    assessed = {row["law_id"] for row in csv.DictReader(io.StringIO(output(run, "assess", "csv")))}
    assert assessed - {""} == {d["law"]["id"] for d in card["demands"] if d["law"]}
    sensitivity = json.loads(output(run, "sensitivity", "json"))["rows"]
    scores = {row["id"]: row["score"] for row in json.loads(output(run, "rank", "json"))["rows"]}
    assert {row["id"]: row["score"] for row in sensitivity} == scores


def test_the_columns_are_documented(run: Run) -> None:
    """docs/columns.md lists every name of the vocabulary, once."""
    text = (REPO / "docs" / "columns.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.M)
    assert sorted(documented) == sorted(COLUMNS)
    assert len(documented) == len(set(documented))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_every_diff_name_is_in_the_vocabulary(run: Run, tmp_path: Path, fmt: str) -> None:
    """diff (two editions with a policy, an evidence, a rubric and a law change, one place added and one
    removed) names its keys and columns from the vocabulary too."""
    old, new = rubric_and_law_editions(tmp_path)
    plant(new / "cities" / "prairie-city.yaml", "status: partial", "status: met")
    (new / "cities" / "lone-star-city.yaml").unlink()
    result = run("diff", old, new, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        report = json.loads(result.stdout)
        assert report["changes"]
        assert report["scores"]
        names = json_names(report, set()) - set(report["counts"])  # counts are keyed by change kind
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {row["change_kind"] for row in rows} >= {"policy change", "rubric change", "removed"}
        names = set(rows[0])
    assert not names - set(COLUMNS), sorted(names - set(COLUMNS))
