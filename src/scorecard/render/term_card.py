"""The terminal report card: header, summary table, each demand with its evidence, next steps.

Built from `rich.text.Text`, so data is never parsed as markup; status is a
symbol and a word as well as a color.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scorecard.i18n import CONFIDENCE_LABELS, DATA_LANG, DATA_LANGUAGE_NOTE, translate
from scorecard.render import words
from scorecard.render.litigation import LITIGATION_NOTE, court_words, scope_words, status_words
from scorecard.render.notices import baseline_notice
from scorecard.render.term_links import UrlLine, indented
from scorecard.render.text import inert, one_line
from scorecard.report import (
    AssessReport,
    DemandResult,
    LawRef,
    SourceRef,
)
from scorecard.vocab import JAIL_LABELS, KIND_LABELS


def fold(table: Table) -> Table:
    """Wrap long cells instead of cutting them with an ellipsis: ids and URLs must stay whole."""
    for column in table.columns:
        if not column.no_wrap:
            column.overflow = "fold"
    return table


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


def _source_lines(sources: list[SourceRef], lang: str) -> list[RenderableType]:
    """Each source: its title (wrapped, after a bullet), then its URL whole on the next line."""
    lines: list[RenderableType] = []
    for source in sources:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, justify="right")
        grid.add_column(overflow="fold")
        grid.add_row("•", Text(one_line(source.title)))
        accessed = source.accessed
        suffix = translate(lang, " (accessed {date})", date=accessed.isoformat()) if accessed else ""
        lines += [grid, UrlLine(source.url, suffix, indent=4)]
    return lines


def _law_line(demand: DemandResult, lang: str) -> Text | None:
    effect = words.law_effect(demand, lang)
    if effect is None:
        return None
    line = Text(translate(lang, "State law: "), style="bold")
    line.append(one_line(effect))
    return line


def _demand_block(index: int, demand: DemandResult, lang: str) -> RenderableType:
    head = Text(f"{index}. ", style="bold")
    head.append(one_line(demand.title), style="bold")
    head.append("  ")
    head.append_text(status_text(demand.status_label, demand.credit, demand.known))
    head.append(
        translate(
            lang, "  {points} of {max} points", points=f"{demand.points:g}", max=f"{demand.max_points:g}"
        ),
        style="dim",
    )
    body: list[RenderableType] = [head]
    criterion = Text(translate(lang, "Criterion: "), style="bold")
    criterion.append(one_line(demand.criterion))
    body.append(criterion)
    body.append(Text(inert(demand.summary)))
    facts = []
    if demand.since_display:
        facts.append(translate(lang, "since {date}", date=demand.since_display))
    if demand.confidence:
        level = translate(lang, CONFIDENCE_LABELS.get(demand.confidence, demand.confidence))
        facts.append(translate(lang, "confidence: {level}", level=level))
    if facts:
        style = "bold yellow" if demand.confidence == "low" else "dim"
        body.append(Text(" · ".join(facts), style=style))
    law = _law_line(demand, lang)
    if law is not None:
        body.append(law)
    if demand.practice is not None:
        practice = demand.practice
        line = Text(
            translate(lang, "Practice (differs from written policy): ")
            if practice.differs
            else translate(lang, "Practice: "),
            style="bold",
        )
        line.append_text(status_text(practice.status_label, 0.5 if practice.differs else 1, True))
        level = translate(lang, CONFIDENCE_LABELS.get(practice.confidence, practice.confidence))
        line.append(
            translate(
                lang, " — {summary} (confidence: {level})", summary=inert(practice.summary), level=level
            )
        )
        body.append(line)
        body.extend(_source_lines(practice.sources, lang))
    if demand.sources:
        body.append(Text(translate(lang, "Sources:"), style="bold"))
        body.extend(_source_lines(demand.sources, lang))
    return Group(*indented(body, 2, bottom=1))


def _litigation(report: AssessReport) -> list[RenderableType]:
    """The suits about the place's or the state's policies, and that pending ones change nothing."""
    lang = report.lang
    if not report.litigation:
        return []
    parts: list[RenderableType] = [
        Rule(translate(lang, "Litigation"), style="dim"),
        Text(translate(lang, LITIGATION_NOTE), style="blue"),
    ]
    for case in report.litigation:
        head = Text("• ")
        head.append(one_line(case.case), style="bold")
        if scope := scope_words(lang, case):
            head.append(f"  {one_line(scope)}", style="dim")
        body: list[RenderableType] = [Text(status_words(lang, case)), Text(one_line(court_words(case)))]
        for label, value in (
            (translate(lang, "Challenges: "), inert(case.challenges)),
            (translate(lang, "Latest: "), inert(case.summary) if case.summary else ""),
            (translate(lang, "Bears on: "), ", ".join(one_line(title) for _, title in case.demands)),
        ):
            if value:
                body.append(Text.assemble((label, "bold"), value))
        body += [Text(translate(lang, "Sources:"), style="bold"), *_source_lines(case.sources, lang)]
        parts += indented([head, *indented(body, 2)], 2, top=1)
    parts.append(Text(""))
    return parts


def _summary_table(report: AssessReport) -> Table:
    lang = report.lang
    table = Table(title=None, show_lines=False, expand=False, header_style="bold")
    table.add_column(translate(lang, "Demand"))
    table.add_column(translate(lang, "Status"))
    table.add_column(translate(lang, "Points"), justify="right")
    table.add_column(translate(lang, "Local policy"))
    table.add_column(translate(lang, "State law"))
    for demand in report.demands:
        column = words.law_column(demand, lang)
        law = Text(one_line(column)) if column else Text("—", style="dim")
        local = Text(one_line(words.local_column(demand, lang)))
        table.add_row(
            Text(one_line(demand.title)),
            status_text(demand.status_label, demand.credit, demand.known),
            f"{demand.points:g} / {demand.max_points:g}",
            local,
            law,
        )
    return table


def _next_steps(report: AssessReport) -> RenderableType:
    lang = report.lang
    if not report.next_steps:
        return Text(translate(lang, "Every demand is met."), style="green")
    table = Table(header_style="bold", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column(translate(lang, "Demand"))
    table.add_column(translate(lang, "Now"))
    table.add_column(translate(lang, "Gain → grade"), justify="right")
    table.add_column(translate(lang, "What it takes"))
    for number, step in enumerate(report.next_steps, start=1):
        what = Text(translate(lang, "{level}: ", level=inert(step.target_label)), style="bold")
        what.append(one_line(step.criterion))
        for note in words.step_notes(step, lang):
            what.append("\n")
            style = "bold red" if step.blocked_by else "blue" if step.needs_research else "yellow"
            what.append(one_line(note), style=style)
        table.add_row(
            str(number),
            Text(one_line(step.title)),
            status_text(step.status_label, step.credit, step.known),
            words.step_gain(step),
            what,
        )
    return table


def _law_list(laws: list[LawRef], lang: str) -> Table:
    """One law a line, after a bullet; a long one wraps under its own start."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column()
    for law in laws:
        line = Text(one_line(words.law_name(law.label, law.citation)), style="bold")
        line.append(
            translate(lang, ", in force from {date}", date=law.in_force_from.isoformat()), style="dim"
        )
        grid.add_row("•", line)
    return grid


def render_card(report: AssessReport) -> RenderableType:
    """The report card of one jurisdiction: header, summary table, demands, next steps, laws."""
    j = report.jurisdiction
    lang = report.lang
    title = Text(f"{one_line(j.name)}, {j.state}", style="bold")
    facts = [translate(lang, KIND_LABELS.get(j.kind, j.kind))]
    if j.fips:
        facts.append(f"FIPS {j.fips}")
    if j.jail:
        jail = translate(lang, JAIL_LABELS.get(j.jail, j.jail))
        facts.append(words.aside(jail, one_line(j.jail_operator) if j.jail_operator else None))
    headline = Text()
    score = words.score_range(report.score_range, report.provisional)
    headline.append(translate(lang, "Score {score}/100", score=score), style="bold")
    headline.append(translate(lang, "   Grade "), style="bold")
    headline.append(words.grade_words(report.grade, report.provisional, lang), style="bold reverse")
    headline.append("\n")
    headline.append(
        translate(
            lang,
            "Coverage {coverage} ({settled})",
            coverage=f"{report.coverage:.0%}",
            settled=words.coverage(
                report.settled_by_local, report.settled_by_state, report.total_demands, lang
            ),
        ),
        style="bold",
    )
    basis = (
        translate(lang, "observed practice where recorded")
        if report.basis == "practice"
        else translate(lang, "written policy")
    )
    rubric = Text(
        translate(
            lang,
            "Rubric: {title} v{version} · as of {date} · scored on {basis}",
            title=one_line(report.rubric.title),
            version=inert(report.rubric.version),
            date=report.as_of.isoformat(),
            basis=basis,
        ),
        style="dim",
    )
    lines: list[RenderableType] = [title, Text(" · ".join(facts)), Text("")]
    lines += [Text(one_line(report.verdict.text), style="bold"), headline]
    if report.provisional:
        lines.append(Text(words.range_sentence(report.score_range, lang), style="yellow"))
    lines.append(rubric)
    weights = words.weights_note(report.rubric, lang)
    if weights is not None:
        lines.append(Text(one_line(weights), style="bold yellow"))
    lines.append(Text(words.grade_scale(report.grades, lang), style="dim"))
    parts: list[RenderableType] = [Panel(Group(*lines), expand=False)]
    parts += [Text(line, style="bold yellow") for line in baseline_notice(report)]
    if lang != DATA_LANG:
        parts.append(Text(translate(lang, DATA_LANGUAGE_NOTE), style="dim"))
    if report.known_demands < report.total_demands:
        parts.append(
            Text(words.unknown_note(report.total_demands - report.known_demands, lang), style="blue")
        )
    parts += [
        fold(_summary_table(report)),
        Text(translate(lang, words.FLOOR_CEILING_NOTE), style="dim"),
        *_litigation(report),
        Rule(translate(lang, "Evidence"), style="dim"),
    ]
    parts += [_demand_block(i, d, lang) for i, d in enumerate(report.demands, start=1)]
    parts += [
        Rule(translate(lang, "Next steps"), style="dim"),
        fold(steps) if isinstance(steps := _next_steps(report), Table) else steps,
    ]
    if report.state_laws:
        parts += [
            Text(""),
            Text(translate(lang, "State laws that set or cap a status here:"), style="bold"),
            _law_list(report.state_laws, lang),
        ]
    fresh = report.freshness
    freshness = Text(
        "\n" + words.reviewed_line(fresh, report.as_of, lang),
        style="bold yellow" if fresh.is_stale else "dim",
    )
    if fresh.is_stale:
        freshness.append(" " + words.stale_line(fresh, lang))
    parts.append(freshness)
    if report.notes:
        parts.append(Text(translate(lang, "Notes: {notes}", notes=inert(report.notes)), style="dim"))
    return Group(*parts)
