"""GitHub-flavoured Markdown: tables for the numbers, sections for the evidence.

Every data string goes through `markdown_text` (punctuation escaped, HTML
neutralised, one line), so a `|` or a newline in a summary cannot break a
table and `<script>` stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import singledispatch

from pydantic import BaseModel

from scorecard.errors import ScorecardError
from scorecard.i18n import CONFIDENCE_LABELS, DATA_LANG, DATA_LANGUAGE_NOTE, translate
from scorecard.render.litigation import markdown_lines
from scorecard.render.notices import baseline_notice
from scorecard.render.text import markdown_text as md
from scorecard.render.text import markdown_url
from scorecard.report import (
    AssessReport,
    CompareReport,
    DemandResult,
    DiffReport,
    HistoryReport,
    ListReport,
    RankReport,
    RubricReport,
    SensitivityReport,
    SourceRef,
)
from scorecard.vocab import JAIL_LABELS

_SYMBOLS = {"full": "✔", "some": "◐", "none": "✘", "gap": "?"}


def _symbol(credit: float, known: bool) -> str:
    if not known:
        return _SYMBOLS["gap"]
    return _SYMBOLS["full" if credit >= 1 else "some" if credit > 0 else "none"]


def _status(label: str, credit: float, known: bool) -> str:
    return f"{_symbol(credit, known)} {md(label)}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A Markdown table; `align` has one letter per column (l, r)."""
    marks = ["---:" if align[i : i + 1] == "r" else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


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
    out += [f"### {index}. {md(d.title)}: {_status(d.status_label, d.credit, d.known)}", ""]
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
    if d.law:
        level, law = md(d.law.level_label), md(d.law.label)
        effect = (
            translate(lang, "raised to {level} by {law}", level=level, law=law)
            if d.law.effect == "floor"
            else translate(lang, "capped at {level} by {law}", level=level, law=law)
        )
        note = translate(lang, " (local policy overridden)") if d.overridden else ""
        local = translate(lang, "local policy: {status}", status=md(d.local_status_label))
        out.append(f"- **{translate(lang, 'State law')}:** {effect}; {local}{note}")
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


@singledispatch
def render(report: BaseModel) -> str:
    """A report as Markdown."""
    raise ScorecardError(f"markdown output is not available for {type(report).__name__}")


@render.register
def _(report: AssessReport) -> str:
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
        "**"
        + translate(
            lang,
            "Score {score}/100 · Grade {grade} · Coverage {coverage} ({known} of {total} demands known)",
            score=f"{report.score:g}",
            grade=md(report.grade),
            coverage=f"{report.coverage:.0%}",
            known=report.known_demands,
            total=report.total_demands,
        )
        + "**",
        "",
        translate(
            lang,
            "Rubric: {title} v{version} · as of {date} · scored on {basis}",
            title=md(report.rubric.title),
            version=md(report.rubric.version),
            date=report.as_of.isoformat(),
            basis=basis,
        )
        + (f" · FIPS {j.fips}" if j.fips else "")
        + (f" · {md(translate(lang, JAIL_LABELS.get(j.jail, j.jail)))}" if j.jail else "")
        + (f" ({md(j.jail_operator)})" if j.jail_operator else ""),
        "",
    ]
    if lang != DATA_LANG:
        out += ["> " + translate(lang, DATA_LANGUAGE_NOTE), ""]
    if report.known_demands < report.total_demands:
        out += [
            "> "
            + translate(
                lang,
                "{count} demand(s) unknown: counted as 0 points. Unknown is a gap in the data, not a "
                "finding that the demand is unmet.",
                count=report.total_demands - report.known_demands,
            ),
            "",
        ]
    rows = []
    for d in report.demands:
        local = md(d.local_status_label) + (
            translate(lang, " (since {date})", date=d.since_display) if d.since_display else ""
        )
        law = "—"
        if d.law:
            law = (
                translate(lang, "floor: {law}", law=md(d.law.label))
                if d.law.effect == "floor"
                else translate(lang, "ceiling: {law}", law=md(d.law.label))
            )
        rows.append(
            [
                md(d.title),
                _status(d.status_label, d.credit, d.known),
                f"{d.points:g} / {d.max_points:g}",
                local,
                law,
            ]
        )
    header = [
        translate(lang, "Demand"),
        translate(lang, "Status"),
        translate(lang, "Points"),
        translate(lang, "Local policy"),
        translate(lang, "State law"),
    ]
    out += [*table(header, rows, "llrll"), ""]
    out += markdown_lines(report, _sources)
    out += ["## " + translate(lang, "Evidence"), ""]
    for index, d in enumerate(report.demands, start=1):
        out += _evidence(index, d, lang)
    out += ["## " + translate(lang, "Next steps"), ""]
    if report.next_steps:
        rows = []
        for number, step in enumerate(report.next_steps, start=1):
            what = md(step.criterion)
            if step.blocked_by:
                what += " **" + translate(lang, "Needs a change in state law:") + "** "
                what += translate(lang, "capped by {law}.", law=md(step.blocked_by.label))
            if step.needs_research:
                what += " *" + translate(lang, "The current policy is unknown: find and cite it first.") + "*"
            rows.append([str(number), md(step.title), md(step.status_label), f"+{step.gain:g}", what])
        header = [
            "#",
            translate(lang, "Demand"),
            translate(lang, "Now"),
            translate(lang, "Gain"),
            translate(lang, "What meeting it takes"),
        ]
        out += table(header, rows, "rllrl")
    else:
        out.append(translate(lang, "Every demand is met."))
    if report.state_laws:
        out += ["", "## " + translate(lang, "State laws that set a status here"), ""]
        out += [
            f"- {md(law.label)}"
            + (f" ({md(law.citation)})" if law.citation else "")
            + translate(lang, ", in force from {date}", date=law.in_force_from.isoformat())
            for law in report.state_laws
        ]
    fresh = report.freshness
    out += [
        "",
        "## " + translate(lang, "Data freshness"),
        "",
        translate(
            lang,
            "Last reviewed {date} ({days} days before {as_of})",
            date=fresh.last_reviewed.isoformat(),
            days=fresh.age_days,
            as_of=report.as_of.isoformat(),
        )
        + (translate(lang, "; older than {days} days.", days=fresh.max_age_days) if fresh.is_stale else "."),
    ]
    if report.notes:
        out += ["", translate(lang, "Notes: {notes}", notes=md(report.notes))]
    return "\n".join(out) + "\n"


@render.register
def _(report: RankReport) -> str:
    header = [
        "Rank",
        "Jurisdiction",
        "State",
        "Score",
        "Grade",
        "Coverage",
        *[md(t) for _, t in report.demands],
    ]
    rows = [
        [
            str(r.rank),
            md(r.name),
            r.state,
            f"{r.score:g}",
            md(r.grade),
            f"{r.coverage:.0%}",
            *[_level(report, r.statuses[d]) for d, _ in report.demands],
        ]
        for r in report.rows
    ]
    rubric = f"{md(report.rubric.title)} v{md(report.rubric.version)}"
    title = f"# Ranking by {rubric}, as of {report.as_of.isoformat()}"
    return "\n".join([title, "", *table(header, rows, "rllrlr")]) + "\n"


@render.register
def _(report: ListReport) -> str:
    rows = [
        [r.id, md(r.name), r.state, r.kind, r.fips or "", r.last_reviewed.isoformat()] for r in report.rows
    ]
    return "\n".join(table(["Id", "Name", "State", "Kind", "FIPS", "Last reviewed"], rows)) + "\n"


@render.register
def _(report: RubricReport) -> str:
    out = [
        f"# {md(report.title)} (v{md(report.version)})",
        "",
        f"Origin: [{md(report.origin_title)}]({markdown_url(report.origin_url)})"
        + (f", {md(report.origin_organization)}" if report.origin_organization else "")
        + f", {report.origin_year}.",
        "",
    ]
    if report.description:
        out += [md(report.description), ""]
    labels = {level.id: level.label for level in report.levels}
    rows = [
        [d.id, md(d.title), f"{d.weight:g}", f"{d.share:.0f}%", md(d.description)] for d in report.demands
    ]
    out += table(["Id", "Demand", "Weight", "Share", "Description"], rows, "llrrl")
    for d in report.demands:
        out += ["", f"## {md(d.title)}", ""]
        out += [f"- **{md(labels.get(level, level))}:** {md(text)}" for level, text in d.criteria.items()]
    out += ["", "## Status levels", ""]
    out += table(
        ["Level", "Credit", "Counts as"],
        [[md(v.label), f"{v.credit:g}", "known" if v.known else "a data gap"] for v in report.levels],
        "lrl",
    )
    out += ["", "## Grades", ""]
    out += table(["Grade", "Lowest score"], [[md(g), f"{low:g}"] for g, low in report.grades], "lr")
    return "\n".join(out) + "\n"


def _level(report: RankReport, status: str) -> str:
    level = report.levels[status]
    return _status(level.label, level.credit, level.known)


@render.register
def _(report: HistoryReport) -> str:
    j = report.jurisdiction
    header = ["From", "Score", "Grade", "Coverage", *[md(t) for _, t in report.demands], "What changed"]
    rows = []
    for p in report.points:
        changed = "; ".join(
            f"{md(c.title)}: {md(c.after_label)}" + (f" by {md(c.law)}" if c.law else "") for c in p.changes
        )
        statuses = []
        for demand, _ in report.demands:
            level = report.levels[p.statuses[demand]]
            statuses.append(_status(level.label, level.credit, level.known))
        rows.append([p.date_display, f"{p.score:g}", md(p.grade), f"{p.coverage:.0%}", *statuses, changed])
    title = f"# {md(j.name)}, {j.state}: score over time (until {report.until.isoformat()})"
    return "\n".join([title, "", *table(header, rows, "lrlr")]) + "\n"


@render.register
def _(report: CompareReport) -> str:
    header = ["Demand", *[f"{md(c.name)}, {c.state}" for c in report.columns]]
    rows = []
    for demand, title in report.demands:
        cells = [md(title)]
        for column in report.columns:
            level = report.levels[column.statuses[demand]]
            cell = _status(level.label, level.credit, level.known)
            law = column.laws[demand]
            cells.append(cell + (f" (by {md(law)})" if law else ""))
        rows.append(cells)
    rows.append(["**Score**", *[f"**{c.score:g}**" for c in report.columns]])
    rows.append(["**Grade**", *[f"**{md(c.grade)}**" for c in report.columns]])
    rows.append(["Coverage", *[f"{c.coverage:.0%}" for c in report.columns]])
    rubric = f"{md(report.rubric.title)} v{md(report.rubric.version)}"
    return (
        "\n".join([f"# Comparison by {rubric}, as of {report.as_of.isoformat()}", "", *table(header, rows)])
        + "\n"
    )


@render.register
def _(report: SensitivityReport) -> str:
    head = (
        f"# Rank sensitivity\n\n{report.weightings} weightings ({md(report.method)}). Spearman correlation "
        f"with the default ranking: min {report.min_spearman:g}, median {report.median_spearman:g}.\n"
    )
    rows = [
        [
            str(r.default_rank),
            md(r.name),
            r.state,
            f"{r.default_score:g}",
            str(r.best_rank),
            str(r.worst_rank),
            f"{r.median_rank:g}",
        ]
        for r in report.rows
    ]
    header = ["Default rank", "Jurisdiction", "State", "Score", "Best rank", "Worst rank", "Median rank"]
    return head + "\n" + "\n".join(table(header, rows, "rllrrrr")) + "\n"


@render.register
def _(report: DiffReport) -> str:
    out = [f"## Data changes: {md(report.old)} → {md(report.new)}", ""]
    if not report.changes:
        return "\n".join([*out, "No changes."]) + "\n"
    counts = ", ".join(
        f"{n} {md(label)}{'s' if n != 1 and label.endswith('change') else ''}"
        for label, n in sorted(report.counts.items())
    )
    out += [f"{counts}.", ""]
    if report.scores:
        rows = [
            [
                md(s.name),
                f"{s.before:g} ({md(s.grade_before)})",
                f"{s.after:g} ({md(s.grade_after)})",
                f"{s.after - s.before:+g}",
            ]
            for s in report.scores
        ]
        out += [
            f"### Scores as of {report.as_of.isoformat()}",
            "",
            *table(["Jurisdiction", "Before", "After", "Change"], rows, "lrrr"),
            "",
        ]
    rows = [
        [
            md(c.label),
            md(c.name) + (f" ({md(c.id)})" if c.scope != "rubric" else ""),
            md(c.demand or ""),
            md(
                f"{c.before} → {c.after}" if c.before and c.after and c.before != c.after else (c.after or "")
            ),
            md(c.detail),
        ]
        for c in report.changes
    ]
    out += ["### Changes", "", *table(["Kind", "Where", "Demand", "Status", "Detail"], rows)]
    return "\n".join(out) + "\n"
