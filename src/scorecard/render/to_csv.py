"""CSV: tidy (one row per jurisdiction and demand) with a fixed header, RFC 4180 quoting.

Text cells that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, tab or carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from functools import singledispatch

from pydantic import BaseModel

from scorecard.errors import ScorecardError
from scorecard.render.litigation import CSV_COLUMNS, csv_cells
from scorecard.render.text import csv_cell
from scorecard.report import (
    AssessReport,
    CompareColumn,
    CompareReport,
    DiffReport,
    HistoryReport,
    ListReport,
    RankReport,
    RankRow,
    SensitivityReport,
)

Cell = str | int | float | None

ASSESS_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of", "rubric_id",
    "rubric_version", "basis", "score", "grade", "coverage", "demand_id", "demand_title",
    "status", "local_status", "law_id", "overridden", "practice_status", "credit", "weight",
    "points", "max_points", "since", "confidence", "summary", "source_urls", "researched", *CSV_COLUMNS,
)  # fmt: skip
RANK_HEADER = (
    "rank", "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of",
    "rubric_id", "score", "grade", "coverage", "demand_id", "status",
)  # fmt: skip
WIDE_HEADER = (
    "rank", "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of", "rubric_id",
    "score", "grade", "coverage",
)  # fmt: skip
COMPARE_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of", "rubric_id", "score",
    "grade", "coverage", "demand_id", "status", "local_status", "law",
)  # fmt: skip
SENSITIVITY_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "default_score", "default_rank", "best_rank",
    "worst_rank", "median_rank", "weightings", "method",
)  # fmt: skip
HISTORY_HEADER = (
    "jurisdiction_id", "date", "date_display", "score", "grade", "coverage", "demand_id", "status",
    "local_status", "law_id", "changed",
)  # fmt: skip
LIST_HEADER = ("jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "last_reviewed")


def _cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    return csv_cell(value) if isinstance(value, str) else value


def table(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A CSV document: header row, then rows, CRLF-free (`\\n`) line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _rank_cells(report: RankReport, r: RankRow) -> tuple[Cell, ...]:
    return (r.rank, r.id, r.name, r.state, r.kind, r.fips, report.as_of.isoformat(), report.rubric.id,
            r.score, r.grade, r.coverage)  # fmt: skip


def _column_cells(report: CompareReport, c: CompareColumn) -> tuple[Cell, ...]:
    return (c.id, c.name, c.state, c.kind, c.fips, report.as_of.isoformat(), report.rubric.id, c.score,
            c.grade, c.coverage)  # fmt: skip


@singledispatch
def render(report: BaseModel) -> str:
    """A report as CSV."""
    raise ScorecardError(f"csv output is not available for {type(report).__name__}")


def _card_cells(report: AssessReport) -> tuple[Cell, ...]:
    j = report.jurisdiction
    return (j.id, j.name, j.state, j.kind, j.fips, report.as_of.isoformat(), report.rubric.id,
            report.rubric.version, report.basis, report.score, report.grade, report.coverage)  # fmt: skip


@render.register
def _(report: AssessReport) -> str:
    """One row per demand, then one per lawsuit (`record` tells them apart)."""
    card = _card_cells(report)
    researched = "true" if report.jurisdiction.researched else "false"
    rows: list[tuple[Cell, ...]] = [
        (
            *card,
            d.id,
            d.title,
            d.status,
            d.local_status,
            d.law.id if d.law else None,
            "yes" if d.overridden else "no",
            d.practice.status if d.practice else None,
            d.credit,
            d.weight,
            d.points,
            d.max_points,
            d.since.isoformat() if d.since else None,
            d.confidence,
            d.summary,
            " ".join(s.url for s in d.sources),
            researched,
            *csv_cells(None),
        )
        for d in report.demands
    ]
    blank = (None,) * (ASSESS_HEADER.index("summary") - len(card))
    rows += [
        (*card, *blank, c.summary, " ".join(s.url for s in c.sources), researched, *csv_cells(c))
        for c in report.litigation
    ]
    return table(ASSESS_HEADER, rows)


@render.register
def _(report: RankReport) -> str:
    if report.wide:
        header = (*WIDE_HEADER, *[demand for demand, _ in report.demands])
        return table(
            header,
            ((*_rank_cells(report, r), *[r.statuses[d] for d, _ in report.demands]) for r in report.rows),
        )
    rows = (
        (*_rank_cells(report, r), demand, r.statuses[demand])
        for r in report.rows
        for demand, _ in report.demands
    )
    return table(RANK_HEADER, rows)


@render.register
def _(report: ListReport) -> str:
    rows = ((r.id, r.name, r.state, r.kind, r.fips, r.last_reviewed.isoformat()) for r in report.rows)
    return table(LIST_HEADER, rows)


@render.register
def _(report: HistoryReport) -> str:
    rows = (
        (
            report.jurisdiction.id,
            p.date.isoformat(),
            p.date_display,
            p.score,
            p.grade,
            p.coverage,
            demand,
            p.statuses[demand],
            p.local_statuses[demand],
            p.laws[demand],
            "yes" if any(c.demand == demand for c in p.changes) else "no",
        )
        for p in report.points
        for demand, _ in report.demands
    )
    return table(HISTORY_HEADER, rows)


@render.register
def _(report: CompareReport) -> str:
    if report.wide:
        header = (*COMPARE_HEADER[:10], *[demand for demand, _ in report.demands])
        return table(
            header,
            (
                (*_column_cells(report, c), *[c.statuses[d] for d, _ in report.demands])
                for c in report.columns
            ),
        )
    rows = (
        (*_column_cells(report, c), demand, c.statuses[demand], c.local_statuses[demand], c.laws[demand])
        for c in report.columns
        for demand, _ in report.demands
    )
    return table(COMPARE_HEADER, rows)


@render.register
def _(report: SensitivityReport) -> str:
    rows = (
        (
            r.id,
            r.name,
            r.state,
            r.default_score,
            r.default_rank,
            r.best_rank,
            r.worst_rank,
            r.median_rank,
            report.weightings,
            report.method,
        )
        for r in report.rows
    )
    return table(SENSITIVITY_HEADER, rows)


DIFF_HEADER = ("old", "new", "label", "scope", "id", "name", "demand", "before", "after", "detail")


@render.register
def _(report: DiffReport) -> str:
    rows = (
        (report.old, report.new, c.label, c.scope, c.id, c.name, c.demand, c.before, c.after, c.detail)
        for c in report.changes
    )
    return table(DIFF_HEADER, rows)
