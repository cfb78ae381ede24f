"""Small inline SVG charts for the HTML pages: coordinates only, the templates draw them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class TrendChart:
    """A small line chart of a score over time: its points in the chart's coordinates, and the data."""

    width: int
    height: int
    line: str  # the polyline's points
    dots: tuple[tuple[float, float], ...]
    points: tuple[Any, ...]
    first: str
    last: str


def trend_chart(points: Sequence[Any], width: int = 320, height: int = 120, pad: int = 8) -> TrendChart:
    """Where each score falls on a chart 0 to 100 high, dates spaced by time."""
    days = [p.date.toordinal() for p in points]
    span = max(days[-1] - days[0], 1)
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    dots = tuple(
        (round(pad + inner_w * (day - days[0]) / span, 1), round(pad + inner_h * (1 - p.score / 100), 1))
        for day, p in zip(days, points, strict=True)
    )
    # a step line: the score holds until the next change
    corners = [dots[0]]
    for previous, dot in pairwise(dots):
        corners += [(dot[0], previous[1]), dot]
    line = " ".join(f"{x},{y}" for x, y in corners)
    return TrendChart(
        width, height, line, dots, tuple(points), points[0].date_display, points[-1].date_display
    )
