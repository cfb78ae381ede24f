"""Renderers: golden output per format, a renderer for every format, and inert data text."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecard.render import RENDERERS, renderer
from scorecard.vocab import OutputFormat

from .conftest import VALID, Run, plant

AS_OF = "--as-of=2026-02-01"
EXTENSIONS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(OutputFormat)
    for fmt in OutputFormat:
        assert callable(renderer(fmt).render)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("city", ["prairie-city", "lone-star-city"])
def test_assess_golden(run: Run, golden: Callable[[str, str], None], city: str, fmt: str) -> None:
    result = run("assess", city, "--data-dir", VALID, AS_OF, "-f", fmt)
    assert result.exit_code == 0
    golden(f"assess-{city}.{EXTENSIONS[fmt]}", result.stdout)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_rank_and_list_golden(run: Run, golden: Callable[[str, str], None], fmt: str) -> None:
    golden(f"rank.{EXTENSIONS[fmt]}", run("rank", "--data-dir", VALID, AS_OF, "-f", fmt).stdout)
    golden(f"list.{EXTENSIONS[fmt]}", run("list", "--data-dir", VALID, "-f", fmt).stdout)


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_rubric_golden(run: Run, golden: Callable[[str, str], None], fmt: str) -> None:
    golden(f"rubric.{EXTENSIONS[fmt]}", run("rubric", "-f", fmt).stdout)


def test_same_input_same_bytes(run: Run) -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        first = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", fmt).stdout
        assert first == run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", fmt).stdout


HOSTILE_NAME = (
    "Evil [bold red]City[/] \x1b[31mred\x1b]8;;https://x.test\x07 <script>alert(1)</script> {{ 7*7 }}"
)
HOSTILE_SUMMARY = '=HYPERLINK("https://x.test") | col | \n# heading\n\u202eeman'


@pytest.fixture
def hostile_data(data_copy: Path) -> Path:
    path = data_copy / "cities" / "prairie-city.yaml"
    plant(path, "name: Prairie City", f"name: {json.dumps(HOSTILE_NAME)}")
    plant(
        path,
        "summary: City employees may not ask about immigration status.",
        f"summary: {json.dumps(HOSTILE_SUMMARY)}",
    )
    return data_copy


def test_terminal_output_is_inert(run: Run, hostile_data: Path) -> None:
    out = run("assess", "prairie-city", "--data-dir", hostile_data, AS_OF).stdout
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "[bold red]City[/]" in out  # markup shown, not applied
    assert "\\x1b[31mred" in out


def test_markdown_output_is_inert(run: Run, hostile_data: Path) -> None:
    out = run("assess", "prairie-city", "--data-dir", hostile_data, AS_OF, "-f", "markdown").stdout
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    table_rows = [line for line in out.splitlines() if line.startswith("| No proactive")]
    assert len(table_rows) == 1
    assert table_rows[0].count(" | ") == 4  # the summary's pipes are escaped, not new cells
    assert "\n# heading" not in out


def test_csv_output_neutralises_formulas(run: Run, hostile_data: Path) -> None:
    out = run("assess", "prairie-city", "--data-dir", hostile_data, AS_OF, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    summary = next(r["summary"] for r in rows if r["demand_id"] == "no-proactive-communication")
    assert summary.startswith("'=HYPERLINK")
    assert all(
        not re.match(r"[=+\-@]", value)
        for row in rows
        for value in row.values()
        if value and not value[0].isdigit() and value != "-"
    )
    assert "\x1b" not in out


def test_json_output_round_trips_the_data(run: Run, hostile_data: Path) -> None:
    out = run("assess", "prairie-city", "--data-dir", hostile_data, AS_OF, "-f", "json").stdout
    assert "\x1b" not in out
    assert "\u202e" not in out
    data = json.loads(out)
    assert data["jurisdiction"]["name"] == HOSTILE_NAME
    assert data["demands"][2]["summary"] == HOSTILE_SUMMARY


def test_the_format_table_matches_what_each_renderer_renders() -> None:
    """`FORMATS` (checked by the CLI before any work) says exactly what the modules render."""
    import scorecard.report as reports
    from scorecard.render import FORMATS

    for name, formats in FORMATS.items():
        report_type = getattr(reports, name)
        for fmt in OutputFormat:
            registry = renderer(fmt).render.registry  # type: ignore[attr-defined]
            handled = report_type in registry or fmt is OutputFormat.json  # JSON dumps any report
            assert handled == (fmt in formats), (name, fmt)
    rendered = {
        cls.__name__
        for fmt in OutputFormat
        for cls in renderer(fmt).render.registry  # type: ignore[attr-defined]
        if cls.__module__.startswith("scorecard.report")
    }
    assert rendered <= set(FORMATS)


def test_the_plain_ranking_symbols_are_the_styled_ones_without_styles() -> None:
    """The long plain ranking writes status symbols without rich Text; they are the table's symbols."""
    from scorecard.render.to_terminal import _plain_symbols, _symbols
    from scorecard.report import LevelInfo

    levels = {
        "met": LevelInfo(id="met", label="Met", credit=1.0, known=True),
        "partial": LevelInfo(id="partial", label="Partial", credit=0.5, known=True),
        "not_met": LevelInfo(id="not_met", label="Not met", credit=0.0, known=True),
        "unknown": LevelInfo(id="unknown", label="Unknown", credit=0.0, known=False),
    }
    demands = [(f"d{i}", f"Demand {i}") for i in range(4)]
    for order in (["met", "partial", "not_met", "unknown"], ["unknown", "unknown", "met", "not_met"]):
        statuses = {f"d{i}": status for i, status in enumerate(order)}
        plain = _plain_symbols(statuses, demands, levels)
        assert plain == _symbols(statuses, demands, levels).plain
        assert len(set(plain.split(" "))) == len(set(order))  # each level its own symbol
