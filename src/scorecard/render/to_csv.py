"""CSV: tidy (one row per jurisdiction and demand) with a fixed header, RFC 4180 quoting.

Column names are those of `report/columns.py` (the same as the JSON's keys); true/false cells
are `true` and `false`; a date known to the year or month is written so (2006, 2017-08).

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
    Ranged,
    RankReport,
    RankRow,
    SensitivityReport,
)

Cell = str | int | float | None

RANGE = ("score_low", "score_high", "provisional", "settled_by_local", "settled_by_state")
ASSESS_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of", "rubric_id",
    "rubric_version", "basis", "score", "grade", "coverage", *RANGE, "demand_id", "demand_title",
    "status", "local_status", "settled", "law_id", "overridden", "practice_status", "credit", "weight",
    "rubric_weight", "points", "max_points", "since", "since_precision", "confidence", "summary",
    "source_urls", "verdict", "researched", *CSV_COLUMNS,
)  # fmt: skip
RANK_HEADER = (
    "rank", "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of",
    "rubric_id", "score", "grade", "coverage", *RANGE, "demand_id", "status", "settled", "weight",
)  # fmt: skip
WIDE_HEADER = (
    "rank", "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of", "rubric_id",
    "score", "grade", "coverage", *RANGE,
)  # fmt: skip
COMPARE_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "as_of", "rubric_id", "score",
    "grade", "coverage", *RANGE, "demand_id", "status", "settled", "local_status", "law_id", "weight",
)  # fmt: skip
SENSITIVITY_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "score", "provisional", "default_rank",
    "best_rank", "worst_rank", "median_rank", "weightings", "method",
)  # fmt: skip
HISTORY_HEADER = (
    "jurisdiction_id", "date", "date_precision", "score", "grade", "coverage", *RANGE, "demand_id",
    "status", "local_status", "law_id", "changed", "weight",
)  # fmt: skip
LIST_HEADER = (
    "jurisdiction_id", "jurisdiction_name", "state", "kind", "fips", "last_reviewed", "as_of", "score",
    "grade", "coverage", *RANGE,
)  # fmt: skip


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _range(row: Ranged | AssessReport) -> tuple[Cell, ...]:
    low, high = row.score_range
    return (low, high, _bool(row.provisional), row.settled_by_local, row.settled_by_state)


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
            r.score, r.grade, r.coverage, *_range(r))  # fmt: skip


def _column_cells(report: CompareReport, c: CompareColumn) -> tuple[Cell, ...]:
    return (c.id, c.name, c.state, c.kind, c.fips, report.as_of.isoformat(), report.rubric.id, c.score,
            c.grade, c.coverage, *_range(c))  # fmt: skip


@singledispatch
def render(report: BaseModel) -> str:
    """A report as CSV."""
    raise ScorecardError(f"csv output is not available for {type(report).__name__}")


def _card_cells(report: AssessReport) -> tuple[Cell, ...]:
    j = report.jurisdiction
    return (j.id, j.name, j.state, j.kind, j.fips, report.as_of.isoformat(), report.rubric.id,
            report.rubric.version, report.basis, report.score, report.grade, report.coverage,
            *_range(report))  # fmt: skip


@render.register
def _(report: AssessReport) -> str:
    """One row per demand, then one per lawsuit (`record` tells them apart)."""
    card = _card_cells(report)
    researched = _bool(report.jurisdiction.researched)
    rubric_weights = {c.demand: c.rubric_weight for c in report.rubric.changed_weights}
    rows: list[tuple[Cell, ...]] = [
        (
            *card,
            d.id,
            d.title,
            d.status,
            d.local_status,
            _bool(d.settled),
            d.law.id if d.law else None,
            _bool(d.overridden),
            d.practice.status if d.practice else None,
            d.credit,
            d.weight,
            rubric_weights.get(d.id, d.weight),
            d.points,
            d.max_points,
            d.since_display,
            d.since_precision,
            d.confidence,
            d.summary,
            " ".join(s.url for s in d.sources),
            report.verdict.text,
            researched,
            *csv_cells(None),
        )
        for d in report.demands
    ]
    blank = (None,) * (ASSESS_HEADER.index("summary") - len(card))
    rows += [
        (
            *card,
            *blank,
            c.summary,
            " ".join(s.url for s in c.sources),
            report.verdict.text,
            researched,
            *csv_cells(c),
        )
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
    weights = report.rubric.weights
    rows = (
        (*_rank_cells(report, r), demand, r.statuses[demand], _bool(r.settled[demand]), weights[demand])
        for r in report.rows
        for demand, _ in report.demands
    )
    return table(RANK_HEADER, rows)


@render.register
def _(report: ListReport) -> str:
    as_of = report.as_of.isoformat()
    rows = (
        (
            r.id,
            r.name,
            r.state,
            r.kind,
            r.fips,
            r.last_reviewed.isoformat(),
            as_of,
            r.score,
            r.grade,
            r.coverage,
            *_range(r),
        )
        for r in report.rows
    )
    return table(LIST_HEADER, rows)


@render.register
def _(report: HistoryReport) -> str:
    rows = (
        (
            report.jurisdiction.id,
            p.date_display,
            p.date_precision,
            p.score,
            p.grade,
            p.coverage,
            *_range(p),
            demand,
            p.statuses[demand],
            p.local_statuses[demand],
            p.law_ids[demand],
            _bool(any(c.demand == demand for c in p.changes)),
            report.rubric.weights[demand],
        )
        for p in report.points
        for demand, _ in report.demands
    )
    return table(HISTORY_HEADER, rows)


@render.register
def _(report: CompareReport) -> str:
    if report.wide:
        header = (*COMPARE_HEADER[: COMPARE_HEADER.index("demand_id")], *[d for d, _ in report.demands])
        return table(
            header,
            (
                (*_column_cells(report, c), *[c.statuses[d] for d, _ in report.demands])
                for c in report.columns
            ),
        )
    rows = (
        (
            *_column_cells(report, c),
            demand,
            c.statuses[demand],
            _bool(c.settled[demand]),
            c.local_statuses[demand],
            c.law_ids[demand],
            report.rubric.weights[demand],
        )
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
            r.score,
            _bool(r.provisional),
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


# the report's editions, then each change's fields by their names
DIFF_HEADER = (
    "old",
    "new",
    "change_kind",
    "subject",
    "id",
    "name",
    "demand",
    "old_value",
    "new_value",
    "detail",
)


@render.register
def _(report: DiffReport) -> str:
    rows = ((report.old, report.new, *(getattr(c, name) for name in DIFF_HEADER[2:])) for c in report.changes)
    return table(DIFF_HEADER, rows)
