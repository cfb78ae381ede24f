"""Terminal output: rich renderables built from `rich.text.Text`, so data is never parsed as markup.

Status is shown by a symbol and a word as well as a color, so it survives
NO_COLOR, a pipe, and color blindness.
"""

from __future__ import annotations

from functools import singledispatch

from pydantic import BaseModel
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scorecard.errors import ScorecardError
from scorecard.i18n import translate, translate_count
from scorecard.render.term_card import fold, render_card, status_style, status_text
from scorecard.render.text import inert, one_line
from scorecard.report import (
    AssessReport,
    CompareReport,
    DiffReport,
    HistoryReport,
    LevelInfo,
    ListReport,
    RankReport,
    RubricReport,
    SensitivityReport,
)
from scorecard.vocab import KIND_LABELS


@singledispatch
def render(report: BaseModel) -> RenderableType:
    """A report as a rich renderable."""
    raise ScorecardError(f"table output is not available for {type(report).__name__}")


@render.register
def _(report: AssessReport) -> RenderableType:
    return render_card(report)


def _symbols(statuses: dict[str, str], demands: list[tuple[str, str]], levels: dict[str, LevelInfo]) -> Text:
    text = Text()
    for index, (demand, _) in enumerate(demands):
        level = levels[statuses[demand]]
        symbol, style = status_style(level.credit, level.known)
        text.append(("" if index == 0 else " ") + symbol, style=style)
    return text


def _demand_legend(demands: list[tuple[str, str]], levels: dict[str, LevelInfo]) -> Text:
    legend = Text("Statuses, in order: ", style="dim")
    legend.append("; ".join(f"{i}. {one_line(t)}" for i, (_, t) in enumerate(demands, 1)), style="dim")
    legend.append("\n")
    legend.append_text(_legend(levels))
    return legend


@render.register
def _(report: RankReport) -> RenderableType | str:
    lang = report.lang
    if len(report.rows) > LARGE:
        return _plain_rank(report)
    table = Table(
        title=Text(
            translate(
                lang,
                "Ranking by {title} v{version}, as of {date}",
                title=one_line(report.rubric.title),
                version=inert(report.rubric.version),
                date=report.as_of.isoformat(),
            )
        ),
        header_style="bold",
    )
    table.add_column(translate(lang, "Rank"), justify="right")
    table.add_column(translate(lang, "Jurisdiction"), min_width=12)
    table.add_column(translate(lang, "State"))
    table.add_column(translate(lang, "Score"), justify="right")
    table.add_column(translate(lang, "Grade"))
    table.add_column(translate(lang, "Coverage"), justify="right")
    table.add_column(translate(lang, "Statuses"), no_wrap=True)
    for row in report.rows:
        table.add_row(
            str(row.rank),
            Text(one_line(row.name)),
            row.state,
            f"{row.score:g}",
            row.grade,
            f"{row.coverage:.0%}",
            _symbols(row.statuses, report.demands, report.levels),
        )
    return Group(fold(table), _demand_legend(report.demands, report.levels))


LARGE = 300  # rows; bigger tables are laid out as plain text, which is a hundred times faster than rich


def plain_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A plain-text table: columns padded to their widest cell, two spaces apart."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    return [line(header), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def _plain_rank(report: RankReport) -> str:
    lang = report.lang
    title = translate(
        lang,
        "Ranking by {title} v{version}, as of {date}",
        title=one_line(report.rubric.title),
        version=inert(report.rubric.version),
        date=report.as_of.isoformat(),
    )
    header = [
        translate(lang, "Rank"),
        translate(lang, "Jurisdiction"),
        translate(lang, "State"),
        translate(lang, "Score"),
        translate(lang, "Grade"),
        translate(lang, "Coverage"),
        translate(lang, "Statuses"),
    ]
    rows = [
        [
            str(row.rank),
            one_line(row.name),
            row.state,
            f"{row.score:g}",
            one_line(row.grade),
            f"{row.coverage:.0%}",
            _symbols(row.statuses, report.demands, report.levels).plain,
        ]
        for row in report.rows
    ]
    legend = _demand_legend(report.demands, report.levels).plain
    return "\n".join([title, "", *plain_table(header, rows, {0, 3, 5}), "", legend]) + "\n"


@render.register
def _(report: ListReport) -> RenderableType:
    lang = report.lang
    title = translate_count(lang, len(report.rows), "{count} jurisdiction", "{count} jurisdictions")
    table = Table(title=Text(title), header_style="bold")
    table.add_column(translate(lang, "Id"), no_wrap=True)
    for column in ("Name", "State", "Kind", "FIPS", "Last reviewed"):
        table.add_column(translate(lang, column))
    for row in report.rows:
        table.add_row(
            row.id,
            Text(one_line(row.name)),
            row.state,
            KIND_LABELS.get(row.kind, row.kind),
            row.fips or "",
            row.last_reviewed.isoformat(),
        )
    return fold(table)


@render.register
def _(report: RubricReport) -> RenderableType:
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


def _level(level: LevelInfo) -> Text:
    return status_text(level.label, level.credit, level.known)


def _change_text(report: HistoryReport, index: int) -> Text:
    point = report.points[index]
    text = Text()
    for number, change in enumerate(point.changes):
        if number:
            text.append("\n")
        level = report.levels[change.after]
        text.append(f"{one_line(change.title)}: ")
        text.append_text(status_text(level.label, level.credit, level.known))
        if change.law:
            text.append(f" by {one_line(change.law)}", style="dim")
        elif change.cause == "practice":
            text.append(" (observed practice)", style="dim")
    return text


@render.register
def _(report: HistoryReport) -> RenderableType:
    j = report.jurisdiction
    table = Table(
        title=Text(f"{one_line(j.name)}, {j.state}: score over time (until {report.until.isoformat()})"),
        header_style="bold",
        show_lines=True,
    )
    table.add_column("From", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("Grade")
    table.add_column("Coverage", justify="right")
    table.add_column("Statuses", no_wrap=True)
    table.add_column("What changed")
    for index, point in enumerate(report.points):
        table.add_row(
            point.date_display,
            f"{point.score:g}",
            point.grade,
            f"{point.coverage:.0%}",
            _symbols(point.statuses, report.demands, report.levels),
            _change_text(report, index),
        )
    legend = _demand_legend(report.demands, report.levels)
    if not report.points:
        return Text("No dated statuses or state laws are recorded.", style="blue")
    return Group(fold(table), legend)


def _legend(levels: dict[str, LevelInfo]) -> Text:
    legend = Text("Legend: ", style="dim")
    for index, level in enumerate(levels.values()):
        if index:
            legend.append("  ")
        legend.append_text(_level(level))
    return legend


@render.register
def _(report: CompareReport) -> RenderableType:
    table = Table(
        title=Text(
            f"{one_line(report.rubric.title)} v{inert(report.rubric.version)}, "
            f"as of {report.as_of.isoformat()}"
        ),
        header_style="bold",
        show_lines=True,
    )
    table.add_column("Demand")
    for column in report.columns:
        table.add_column(Text(f"{one_line(column.name)}, {column.state}"))
    for demand, title in report.demands:
        cells: list[RenderableType] = [Text(one_line(title))]
        for column in report.columns:
            cell = _level(report.levels[column.statuses[demand]])
            law = column.laws[demand]
            if law:
                cell.append(f"\nby {one_line(law)}", style="dim")
            cells.append(cell)
        table.add_row(*cells)
    table.add_row(Text("Score", style="bold"), *[Text(f"{c.score:g}", style="bold") for c in report.columns])
    table.add_row(Text("Grade", style="bold"), *[Text(c.grade, style="bold") for c in report.columns])
    table.add_row(Text("Coverage"), *[f"{c.coverage:.0%}" for c in report.columns])
    return Group(fold(table), _legend(report.levels))


@render.register
def _(report: SensitivityReport) -> RenderableType:
    head = Text(
        f"Rank sensitivity: {report.weightings} weightings ({inert(report.method)}); "
        f"Spearman correlation with the default ranking: min {report.min_spearman:g}, "
        f"median {report.median_spearman:g}",
        style="bold",
    )
    table = Table(header_style="bold")
    table.add_column("Default rank", justify="right")
    table.add_column("Jurisdiction")
    table.add_column("State")
    table.add_column("Score", justify="right")
    table.add_column("Best rank", justify="right")
    table.add_column("Worst rank", justify="right")
    table.add_column("Median rank", justify="right")
    for row in report.rows:
        table.add_row(
            str(row.default_rank),
            Text(one_line(row.name)),
            row.state,
            f"{row.default_score:g}",
            str(row.best_rank),
            str(row.worst_rank),
            f"{row.median_rank:g}",
        )
    note = Text(
        "A jurisdiction whose best and worst ranks are close holds its place whatever the weights; "
        "a wide spread means its rank depends on which demands are weighted most.",
        style="dim",
    )
    return Group(head, fold(table), note)


@render.register
def _(report: DiffReport) -> RenderableType:
    head = Text(f"Data changes: {inert(report.old)} → {inert(report.new)}", style="bold")
    if not report.changes:
        return Group(head, Text("No changes."))
    table = Table(header_style="bold", show_lines=True)
    for column in ("Kind", "Where", "Demand", "Status", "Detail"):
        table.add_column(column)
    styles = {"policy change": "bold yellow", "evidence change": "cyan", "rubric change": "magenta"}
    for c in report.changes:
        status = (
            f"{c.before} → {c.after}" if c.before and c.after and c.before != c.after else (c.after or "")
        )
        table.add_row(
            Text(c.label, style=styles.get(c.label, "")),
            Text(one_line(c.name) + (f" ({c.id})" if c.scope != "rubric" else "")),
            c.demand or "",
            Text(inert(status)),
            Text(one_line(c.detail)),
        )
    parts: list[RenderableType] = [head, fold(table)]
    if report.scores:
        scores = Table(title=Text(f"Scores as of {report.as_of.isoformat()}"), header_style="bold")
        for column in ("Jurisdiction", "Before", "After", "Change"):
            scores.add_column(column, justify="left" if column == "Jurisdiction" else "right")
        for sc in report.scores:
            scores.add_row(
                Text(one_line(sc.name)),
                f"{sc.before:g} ({sc.grade_before})",
                f"{sc.after:g} ({sc.grade_after})",
                f"{sc.after - sc.before:+g}",
            )
        parts.append(fold(scores))
    return Group(*parts)
