"""JSON: the report model dumped as it is; reports about many jurisdictions lead with their context.

`rank`, `compare`, `sensitivity` and `history` are objects that start with
the context every number depends on (`as_of`, `rubric` {id, version, title},
`weights` as used for every demand, `basis`), then their `rows` (a
comparison's jurisdictions, a history's dates: `rows` too, whatever the
terminal lays out as columns). `list` is `{as_of, rows}`. Two exported
rankings can always be told apart. Keys are the names of `report/columns.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import singledispatch
from typing import Any

from pydantic import BaseModel

from scorecard.report import (
    CompareReport,
    HistoryReport,
    ListReport,
    RankReport,
    RubricInfo,
    SensitivityReport,
)

# json escapes C0 controls itself; also escape C1 and bidi controls, which stay valid JSON.
_INVISIBLE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def dumps(value: Any) -> str:
    """Stable, indented JSON with a final newline and no invisible control characters."""
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)  # NaN and Infinity are not JSON
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def context(as_of: dt.date, rubric: RubricInfo, basis: str) -> dict[str, Any]:
    """What every number of a many-jurisdiction report depends on."""
    return {
        "as_of": as_of.isoformat(),
        "rubric": {"id": rubric.id, "version": rubric.version, "title": rubric.title},
        "weights": dict(rubric.weights),
        "changed_weights": [change.model_dump(mode="json") for change in rubric.changed_weights],
        "basis": str(basis),
    }


def _rest(report: BaseModel, *drop: str) -> dict[str, Any]:
    return report.model_dump(mode="json", exclude={"rubric", "as_of", "basis", "wide", *drop})


@singledispatch
def render(report: BaseModel) -> str:
    """A report as JSON."""
    return dumps(report.model_dump(mode="json"))


@render.register
def _(report: RankReport) -> str:
    rows = [row.model_dump(mode="json") for row in report.rows]
    head = {"lang": report.lang, "data_folders": list(report.data_folders)}
    return dumps({**context(report.as_of, report.rubric, report.basis), **head, "rows": rows})


@render.register
def _(report: CompareReport) -> str:
    rest = _rest(report, "columns")
    rows = [column.model_dump(mode="json") for column in report.columns]
    return dumps({**context(report.as_of, report.rubric, report.basis), **rest, "rows": rows})


@render.register
def _(report: SensitivityReport) -> str:
    return dumps({**context(report.as_of, report.rubric, report.basis), **_rest(report)})


@render.register
def _(report: HistoryReport) -> str:
    rest = _rest(report, "until", "points")
    rows = [point.model_dump(mode="json") for point in report.points]
    return dumps({**context(report.until, report.rubric, report.basis), **rest, "rows": rows})


@render.register
def _(report: ListReport) -> str:
    return dumps(
        {
            "as_of": report.as_of.isoformat(),
            **_rest(report, "rows"),
            "rows": [row.model_dump(mode="json") for row in report.rows],
        }
    )
