"""Renderers: one module per output format, each `render(report) -> str | rich renderable`.

`RENDERERS` is the registry: every `OutputFormat` maps to the module that
renders it (imported lazily, so `scorecard --help` does not pay for them).
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import Any, Protocol


class OutputFormat(StrEnum):
    """Output formats of the reporting commands."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


RENDERERS: dict[OutputFormat, str] = {
    OutputFormat.table: "scorecard.render.to_terminal",
    OutputFormat.json: "scorecard.render.to_json",
    OutputFormat.csv: "scorecard.render.to_csv",
    OutputFormat.markdown: "scorecard.render.to_markdown",
    OutputFormat.html: "scorecard.render.to_html",
}


class Renderer(Protocol):
    """What each renderer module provides."""

    def render(self, report: Any, /) -> Any:
        """Lay out a report (never compute)."""


def renderer(fmt: OutputFormat) -> Renderer:
    """The renderer module for a format."""
    module: Renderer = importlib.import_module(RENDERERS[fmt])
    return module
