"""Litigation on the report card: which suits, in every format and the site; research notes never shown."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from scorecard.input.loader import load_rubric
from scorecard.input.models import Jurisdiction, StateFile
from scorecard.scoring.litigation import litigation_on

from .conftest import GOLDEN, REPO, VALID, Run, plant

RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
AS_OF = "--as-of=2026-02-01"
FORMATS = ("table", "json", "csv", "markdown", "html")
NOTE = "A pending suit does not change any status on this card: only a court ruling does."
MARKER = "MAINTAINERS-ONLY"
SOURCE = [{"title": "t", "url": "https://example.org/", "accessed": dt.date(2026, 1, 1)}]


def suit(
    case: str, filed: dt.date, status: str = "pending", status_date: dt.date | None = None, **extra: Any
) -> Any:
    return {
        "case": case,
        "court": "A court",
        "filed": filed,
        "status": status,
        "status_date": status_date or filed,
        "challenges": "An ordinance.",
        "sources": SOURCE,
    } | extra


def models(local: list[Any], statewide: list[Any]) -> tuple[Jurisdiction, StateFile]:
    demands = {d.id: {"status": "unknown", "summary": "s"} for d in RUBRIC.demands}
    place = Jurisdiction.model_validate(
        {"id": "x", "name": "X City", "state": "IL", "kind": "city", "last_reviewed": dt.date(2026, 1, 1),
         "demands": demands, "litigation": local}
    )  # fmt: skip
    state = StateFile.model_validate(
        {"state": "IL", "name": "Illinois", "last_reviewed": dt.date(2026, 1, 1), "litigation": statewide}
    )
    return place, state


def test_suits_are_listed_oldest_first_once_each_as_known_on_the_date() -> None:
    place, state = models(
        [
            suit(
                "B v. X", dt.date(2025, 3, 1), docket="1:25-cv-1", demands=["sensitive-areas", "no-ice-holds"]
            )
        ],
        [
            suit(
                "A v. Illinois", dt.date(2025, 1, 1), "dismissed", dt.date(2025, 7, 1), summary="Dismissed."
            ),
            suit("b v. x", dt.date(2025, 3, 1)),  # the same suit in the state file, without its docket
            suit("B v. X", dt.date(2025, 3, 1), docket="1:25-cv-2"),  # another suit of the same name
            suit("C v. Illinois", dt.date(2026, 5, 1)),  # filed after the card's date
        ],
    )
    cases = litigation_on(RUBRIC, place, state, dt.date(2026, 2, 1))
    assert [(c.case, c.scope, c.scope_name, c.docket) for c in cases] == [
        ("A v. Illinois", "state", "Illinois", None),
        ("B v. X", "jurisdiction", "X City", "1:25-cv-1"),
        ("B v. X", "state", "Illinois", "1:25-cv-2"),
    ]
    assert cases[1].demands == [
        ("no-ice-holds", "No ICE holds"),
        ("sensitive-areas", "Honor sensitive areas"),
    ]
    early = litigation_on(RUBRIC, place, state, dt.date(2025, 4, 1))
    assert (early[0].status, early[0].status_date, early[0].summary) == ("pending", dt.date(2025, 1, 1), None)
    assert litigation_on(RUBRIC, place, None, dt.date(2026, 2, 1))[0].case == "B v. X"
    assert litigation_on(RUBRIC, place, state, dt.date(2024, 12, 31)) == []


def test_a_suit_changes_no_status(run: Run) -> None:
    with_suits = json.loads(run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "json").stdout)
    assert [c["status"] for c in with_suits["litigation"]] == ["dismissed", "pending", "pending"]
    statuses = {d["id"]: d["status"] for d in with_suits["demands"]}
    assert statuses["no-proactive-communication"] == "met"  # challenged by a pending suit, still met


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_the_section_comes_after_the_summary_and_before_the_evidence(run: Run, fmt: str) -> None:
    out = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", fmt).stdout
    flat = " ".join(out.split())
    assert NOTE in flat
    summary = flat.index("Local policy")
    section = flat.index("Litigation")
    assert summary < section < flat.index(NOTE) < flat.index("United States v. Fixture State")
    assert flat.index("Fixture Sheriffs v. Fixture State") < flat.index("Evidence", section)
    for words in ("U.S. District Court for the Fixture District", "1:25-cv-00002", "2025-02-06",
                  "dismissed (2025-07-25)", "The Fixture TRUST Act", "https://example.org/il/dismissal",
                  "Statewide (Illinois)", "No proactive communication"):  # fmt: skip
        assert words in flat, words
    assert "Fixture Voters" not in flat  # filed after the card's date


def test_no_section_without_suits(run: Run) -> None:
    for fmt in ("table", "markdown", "html"):
        out = run("assess", "lone-star-city", "--data-dir", VALID, AS_OF, "-f", fmt).stdout
        assert "Litigation" not in out
        assert NOTE not in out


def test_csv_has_one_row_per_suit_after_the_demands(run: Run) -> None:
    out = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["record"] for r in rows] == ["demand"] * 5 + ["litigation"] * 3
    first = rows[5]
    assert first["case"] == "United States v. Fixture State"
    assert (first["case_status"], first["case_status_date"], first["filed"]) == (
        "dismissed",
        "2025-07-25",
        "2025-02-06",
    )
    assert first["case_scope"] == "state"
    assert first["case_demand_ids"] == "no-ice-holds no-ice-notifications"
    assert first["source_urls"] == "https://example.org/il/dismissal"
    assert first["summary"] == "The court dismissed the suit; no appeal was filed."
    assert (first["jurisdiction_id"], first["score"], first["demand_id"], first["status"]) == (
        "prairie-city",
        "70.0",
        "",
        "",
    )
    assert all(r["case"] == "" for r in rows[:5])


def test_spanish_card_translates_the_section(run: Run) -> None:
    out = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "markdown", "--lang", "es").stdout
    assert "## Litigios" in out
    assert "Una demanda pendiente no cambia ninguna situación de esta ficha" in out
    assert "desestimada (2025-07-25) · presentada el 2025-02-06" in out
    assert "En todo el estado (Illinois)" in out


def test_research_notes_appear_in_no_output(run: Run, tmp_path: Path) -> None:
    """Notes for maintainers are planted in both fixture files: on the file, a demand, suits, a law, an effect."""
    planted = (VALID / "cities" / "prairie-city.yaml").read_text(encoding="utf-8")
    planted += (VALID / "states" / "il.yaml").read_text(encoding="utf-8")
    assert planted.count(MARKER) == 7
    for lang in ("en", "es"):
        for fmt in FORMATS:
            result = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", fmt, "--lang", lang)
            assert result.exit_code == 0
            assert "United States v. Prairie City" in result.stdout
            assert MARKER not in result.stdout, (lang, fmt)
    for command in (
        ("history", "prairie-city"),
        ("rank", AS_OF),
        ("compare", "prairie-city", "lone-star-city"),
    ):
        result = run(*command, "--data-dir", VALID)
        assert result.exit_code == 0, command
        assert MARKER not in result.stdout


def test_site_card_pages_show_the_suits_and_no_research_notes(
    run: Run, data_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    result = run("site", target, "--data-dir", data_copy, AS_OF)
    assert result.exit_code == 0, result.stderr
    for lang in ("", "es/"):
        card = (target / lang / "jurisdictions" / "prairie-city.html").read_text(encoding="utf-8")
        assert 'id="litigation"' in card
        assert "United States v. Fixture State" in card
    for page in target.rglob("*.html"):
        assert MARKER not in page.read_text(encoding="utf-8"), page


def test_the_schema_documents_litigation(run: Run) -> None:
    for kind in ("jurisdiction", "state"):
        schema = json.loads(run("schema", "--kind", kind).stdout)
        assert schema["properties"]["litigation"]["items"] == {"$ref": "#/$defs/Litigation"}
        case = schema["$defs"]["Litigation"]
        assert set(case["required"]) == {
            "case",
            "court",
            "filed",
            "status",
            "status_date",
            "challenges",
            "sources",
        }
        assert case["properties"]["status"]["enum"] == [
            "pending", "injunction", "decided", "dismissed", "settled", "withdrawn", "appeal"
        ]  # fmt: skip
        assert "Never printed" in json.dumps(case["properties"]["research_note"])


def test_hostile_case_text_stays_text(run: Run, data_copy: Path) -> None:
    path = data_copy / "cities" / "prairie-city.yaml"
    plant(
        path, "case: United States v. Prairie City", 'case: "=cmd() <script>x</script> | [red]v[/] \\x1b[31m"'
    )
    args = ("assess", "prairie-city", "--data-dir", data_copy, AS_OF, "-f")
    assert "<script>" not in run(*args, "html").stdout
    assert "&lt;script&gt;" in run(*args, "html").stdout
    markdown = run(*args, "markdown").stdout
    assert "<script>" not in markdown
    assert "\\|" in markdown
    rows = list(csv.DictReader(io.StringIO(run(*args, "csv").stdout)))
    assert any(r["case"].startswith("'=cmd()") for r in rows)
    table = run(*args, "table").stdout
    assert "\x1b" not in table
    assert "[red]v[/]" in table


@pytest.mark.parametrize(
    ("fmt", "extension"), [("table", "txt"), ("csv", "csv"), ("markdown", "md"), ("html", "html")]
)
def test_each_renderer_lays_out_the_report_read_back_from_json(fmt: str, extension: str) -> None:
    """The renderers need no data folder: the golden JSON report, read back, gives every golden output."""
    from scorecard.cli.output import render_text
    from scorecard.report import AssessReport

    report = AssessReport.model_validate_json(
        (GOLDEN / "assess-prairie-city.json").read_text(encoding="utf-8")
    )
    assert len(report.litigation) == 3
    expected = (GOLDEN / f"assess-prairie-city.{extension}").read_text(encoding="utf-8")
    assert render_text(report, fmt, ("file", 100)) == expected
