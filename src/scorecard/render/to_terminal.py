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
from scorecard.render.term_fit import Col, Either, Fitted, min_width
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


def _plain_symbols(
    statuses: dict[str, str], demands: list[tuple[str, str]], levels: dict[str, LevelInfo]
) -> str:
    """`_symbols` without styles, for the plain ranking: no rich Text per row (a third of its time)."""
    shown = (levels[statuses[demand]] for demand, _ in demands)
    return " ".join(status_style(level.credit, level.known)[0] for level in shown)


def _notes(rubric: RubricInfo | None, provisional: Iterable[bool], lang: str) -> list[Text]:
    """Custom weights, when used, and the legend of the provisional mark, when a row carries it."""
    notes = []
    weights = words.weights_note(rubric, lang) if rubric is not None else None
    if weights is not None:
        notes.append(Text(one_line(weights), style="bold yellow"))
    if any(provisional):
        notes.append(Text(translate(lang, words.PROVISIONAL_NOTE), style="dim"))
    return notes


def _demand_legend(demands: list[tuple[str, str]], levels: dict[str, LevelInfo], lang: str) -> Text:
    legend = Text(translate(lang, "Statuses, in order:") + " ", style="dim")
    legend.append("; ".join(f"{i}. {one_line(t)}" for i, (_, t) in enumerate(demands, 1)), style="dim")
    legend.append("\n")
    legend.append_text(_legend(levels, lang))
    return legend


@render.register
def _(report: RankReport) -> RenderableType | str:
    return plain_rank(report) if len(report.rows) > LARGE else rich_rank(report)


def rich_rank(report: RankReport) -> RenderableType:
    """The ranking as a rich table: wrapped to the terminal's width."""
    lang = report.lang
    title = translate(
        lang,
        "Ranking by {title} v{version}, as of {date}",
        title=one_line(report.rubric.title),
        version=inert(report.rubric.version),
        date=report.as_of.isoformat(),
    )
    rows = report.rows
    cols = [
        Col(translate(lang, "Rank"), [str(r.rank) for r in rows], justify="right"),
        Col(translate(lang, "Jurisdiction"), [Text(one_line(r.name)) for r in rows], wrap=True),
        Col(translate(lang, "State"), [r.state for r in rows], drop=2),
        Col(
            translate(lang, "Score"),
            [
                Text(words.score_range(r.score_range, r.provisional), style="dim" if r.provisional else "")
                for r in rows
            ],
            justify="right",
        ),
        Col(translate(lang, "Grade"), [one_line(words.marked_grade(r.grade, r.provisional)) for r in rows]),
        Col(translate(lang, "Coverage"), [f"{r.coverage:.0%}" for r in rows], justify="right", drop=3),
        Col(translate(lang, "Statuses"), [_symbols(r.statuses, report.demands, report.levels) for r in rows]),
    ]
    notes = _notes(report.rubric, (r.provisional for r in rows), lang)
    return Fitted(
        cols, lang, title=title, after=[*notes, _demand_legend(report.demands, report.levels, lang)]
    )


# Rows past which the ranking is laid out as plain text at its natural width (not wrapped to COLUMNS):
# rich takes about 20 s for the 3,200 rows of `rank --include-baseline`, plain text 0.2 s
# (benchmarks/large_tables.py).
LARGE = 300


def plain_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A plain-text table: columns padded to their widest cell, two spaces apart."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    return [line(header), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def plain_rank(report: RankReport) -> str:
    """The ranking as plain text, for tables too long for rich (see LARGE)."""
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
            _plain_symbols(row.statuses, report.demands, report.levels),
        ]
        for row in report.rows
    ]
    notes = [n.plain for n in _notes(report.rubric, (r.provisional for r in report.rows), lang)]
    legend = _demand_legend(report.demands, report.levels, report.lang).plain
    return "\n".join([title, "", *plain_table(header, rows, {0, 3, 5}), "", *notes, legend]) + "\n"


@render.register
def _(report: ListReport) -> RenderableType:
    lang = report.lang
    title = translate_count(lang, len(report.rows), "{count} jurisdiction", "{count} jurisdictions")
    title += translate(lang, ", scored as of {date}", date=report.as_of.isoformat())
    rows = report.rows
    cols = [
        Col(translate(lang, "Id"), [r.id for r in rows]),
        Col(translate(lang, "Name"), [Text(one_line(r.name)) for r in rows], wrap=True),
        Col(translate(lang, "State"), [r.state for r in rows]),
        Col(
            translate(lang, "Kind"), [translate(lang, KIND_LABELS.get(r.kind, r.kind)) for r in rows], drop=3
        ),
        Col(translate(lang, "Last reviewed"), [r.last_reviewed.isoformat() for r in rows], drop=4),
        Col(
            translate(lang, "Score"),
            [words.score_range(r.score_range, r.provisional) for r in rows],
            justify="right",
        ),
        Col(translate(lang, "Grade"), [one_line(words.marked_grade(r.grade, r.provisional)) for r in rows]),
        Col(translate(lang, "Coverage"), [f"{r.coverage:.0%}" for r in rows], justify="right", drop=2),
    ]
    notes = _notes(None, (r.provisional for r in rows), lang)
    return Fitted(cols, lang, title=title, after=notes)


@render.register
def _(report: RubricReport) -> RenderableType:
    return render_rubric(report)


def _level(level: LevelInfo) -> Text:
    return status_text(level.label, level.credit, level.known)


def _change_text(report: HistoryReport, index: int) -> Text:
    lang = report.lang
    point = report.points[index]
    text = Text()
    for number, change in enumerate(point.changes):
        if number:
            text.append("\n")
        level = report.levels[change.after]
        text.append(f"{one_line(change.title)}: ")
        text.append_text(status_text(level.label, level.credit, level.known))
        if change.law_label:
            text.append(" " + translate(lang, "by {law}", law=one_line(change.law_label)), style="dim")
        elif change.cause == "practice":
            text.append(" (" + translate(lang, "observed practice") + ")", style="dim")
    return text


@render.register
def _(report: HistoryReport) -> RenderableType:
    j = report.jurisdiction
    lang = report.lang
    title = translate(
        lang,
        "{name}, {state}: score over time (until {date})",
        name=one_line(j.name),
        state=j.state,
        date=report.until.isoformat(),
    )
    table = Table(title=Text(title), header_style="bold", show_lines=True)
    table.add_column(translate(lang, "From"), no_wrap=True)
    table.add_column(translate(lang, "Score"), justify="right")
    table.add_column(translate(lang, "Grade"))
    table.add_column(translate(lang, "Coverage"), justify="right")
    table.add_column(translate(lang, "Statuses"), no_wrap=True)
    table.add_column(translate(lang, "What changed"))
    for index, point in enumerate(report.points):
        table.add_row(
            point.date_display,
            words.score_range(point.score_range, point.provisional),
            one_line(words.marked_grade(point.grade, point.provisional)),
            f"{point.coverage:.0%}",
            _symbols(point.statuses, report.demands, report.levels),
            _change_text(report, index),
        )
    legend = _demand_legend(report.demands, report.levels, report.lang)
    if not report.points:
        return Text(translate(lang, "No dated statuses or state laws are recorded."), style="blue")
    notes = _notes(report.rubric, (p.provisional for p in report.points), report.lang)
    return Group(fold(table), *notes, legend)


def _legend(levels: dict[str, LevelInfo], lang: str) -> Text:
    legend = Text(translate(lang, "Legend:") + " ", style="dim")
    for index, level in enumerate(levels.values()):
        if index:
            legend.append("  ")
        legend.append_text(_level(level))
    return legend


@render.register
def _(report: CompareReport) -> RenderableType:
    lang = report.lang
    heading = translate(
        lang,
        "{title} v{version}, as of {date}",
        title=one_line(report.rubric.title),
        version=inert(report.rubric.version),
        date=report.as_of.isoformat(),
    )
    table = Table(title=Text(heading), header_style="bold", show_lines=True)
    table.add_column(translate(lang, "Demand"))
    heads = [Text(f"{one_line(column.name)}, {column.state}") for column in report.columns]
    for head in heads:
        table.add_column(head)
    for demand, title in report.demands:
        cells: list[RenderableType] = [Text(one_line(title))]
        for column in report.columns:
            cell = _level(report.levels[column.statuses[demand]])
            law = column.law_labels[demand]
            if law:
                cell.append("\n" + translate(lang, "by {law}", law=one_line(law)), style="dim")
            cells.append(cell)
        table.add_row(*cells)
    columns = report.columns
    scores = [Text(words.score_range(c.score_range, c.provisional), style="bold") for c in columns]
    table.add_row(Text(translate(lang, "Score"), style="bold"), *scores)
    grades = [Text(one_line(words.marked_grade(c.grade, c.provisional)), style="bold") for c in columns]
    table.add_row(Text(translate(lang, "Grade"), style="bold"), *grades)
    table.add_row(Text(translate(lang, "Coverage")), *[f"{c.coverage:.0%}" for c in columns])
    notes = _notes(report.rubric, (c.provisional for c in columns), report.lang)
    wide = Group(fold(table), *notes, _legend(report.levels, lang))
    # each jurisdiction's column needs its longest word, its widest status and its score range
    status_width = max(len(_level(level)) for level in report.levels.values())
    needs = [max(min_width(Col("", [head], wrap=True)), status_width, 6) for head in heads]
    titles = min_width(Col(translate(lang, "Demand"), [t for _, t in report.demands], wrap=True))
    return Either(wide, titles + sum(needs) + 3 * (len(needs) + 1) + 1, _compare_rows(report, heading, notes))


def _compare_rows(report: CompareReport, title: str, notes: list[Text]) -> Fitted:
    """A comparison too wide for the terminal, turned: one row a jurisdiction, statuses as symbols."""
    lang = report.lang
    columns = report.columns
    cols = [
        Col(translate(lang, "Jurisdiction"), [Text(one_line(c.name)) for c in columns], wrap=True),
        Col(translate(lang, "State"), [c.state for c in columns], 2),
        Col(
            translate(lang, "Score"),
            [words.score_range(c.score_range, c.provisional) for c in columns],
            justify="right",
        ),
        Col(
            translate(lang, "Grade"), [one_line(words.marked_grade(c.grade, c.provisional)) for c in columns]
        ),
        Col(translate(lang, "Coverage"), [f"{c.coverage:.0%}" for c in columns], 3, justify="right"),
        Col(
            translate(lang, "Statuses"),
            [_symbols(c.statuses, report.demands, report.levels) for c in columns],
        ),
    ]
    legend = _demand_legend(report.demands, report.levels, lang)
    return Fitted(cols, lang, title=title, after=[*notes, legend])


@render.register
def _(report: SensitivityReport) -> RenderableType:
    lang = report.lang
    head = Text(words.sensitivity_head(report), style="bold")
    table = Table(header_style="bold")
    for heading, align in zip(
        words.headings(lang, *words.SENSITIVITY_HEADINGS), words.SENSITIVITY_ALIGN, strict=True
    ):
        table.add_column(heading, justify="right" if align == "r" else "left")
    for row in report.rows:
        table.add_row(
            str(row.default_rank),
            Text(one_line(row.name)),
            row.state,
            words.marked_grade(f"{row.score:g}", row.provisional),
            str(row.best_rank),
            str(row.worst_rank),
            f"{row.median_rank:g}",
        )
    note = Text(translate(lang, words.SENSITIVITY_NOTE), style="dim")
    notes = _notes(report.rubric, (r.provisional for r in report.rows), report.lang)
    low = Text(translate(report.lang, words.LOW_END_NOTE), style="dim")
    return Group(head, low, fold(table), *notes, note)


@render.register
def _(report: DiffReport) -> RenderableType:
    lang = report.lang
    head = Text(words.diff_head(report), style="bold")
    if not report.changes:
        return Group(head, Text(translate(lang, "No changes.")))
    table = Table(header_style="bold", show_lines=True)
    ids = max((len(c.id) + 2 for c in report.changes if c.subject != "rubric"), default=0)
    demands = max((len(c.demand or "") for c in report.changes), default=0)
    for index, column in enumerate(words.headings(lang, *words.DIFF_COLUMNS)):  # ids stay whole
        table.add_column(column, min_width={1: ids, 2: demands}.get(index))
    styles = {"policy change": "bold yellow", "evidence change": "cyan", "rubric change": "magenta"}
    for c in report.changes:
        status = (
            f"{c.old_value} → {c.new_value}"
            if c.old_value and c.new_value and c.old_value != c.new_value
            else (c.new_value or "")
        )
        table.add_row(
            Text(
                translate(lang, words.DIFF_LABELS.get(c.change_kind, c.change_kind)),
                style=styles.get(c.change_kind, ""),
            ),
            Text(one_line(c.name) + (f"\n({one_line(c.id)})" if c.subject != "rubric" else "")),
            c.demand or "",
            Text(inert(status)),
            Text(one_line(c.detail)),
        )
    parts: list[RenderableType] = [head, fold(table)]
    if report.scores:
        title = translate(lang, "Scores as of {date}", date=report.as_of.isoformat())
        scores = Table(title=Text(title), header_style="bold")
        for index, column in enumerate(words.headings(lang, *words.DIFF_SCORE_COLUMNS)):
            scores.add_column(column, justify="right" if index else "left")
        for sc in report.scores:
            scores.add_row(
                Text(one_line(sc.name)), *(Text(inert(cell)) for cell in words.diff_score_cells(sc, lang))
            )
        parts.append(fold(scores))
    return Group(*parts)
