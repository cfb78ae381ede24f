"""JSON: the report model dumped as it is; lists for rankings and listings."""

from __future__ import annotations

import json
import re
from functools import singledispatch
from typing import Any

from pydantic import BaseModel

from scorecard.report import ListReport, RankReport

# json escapes C0 controls itself; also escape C1 and bidi controls, which stay valid JSON.
_INVISIBLE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def dumps(value: Any) -> str:
    """Stable, indented JSON with a final newline and no invisible control characters."""
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)  # NaN and Infinity are not JSON
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


@singledispatch
def render(report: BaseModel) -> str:
    """A report as JSON."""
    return dumps(report.model_dump(mode="json"))


@render.register
def _(report: RankReport) -> str:
    return dumps([row.model_dump(mode="json") for row in report.rows])


@render.register
def _(report: ListReport) -> str:
    return dumps([row.model_dump(mode="json") for row in report.rows])
