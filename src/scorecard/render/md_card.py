"""The Markdown report card, and the pieces every Markdown report shares (tables, statuses).

Every data string goes through `markdown_text` (punctuation escaped, HTML
neutralised, one line), so a `|` or a newline in a summary cannot break a
table and `<script>` stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scorecard.i18n import CONFIDENCE_LABELS, DATA_LANG, DATA_LANGUAGE_NOTE, translate
from scorecard.render import words
from scorecard.render.litigation import markdown_lines
from scorecard.render.notices import baseline_notice
from scorecard.render.text import markdown_text as md
from scorecard.render.text import markdown_url
from scorecard.report import AssessReport, DemandResult, SourceRef
from scorecard.vocab import JAIL_LABELS

_SYMBOLS = {"full": "✔", "some": "◐", "none": "✘", "gap": "?"}


def symbol(credit: float, known: bool) -> str:
    """A status's symbol: full, some, no credit, or a gap in the data."""
    if not known:
        return _SYMBOLS["gap"]
    return _SYMBOLS["full" if credit >= 1 else "some" if credit > 0 else "none"]


def status(label: str, credit: float, known: bool) -> str:
    """A status as symbol and word."""
    return f"{symbol(credit, known)} {md(label)}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A Markdown table; `align` has one letter per column (l, r)."""
    marks = ["---:" if align[i : i + 1] == "r" else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def grade_cell(grade: str, provisional: bool) -> str:
    """A grade in a table: `F\\*` when provisional (the legend under the table explains the mark)."""
    return md(words.marked_grade(grade, provisional))


def _jail(jail: str | None, lang: str) -> str | None:
    return translate(lang, JAIL_LABELS.get(jail, jail)) if jail else None


def provisional_legend(lang: str, provisional: Iterable[bool]) -> list[str]:
    """The legend of the provisional mark, when a row carries it."""
    return ["", md(translate(lang, words.PROVISIONAL_NOTE))] if any(provisional) else []


def _sources(sources: Sequence[SourceRef], lang: str = "en") -> list[str]:
    lines = []
    for source in sources:
        accessed = (
            translate(lang, " (accessed {date})", date=source.accessed.isoformat()) if source.accessed else ""
        )
        lines.append(f"- [{md(source.title)}]({markdown_url(source.url)}){accessed}")
    return lines


def _evidence(index: int, d: DemandResult, lang: str) -> list[str]:
    """One demand's evidence section."""
    out: list[str] = []
    out += [f"### {index}. {md(d.title)}: {status(d.status_label, d.credit, d.known)}", ""]
    out += [
        f"- **{translate(lang, 'Criterion')}:** {md(d.criterion)}",
        f"- **{translate(lang, 'Summary')}:** {md(d.summary)}",
    ]
    facts = [
        translate(lang, "since {date}", date=d.since_display) if d.since_display else "",
        translate(
            lang,
            "confidence {level}",
            level=translate(lang, CONFIDENCE_LABELS.get(d.confidence, d.confidence)),
        )
        if d.confidence
        else "",
    ]
    if any(facts):
        out.append(f"- **{translate(lang, 'Evidence')}:** {', '.join(f for f in facts if f)}")
    effect = words.law_effect(d, lang)
    if effect:
        out.append(f"- **{translate(lang, 'State law')}:** {md(effect)}")
    if d.practice:
        practice = (
            translate(lang, "Practice (differs from written policy)")
            if d.practice.differs
            else translate(lang, "Practice")
        )
        level = translate(lang, CONFIDENCE_LABELS.get(d.practice.confidence, d.practice.confidence))
        out.append(
            f"- **{practice}:** {md(d.practice.status_label)}: {md(d.practice.summary)} "
            + translate(lang, "(confidence {level})", level=level)
        )
    if d.sources:
        out += ["", translate(lang, "Sources:"), "", *_sources(d.sources, lang)]
    out.append("")
    return out


def _header(report: AssessReport) -> list[str]:
    j = report.jurisdiction
    lang = report.lang
    basis = (
        translate(lang, "observed practice where recorded")
        if report.basis == "practice"
        else translate(lang, "written policy")
    )
    out = [
        "# " + translate(lang, "{name}, {state}: report card", name=md(j.name), state=j.state),
        "",
        *(f"> **{md(line)}**\n" for line in baseline_notice(report)),
        f"**{md(report.verdict.text)}**",
        "",
        "**"
        + translate(
            lang,
            "Score {score}/100 · Grade {grade} · Coverage {coverage} ({settled})",
            score=words.score_range(report.score_range, report.provisional),
            grade=md(words.grade_words(report.grade, report.provisional, lang)),
            coverage=f"{report.coverage:.0%}",
            settled=words.coverage(
                report.settled_by_local, report.settled_by_state, report.total_demands, lang
            ),
        )
        + "**",
        "",
    ]
    if report.provisional:
        out += [md(words.range_sentence(report.score_range, lang)), ""]
    out += [
        translate(
            lang,
            "Rubric: {title} v{version} · as of {date} · scored on {basis}",
            title=md(report.rubric.title),
            version=md(report.rubric.version),
            date=report.as_of.isoformat(),
            basis=basis,
        )
        + (f" · FIPS {j.fips}" if j.fips else "")
        + (f" · {md(words.aside(jail, j.jail_operator))}" if (jail := _jail(j.jail, lang)) else ""),
        "",
    ]
    weights = words.weights_note(report.rubric, lang)
    if weights:
        out += [f"**{md(weights)}**", ""]
    out += [md(words.grade_scale(report.grades, lang)), ""]
    return out


def _next_steps(report: AssessReport) -> list[str]:
    lang = report.lang
    if not report.next_steps:
        return [translate(lang, "Every demand is met.")]
    rows = []
    for number, step in enumerate(report.next_steps, start=1):
        what = f"**{md(step.target_label)}:** {md(step.criterion)}"
        for note in words.step_notes(step, lang):
            what += f" *{md(note)}*"
        rows.append(
            [
                str(number),
                md(step.title),
                status(step.status_label, step.credit, step.known),
                words.step_gain(step),
                what,
            ]
        )
    header = [
        "#",
        translate(lang, "Demand"),
        translate(lang, "Now"),
        translate(lang, "Gain → grade"),
        translate(lang, "What it takes"),
    ]
    return table(header, rows, "rllrl")


def render_card(report: AssessReport) -> str:
    """The report card of one jurisdiction as Markdown."""
    lang = report.lang
    out = _header(report)
    if lang != DATA_LANG:
        out += ["> " + translate(lang, DATA_LANGUAGE_NOTE), ""]
    if report.known_demands < report.total_demands:
        out += ["> " + words.unknown_note(report.total_demands - report.known_demands, lang), ""]
    rows = [
        [
            md(d.title),
            status(d.status_label, d.credit, d.known),
            f"{d.points:g} / {d.max_points:g}",
            md(words.local_column(d, lang)),
            md(words.law_column(d, lang) or "—"),
        ]
        for d in report.demands
    ]
    header = [
        translate(lang, "Demand"),
        translate(lang, "Status"),
        translate(lang, "Points"),
        translate(lang, "Local policy"),
        translate(lang, "State law"),
    ]
    out += table(header, rows, "llrll")
    out += ["", md(translate(lang, words.FLOOR_CEILING_NOTE)), ""]
    out += markdown_lines(report, _sources)
    out += ["## " + translate(lang, "Evidence"), ""]
    for index, d in enumerate(report.demands, start=1):
        out += _evidence(index, d, lang)
    out += ["## " + translate(lang, "Next steps"), "", *_next_steps(report)]
    if report.state_laws:
        out += ["", "## " + translate(lang, "State laws that set or cap a status here"), ""]
        out += [
            f"- {md(words.law_name(law.label, law.citation))}"
            + translate(lang, ", in force from {date}", date=law.in_force_from.isoformat())
            for law in report.state_laws
        ]
    fresh = report.freshness
    out += [
        "",
        "## " + translate(lang, "Data freshness"),
        "",
        words.reviewed_line(fresh, report.as_of, lang)
        + (" " + words.stale_line(fresh, lang) if fresh.is_stale else ""),
    ]
    if report.notes:
        out += ["", translate(lang, "Notes: {notes}", notes=md(report.notes))]
    return "\n".join(out) + "\n"
