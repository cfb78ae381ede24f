"""Renderers: one module per output format, each `render(report) -> str | rich renderable`.

`RENDERERS` maps every `OutputFormat` to the module that renders it
(imported lazily, so `scorecard --help` does not pay for them); `FORMATS`
says which formats each report type has. The CLI checks `-f` against
`FORMATS` before any work, and a test checks that it matches what the
modules really render.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

from scorecard.vocab import OutputFormat

RENDERERS: dict[OutputFormat, str] = {
    OutputFormat.table: "scorecard.render.to_terminal",
    OutputFormat.json: "scorecard.render.to_json",
    OutputFormat.csv: "scorecard.render.to_csv",
    OutputFormat.markdown: "scorecard.render.to_markdown",
    OutputFormat.html: "scorecard.render.to_html",
}


_TEXT = (OutputFormat.table, OutputFormat.json, OutputFormat.csv, OutputFormat.markdown)
FORMATS: dict[str, tuple[OutputFormat, ...]] = {
    "AssessReport": (*_TEXT, OutputFormat.html),
    "RankReport": (*_TEXT, OutputFormat.html),
    "CompareReport": _TEXT,
    "HistoryReport": _TEXT,
    "ListReport": _TEXT,
    "SensitivityReport": _TEXT,
    "DiffReport": _TEXT,
    "RubricReport": (OutputFormat.table, OutputFormat.json, OutputFormat.markdown, OutputFormat.html),
}


class Renderer(Protocol):
    """What each renderer module provides."""

    def render(self, report: Any, /) -> Any:
        """Lay out a report (never compute)."""


def renderer(fmt: OutputFormat) -> Renderer:
    """The renderer module for a format."""
    module: Renderer = importlib.import_module(RENDERERS[fmt])
    return module


def with_data_line(rendered: Any, report: Any, fmt: OutputFormat) -> Any:
    """Terminal and Markdown output end with a line naming the data folders read (JSON has them as
    `data_folders`, an HTML page in its footer; CSV keeps its fixed columns)."""
    folders = getattr(report, "data_folders", ())
    if not folders or fmt not in (OutputFormat.table, OutputFormat.markdown):
        return rendered
    from scorecard.render.words import data_line

    line = data_line(folders, report.lang)
    if fmt is OutputFormat.markdown:
        from scorecard.render.text import markdown_text as md

        return rendered.rstrip("\n") + "\n\n_" + md(line) + "_\n"
    from rich.console import Group
    from rich.text import Text

    return Group(rendered, Text(line, style="dim"))
