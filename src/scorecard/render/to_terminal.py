"""Terminal output: rich renderables built from `rich.text.Text`, so data is never parsed as markup.

Status is shown by a symbol and a word as well as a color, so it survives
NO_COLOR, a pipe, and color blindness.
"""

from __future__ import annotations

from functools import singledispatch

from pydantic import BaseModel
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scorecard.errors import ScorecardError
from scorecard.render.text import inert, one_line
from scorecard.report import (
    AssessReport,
    CompareReport,
    DemandResult,
    DiffReport,
    HistoryReport,
    LawRef,
    LevelInfo,
    ListReport,
    RankReport,
    RubricReport,
    SensitivityReport,
    SourceRef,
)

KIND_LABELS = {
    "city": "City",
    "county": "County",
    "consolidated-city-county": "Consolidated city-county",
}


def status_style(credit: float, known: bool) -> tuple[str, str]:
    """(symbol, style) for a status, from its credit: full, some, none, or unknown."""
    if not known:
        return "?", "blue"
    if credit >= 1:
        return "✔", "bold green"
    if credit > 0:
        return "◐", "bold yellow"
    return "✘", "bold red"


def status_text(label: str, credit: float, known: bool) -> Text:
    """A status as symbol + label, colored."""
    symbol, style = status_style(credit, known)
    return Text(f"{symbol} {inert(label)}", style=style)


def _source_lines(sources: list[SourceRef]) -> list[RenderableType]:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for source in sources:
        line = Text(one_line(source.title))
        line.append("\n")
        line.append(inert(source.url), style="cyan")
        if source.accessed:
            line.append(f" (accessed {source.accessed.isoformat()})", style="dim")
        grid.add_row("•", line)
    return [grid] if sources else []


def _law_line(demand: DemandResult) -> Text | None:
    law = demand.law
    if law is None:
        return None
    line = Text("State law: ", style="bold")
    if law.effect == "floor":
        line.append(f"raised to {inert(law.level_label)} by ")
    else:
        line.append(f"capped at {inert(law.level_label)} by ")
    line.append(one_line(law.label), style="bold")
    line.append(f"; local policy: {inert(demand.local_status_label)}")
    if demand.overridden:
        line.append(" (overridden by state law)", style="bold red")
    return line


def _demand_block(index: int, demand: DemandResult) -> RenderableType:
    head = Text(f"{index}. ", style="bold")
    head.append(one_line(demand.title), style="bold")
    head.append("  ")
    head.append_text(status_text(demand.status_label, demand.credit, demand.known))
    head.append(f"  {demand.points:g} of {demand.max_points:g} points", style="dim")
    body: list[RenderableType] = [head]
    criterion = Text("Criterion: ", style="bold")
    criterion.append(one_line(demand.criterion))
    body.append(criterion)
    body.append(Text(inert(demand.summary)))
    facts = []
    if demand.since_display:
        facts.append(f"since {demand.since_display}")
    if demand.confidence:
        facts.append(f"confidence: {demand.confidence}")
    if facts:
        style = "bold yellow" if demand.confidence == "low" else "dim"
        body.append(Text(" · ".join(facts), style=style))
    law = _law_line(demand)
    if law is not None:
        body.append(law)
    if demand.practice is not None:
        practice = demand.practice
        line = Text(
            "Practice" + (" (differs from written policy): " if practice.differs else ": "), style="bold"
        )
        line.append_text(status_text(practice.status_label, 0.5 if practice.differs else 1, True))
        line.append(f" — {inert(practice.summary)} (confidence: {practice.confidence})")
        body.append(line)
        body.extend(_source_lines(practice.sources))
    if demand.sources:
        body.append(Text("Sources:", style="bold"))
        body.extend(_source_lines(demand.sources))
    return Padding(Group(*body), (0, 0, 1, 2))


def _summary_table(report: AssessReport) -> Table:
    table = Table(title=None, show_lines=False, expand=False, header_style="bold")
    table.add_column("Demand")
    table.add_column("Status")
    table.add_column("Points", justify="right")
    table.add_column("Local policy")
    table.add_column("State law")
    for demand in report.demands:
        law = Text("—", style="dim")
        if demand.law is not None:
            verb = "floor" if demand.law.effect == "floor" else "ceiling"
            law = Text(f"{verb}: {one_line(demand.law.label)}")
        local = Text(inert(demand.local_status_label))
        if demand.since_display:
            local.append(f" (since {demand.since_display})", style="dim")
        table.add_row(
            Text(one_line(demand.title)),
            status_text(demand.status_label, demand.credit, demand.known),
            f"{demand.points:g} / {demand.max_points:g}",
            local,
            law,
        )
    return table


def _next_steps(report: AssessReport) -> RenderableType:
    if not report.next_steps:
        return Text("Every demand is met.", style="green")
    table = Table(header_style="bold", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Demand")
    table.add_column("Now")
    table.add_column("Gain", justify="right")
    table.add_column("What meeting it takes")
    for number, step in enumerate(report.next_steps, start=1):
        what = Text(one_line(step.criterion))
        if step.blocked_by is not None:
            what.append(
                f"\nNeeds a change in state law: capped at {inert(step.blocked_by.level_label)} "
                f"by {one_line(step.blocked_by.label)}.",
                style="bold red",
            )
        if step.needs_research:
            what.append("\nThe current policy is unknown: find and cite it first.", style="blue")
        table.add_row(
            str(number),
            Text(one_line(step.title)),
            status_text(step.status_label, step.credit, not step.needs_research),
            f"+{step.gain:g}",
            what,
        )
    return table


def _law_list(laws: list[LawRef]) -> list[Text]:
    lines = []
    for law in laws:
        line = Text("  • ")
        line.append(one_line(law.label), style="bold")
        if law.citation:
            line.append(f" ({one_line(law.citation)})")
        line.append(f", in force from {law.in_force_from.isoformat()}", style="dim")
        lines.append(line)
    return lines


@singledispatch
def render(report: BaseModel) -> RenderableType:
    """A report as a rich renderable."""
    raise ScorecardError(f"table output is not available for {type(report).__name__}")


@render.register
def _(report: AssessReport) -> RenderableType:
    j = report.jurisdiction
    title = Text(f"{one_line(j.name)}, {j.state}", style="bold")
    facts = [KIND_LABELS.get(j.kind, j.kind)]
    if j.fips:
        facts.append(f"FIPS {j.fips}")
    if j.jail:
        jail = f"jail run by the {j.jail}"
        if j.jail_operator:
            jail += f" ({one_line(j.jail_operator)})"
        facts.append(jail)
    headline = Text()
    headline.append(f"Score {report.score:g}/100", style="bold")
    headline.append("   Grade ", style="bold")
    headline.append(report.grade, style="bold reverse")
    headline.append(
        f"   Coverage {report.coverage:.0%} ({report.known_demands} of {report.total_demands} demands known)",
        style="bold",
    )
    basis = "observed practice where recorded" if report.basis == "practice" else "written policy"
    rubric = Text(
        f"Rubric: {one_line(report.rubric.title)} v{inert(report.rubric.version)} · "
        f"as of {report.as_of.isoformat()} · scored on {basis}",
        style="dim",
    )
    header = Panel(Group(title, Text(" · ".join(facts)), Text(""), headline, rubric), expand=False)
    parts: list[RenderableType] = [header]
    if report.known_demands < report.total_demands:
        parts.append(
            Text(
                f"{report.total_demands - report.known_demands} demand(s) unknown: the score counts them "
                "as 0 points. Unknown is a gap in the data, not a finding that the demand is unmet.",
                style="blue",
            )
        )
    parts += [_fold(_summary_table(report)), Rule("Evidence", style="dim")]
    parts += [_demand_block(i, d) for i, d in enumerate(report.demands, start=1)]
    parts += [
        Rule("Next steps", style="dim"),
        _fold(steps) if isinstance(steps := _next_steps(report), Table) else steps,
    ]
    if report.state_laws:
        parts += [
            Text(""),
            Text("State laws that set a status here:", style="bold"),
            *_law_list(report.state_laws),
        ]
    fresh = report.freshness
    freshness = Text(
        f"\nData last reviewed {fresh.last_reviewed.isoformat()} ({fresh.age_days} days before "
        f"{report.as_of.isoformat()}).",
        style="bold yellow" if fresh.is_stale else "dim",
    )
    if fresh.is_stale:
        freshness.append(f" Older than {fresh.max_age_days} days: check the sources again.")
    parts.append(freshness)
    if report.notes:
        parts.append(Text(f"Notes: {inert(report.notes)}", style="dim"))
    return Group(*parts)


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
def _(report: RankReport) -> RenderableType:
    table = Table(
        title=f"Ranking by {inert(report.rubric.title)} v{inert(report.rubric.version)}, "
        f"as of {report.as_of.isoformat()}",
        header_style="bold",
    )
    table.add_column("Rank", justify="right")
    table.add_column("Jurisdiction", min_width=12)
    table.add_column("State")
    table.add_column("Score", justify="right")
    table.add_column("Grade")
    table.add_column("Coverage", justify="right")
    table.add_column("Statuses", no_wrap=True)
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
    return Group(_fold(table), _demand_legend(report.demands, report.levels))


def _fold(table: Table) -> Table:
    """Wrap long cells instead of cutting them with an ellipsis: ids and URLs must stay whole."""
    for column in table.columns:
        if not column.no_wrap:
            column.overflow = "fold"
    return table


@render.register
def _(report: ListReport) -> RenderableType:
    table = Table(title=f"{len(report.rows)} jurisdictions", header_style="bold")
    table.add_column("Id", no_wrap=True)
    for column in ("Name", "State", "Kind", "FIPS", "Last reviewed"):
        table.add_column(column)
    for row in report.rows:
        table.add_row(
            row.id,
            Text(one_line(row.name)),
            row.state,
            KIND_LABELS.get(row.kind, row.kind),
            row.fips or "",
            row.last_reviewed.isoformat(),
        )
    return _fold(table)


@render.register
def _(report: RubricReport) -> RenderableType:
    head = Text(f"{one_line(report.title)} (v{inert(report.version)}, id {report.id})", style="bold")
    origin = Text(
        f"Origin: {one_line(report.origin_title)}"
        + (f", {one_line(report.origin_organization)}" if report.origin_organization else "")
        + f", {report.origin_year} — {inert(report.origin_url)}",
        style="dim",
    )
    parts: list[RenderableType] = [head, origin]
    if report.description:
        parts.append(Text(inert(report.description)))
    demands = Table(header_style="bold", title="Demands")
    demands.add_column("Id")
    demands.add_column("Demand")
    demands.add_column("Weight", justify="right")
    demands.add_column("Share of score", justify="right")
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
    levels = Table(header_style="bold", title="Status levels")
    levels.add_column("Level")
    levels.add_column("Credit", justify="right")
    levels.add_column("Counts as")
    for info in report.levels:
        levels.add_row(
            status_text(info.label, info.credit, info.known),
            f"{info.credit:g}",
            "known" if info.known else "a data gap (0 points, lowers coverage)",
        )
    grades = Table(header_style="bold", title="Grades")
    grades.add_column("Grade")
    grades.add_column("Lowest score", justify="right")
    for grade, low in report.grades:
        grades.add_row(grade, f"{low:g}")
    formula = Text("score = 100 × Σ(weight × credit) / Σ(weight), rounded to one decimal", style="dim")
    return Group(*parts, _fold(demands), Rule("Criteria", style="dim"), *blocks, levels, grades, formula)


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
        title=f"{one_line(j.name)}, {j.state}: score over time (until {report.until.isoformat()})",
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
    return Group(_fold(table), legend)


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
        title=f"{inert(report.rubric.title)} v{inert(report.rubric.version)}, "
        f"as of {report.as_of.isoformat()}",
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
    return Group(_fold(table), _legend(report.levels))


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
    return Group(head, _fold(table), note)


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
    parts: list[RenderableType] = [head, _fold(table)]
    if report.scores:
        scores = Table(title=f"Scores as of {report.as_of.isoformat()}", header_style="bold")
        for column in ("Jurisdiction", "Before", "After", "Change"):
            scores.add_column(column, justify="left" if column == "Jurisdiction" else "right")
        for sc in report.scores:
            scores.add_row(
                Text(one_line(sc.name)),
                f"{sc.before:g} ({sc.grade_before})",
                f"{sc.after:g} ({sc.grade_after})",
                f"{sc.after - sc.before:+g}",
            )
        parts.append(_fold(scores))
    return Group(*parts)
