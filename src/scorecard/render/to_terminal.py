"""Terminal output: rich renderables built from `rich.text.Text`, so data is never parsed as markup.

Status is shown by a symbol and a word as well as a color, so it survives
NO_COLOR, a pipe, and color blindness.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch

from pydantic import BaseModel
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from scorecard.errors import ScorecardError
from scorecard.i18n import translate, translate_count
from scorecard.render import words
from scorecard.render.term_card import fold, render_card, status_style, status_text
from scorecard.render.term_rubric import render_rubric
from scorecard.render.text import inert, one_line
from scorecard.report import (
    AssessReport,
    CompareReport,
    DiffReport,
    HistoryReport,
    LevelInfo,
    ListReport,
    RankReport,
    RubricInfo,
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


def _notes(rubric: RubricInfo | None, provisional: Iterable[bool], lang: str) -> list[Text]:
    """Custom weights, when used, and the legend of the provisional mark, when a row carries it."""
    notes = []
    weights = words.weights_note(rubric, lang) if rubric is not None else None
    if weights is not None:
        notes.append(Text(one_line(weights), style="bold yellow"))
    if any(provisional):
        notes.append(Text(translate(lang, words.PROVISIONAL_NOTE), style="dim"))
    return notes


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
            Text(words.score_range(row.score_range, row.provisional), style="dim" if row.provisional else ""),
            one_line(words.marked_grade(row.grade, row.provisional)),
            f"{row.coverage:.0%}",
            _symbols(row.statuses, report.demands, report.levels),
        )
    notes = _notes(report.rubric, (r.provisional for r in report.rows), lang)
    return Group(fold(table), *notes, _demand_legend(report.demands, report.levels))


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
            words.score_range(row.score_range, row.provisional),
            one_line(words.marked_grade(row.grade, row.provisional)),
            f"{row.coverage:.0%}",
            _symbols(row.statuses, report.demands, report.levels).plain,
        ]
        for row in report.rows
    ]
    notes = [n.plain for n in _notes(report.rubric, (r.provisional for r in report.rows), lang)]
    legend = _demand_legend(report.demands, report.levels).plain
    return "\n".join([title, "", *plain_table(header, rows, {0, 3, 5}), "", *notes, legend]) + "\n"


@render.register
def _(report: ListReport) -> RenderableType:
    lang = report.lang
    title = translate_count(lang, len(report.rows), "{count} jurisdiction", "{count} jurisdictions")
    title += translate(lang, ", scored as of {date}", date=report.as_of.isoformat())
    table = Table(title=Text(title), header_style="bold")
    table.add_column(translate(lang, "Id"), no_wrap=True)
    table.add_column(translate(lang, "Name"), min_width=16)
    table.add_column(translate(lang, "State"), no_wrap=True)
    table.add_column(translate(lang, "Kind"))
    table.add_column(translate(lang, "Last reviewed"), no_wrap=True)
    table.add_column(translate(lang, "Score"), justify="right", no_wrap=True)
    table.add_column(translate(lang, "Grade"), no_wrap=True)
    table.add_column(translate(lang, "Coverage"), justify="right", no_wrap=True)
    for row in report.rows:
        table.add_row(
            row.id,
            Text(one_line(row.name)),
            row.state,
            translate(lang, KIND_LABELS.get(row.kind, row.kind)),
            row.last_reviewed.isoformat(),
            words.score_range(row.score_range, row.provisional),
            one_line(words.marked_grade(row.grade, row.provisional)),
            f"{row.coverage:.0%}",
        )
    return Group(fold(table), *_notes(None, (r.provisional for r in report.rows), report.lang))


@render.register
def _(report: RubricReport) -> RenderableType:
    return render_rubric(report)


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
            words.score_range(point.score_range, point.provisional),
            one_line(words.marked_grade(point.grade, point.provisional)),
            f"{point.coverage:.0%}",
            _symbols(point.statuses, report.demands, report.levels),
            _change_text(report, index),
        )
    legend = _demand_legend(report.demands, report.levels)
    if not report.points:
        return Text("No dated statuses or state laws are recorded.", style="blue")
    notes = _notes(report.rubric, (p.provisional for p in report.points), report.lang)
    return Group(fold(table), *notes, legend)


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
    columns = report.columns
    scores = [Text(words.score_range(c.score_range, c.provisional), style="bold") for c in columns]
    table.add_row(Text("Score", style="bold"), *scores)
    grades = [Text(one_line(words.marked_grade(c.grade, c.provisional)), style="bold") for c in columns]
    table.add_row(Text("Grade", style="bold"), *grades)
    table.add_row(Text("Coverage"), *[f"{c.coverage:.0%}" for c in columns])
    notes = _notes(report.rubric, (c.provisional for c in columns), report.lang)
    return Group(fold(table), *notes, _legend(report.levels))


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
            words.marked_grade(f"{row.default_score:g}", row.provisional),
            str(row.best_rank),
            str(row.worst_rank),
            f"{row.median_rank:g}",
        )
    note = Text(
        "A jurisdiction whose best and worst ranks are close holds its place whatever the weights; "
        "a wide spread means its rank depends on which demands are weighted most.",
        style="dim",
    )
    notes = _notes(report.rubric, (r.provisional for r in report.rows), report.lang)
    low = Text(translate(report.lang, words.LOW_END_NOTE), style="dim")
    return Group(head, low, fold(table), *notes, note)


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
