"""The terminal view of the rubric (`scorecard rubric`): demands, criteria, levels and grades."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scorecard.i18n import translate
from scorecard.render.term_card import fold, status_text
from scorecard.render.text import inert, one_line
from scorecard.report import RubricReport


def render_rubric(report: RubricReport) -> RenderableType:
    """The rubric: demands, weights and shares, criteria, status levels, grades, the formula."""
    lang = report.lang
    head = Text(f"{one_line(report.title)} (v{inert(report.version)}, id {report.id})", style="bold")
    origin = Text(
        translate(lang, "Origin: {title}", title=one_line(report.origin_title))
        + (f", {one_line(report.origin_organization)}" if report.origin_organization else "")
        + f", {report.origin_year} — {inert(report.origin_url)}",
        style="dim",
    )
    parts: list[RenderableType] = [head, origin]
    if report.description:
        parts.append(Text(inert(report.description)))
    demands = Table(header_style="bold", title=translate(lang, "Demands"))
    demands.add_column(translate(lang, "Id"))
    demands.add_column(translate(lang, "Demand"))
    demands.add_column(translate(lang, "Weight"), justify="right")
    demands.add_column(translate(lang, "Share of score"), justify="right")
    for demand in report.demands:
        demands.add_row(demand.id, Text(one_line(demand.title)), f"{demand.weight:g}", f"{demand.share:g}%")
    labels = {level.id: level.label for level in report.levels}
    blocks: list[RenderableType] = []
    for number, demand in enumerate(report.demands, start=1):
        lines: list[RenderableType] = [
            Text(f"{number}. {one_line(demand.title)} ({demand.id})", style="bold"),
            Text(one_line(demand.description)),
        ]
        for level, text in demand.criteria.items():
            line = Text(f"{inert(labels.get(level, level))}: ", style="bold")
            line.append(one_line(text))
            lines.append(Padding(line, (0, 0, 0, 2)))
        blocks.append(Padding(Group(*lines), (0, 0, 1, 0)))
    levels = Table(header_style="bold", title=translate(lang, "Status levels"))
    levels.add_column(translate(lang, "Level"))
    levels.add_column(translate(lang, "Credit"), justify="right")
    levels.add_column(translate(lang, "Counts as"))
    for info in report.levels:
        levels.add_row(
            status_text(info.label, info.credit, info.known),
            f"{info.credit:g}",
            translate(lang, "known")
            if info.known
            else translate(lang, "a data gap (0 points, lowers coverage)"),
        )
    grades = Table(header_style="bold", title=translate(lang, "Grades"))
    grades.add_column(translate(lang, "Grade"))
    grades.add_column(translate(lang, "Lowest score"), justify="right")
    for grade, low in report.grades:
        grades.add_row(grade, f"{low:g}")
    formula = Text(
        translate(lang, "score = 100 × Σ(weight × credit) / Σ(weight), rounded to one decimal"), style="dim"
    )
    criteria = Rule(translate(lang, "Criteria"), style="dim")
    return Group(*parts, fold(demands), criteria, *blocks, levels, grades, formula)
