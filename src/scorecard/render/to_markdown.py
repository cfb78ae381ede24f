"""GitHub-flavoured Markdown: tables for the numbers, sections for the evidence.

Every data string goes through `markdown_text` (punctuation escaped, HTML
neutralised, one line), so a `|` or a newline in a summary cannot break a
table and `<script>` stays text.
"""

from __future__ import annotations

from functools import singledispatch

from pydantic import BaseModel

from scorecard.errors import ScorecardError
from scorecard.i18n import translate
from scorecard.render import words
from scorecard.render.md_card import grade_cell, provisional_legend, render_card, status, table
from scorecard.render.text import markdown_text as md
from scorecard.render.text import markdown_url
from scorecard.render.words import headings
from scorecard.report import (
    AssessReport,
    CompareReport,
    DiffReport,
    HistoryReport,
    ListReport,
    RankReport,
    RubricInfo,
    RubricReport,
    SensitivityReport,
)
from scorecard.vocab import KIND_LABELS


def _weights(rubric: RubricInfo, lang: str) -> list[str]:
    note = words.weights_note(rubric, lang)
    return [f"**{md(note)}**", ""] if note else []


@singledispatch
def render(report: BaseModel) -> str:
    """A report as Markdown."""
    raise ScorecardError(f"markdown output is not available for {type(report).__name__}")


@render.register
def _(report: AssessReport) -> str:
    return render_card(report)


@render.register
def _(report: RankReport) -> str:
    lang = report.lang
    header = [*headings(lang, "Rank", "Jurisdiction", "State", "Score", "Grade", "Coverage")]
    header += [md(t) for _, t in report.demands]
    rows = [
        [
            str(r.rank),
            md(r.name),
            r.state,
            words.score_range(r.score_range, r.provisional),
            grade_cell(r.grade, r.provisional),
            f"{r.coverage:.0%}",
            *[_level(report, r.statuses[d]) for d, _ in report.demands],
        ]
        for r in report.rows
    ]
    title = "# " + md(
        translate(
            lang,
            "Ranking by {title} v{version}, as of {date}",
            title=report.rubric.title,
            version=report.rubric.version,
            date=report.as_of.isoformat(),
        )
    )
    legend = provisional_legend(lang, (r.provisional for r in report.rows))
    body = [title, "", *_weights(report.rubric, report.lang), *table(header, rows, "rllrlr"), *legend]
    return "\n".join(body) + "\n"


@render.register
def _(report: ListReport) -> str:
    rows = [
        [
            r.id,
            md(r.name),
            r.state,
            translate(report.lang, KIND_LABELS.get(r.kind, r.kind)),
            r.fips or "",
            r.last_reviewed.isoformat(),
            words.score_range(r.score_range, r.provisional),
            grade_cell(r.grade, r.provisional),
            f"{r.coverage:.0%}",
        ]
        for r in report.rows
    ]
    header = headings(
        report.lang, "Id", "Name", "State", "Kind", "FIPS", "Last reviewed", "Score", "Grade", "Coverage"
    )
    legend = provisional_legend(report.lang, (r.provisional for r in report.rows))
    return "\n".join([*table(header, rows, "llllllrlr"), *legend]) + "\n"


@render.register
def _(report: RubricReport) -> str:
    lang = report.lang
    out = [
        f"# {md(report.title)} (v{md(report.version)})",
        "",
        translate(lang, "Origin:")
        + f" [{md(report.origin_title)}]({markdown_url(report.origin_url)})"
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
    out += table(headings(lang, "Id", "Demand", "Weight", "Share", "Description"), rows, "llrrl")
    for d in report.demands:
        out += ["", f"## {md(d.title)}", ""]
        out += [f"- **{md(labels.get(level, level))}:** {md(text)}" for level, text in d.criteria.items()]
    out += ["", "## " + translate(lang, "Status levels"), ""]
    known, gap = translate(lang, "known"), translate(lang, "a data gap")
    out += table(
        headings(lang, "Level", "Credit", "Counts as"),
        [[md(v.label), f"{v.credit:g}", known if v.known else gap] for v in report.levels],
        "lrl",
    )
    out += ["", "## " + translate(lang, "Grades"), ""]
    grades = [[md(g), f"{low:g}"] for g, low in report.grades]
    out += table(headings(lang, "Grade", "Lowest score"), grades, "lr")
    return "\n".join(out) + "\n"


def _level(report: RankReport, level_id: str) -> str:
    level = report.levels[level_id]
    return status(level.label, level.credit, level.known)


@render.register
def _(report: HistoryReport) -> str:
    j = report.jurisdiction
    lang = report.lang
    header = [*headings(lang, "From", "Score", "Grade", "Coverage"), *[md(t) for _, t in report.demands]]
    header.append(translate(lang, "What changed"))
    rows = []
    for p in report.points:
        changed = "; ".join(
            f"{md(c.title)}: {md(c.after_label)}"
            + (" " + md(translate(lang, "by {law}", law=c.law_label)) if c.law_label else "")
            for c in p.changes
        )
        statuses = []
        for demand, _ in report.demands:
            level = report.levels[p.statuses[demand]]
            statuses.append(status(level.label, level.credit, level.known))
        score = words.score_range(p.score_range, p.provisional)
        rows.append(
            [
                p.date_display,
                score,
                grade_cell(p.grade, p.provisional),
                f"{p.coverage:.0%}",
                *statuses,
                changed,
            ]
        )
    title = "# " + md(
        translate(
            lang,
            "{name}, {state}: score over time (until {date})",
            name=j.name,
            state=j.state,
            date=report.until.isoformat(),
        )
    )
    legend = provisional_legend(lang, (p.provisional for p in report.points))
    body = [title, "", *_weights(report.rubric, report.lang), *table(header, rows, "lrlr"), *legend]
    return "\n".join(body) + "\n"


@render.register
def _(report: CompareReport) -> str:
    lang = report.lang
    header = [translate(lang, "Demand"), *[f"{md(c.name)}, {c.state}" for c in report.columns]]
    rows = []
    for demand, title in report.demands:
        cells = [md(title)]
        for column in report.columns:
            level = report.levels[column.statuses[demand]]
            cell = status(level.label, level.credit, level.known)
            law = column.law_labels[demand]
            cells.append(cell + (f" ({md(translate(lang, 'by {law}', law=law))})" if law else ""))
        rows.append(cells)
    score, grade = translate(lang, "Score"), translate(lang, "Grade")
    rows.append(
        [f"**{score}**", *[f"**{words.score_range(c.score_range, c.provisional)}**" for c in report.columns]]
    )
    rows.append([f"**{grade}**", *[f"**{grade_cell(c.grade, c.provisional)}**" for c in report.columns]])
    rows.append([translate(lang, "Coverage"), *[f"{c.coverage:.0%}" for c in report.columns]])
    title = "# " + md(
        translate(
            lang,
            "Comparison by {title} v{version}, as of {date}",
            title=report.rubric.title,
            version=report.rubric.version,
            date=report.as_of.isoformat(),
        )
    )
    legend = provisional_legend(report.lang, (c.provisional for c in report.columns))
    return "\n".join([title, "", *_weights(report.rubric, report.lang), *table(header, rows), *legend]) + "\n"


@render.register
def _(report: SensitivityReport) -> str:
    lang = report.lang
    title, _, sentence = words.sensitivity_head(report).partition(": ")
    head = f"# {md(title)}\n\n{md(sentence)}.\n\n{md(translate(lang, words.LOW_END_NOTE))}\n"
    rows = [
        [
            str(r.default_rank),
            md(r.name),
            r.state,
            md(words.marked_grade(f"{r.score:g}", r.provisional)),
            str(r.best_rank),
            str(r.worst_rank),
            f"{r.median_rank:g}",
        ]
        for r in report.rows
    ]
    header = headings(lang, *words.SENSITIVITY_HEADINGS)
    legend = provisional_legend(lang, (r.provisional for r in report.rows))
    weights = "\n".join(_weights(report.rubric, report.lang))
    return head + "\n" + weights + "\n".join([*table(header, rows, words.SENSITIVITY_ALIGN), *legend]) + "\n"


@render.register
def _(report: DiffReport) -> str:
    lang = report.lang
    out = [f"## {md(words.diff_head(report))}", ""]
    if not report.changes:
        return "\n".join([*out, translate(lang, "No changes.")]) + "\n"
    counts = ", ".join(md(words.diff_count(label, n, lang)) for label, n in sorted(report.counts.items()))
    out += [f"{counts}.", ""]
    if report.scores:
        rows = [[md(s.name), *(md(cell) for cell in words.diff_score_cells(s, lang))] for s in report.scores]
        out += [
            "### " + translate(lang, "Scores as of {date}", date=report.as_of.isoformat()),
            "",
            *table(headings(lang, *words.DIFF_SCORE_COLUMNS), rows, "lrrr"),
            "",
        ]
    rows = [
        [
            md(translate(lang, words.DIFF_LABELS.get(c.change_kind, c.change_kind))),
            md(c.name) + (f" ({md(c.id)})" if c.subject != "rubric" else ""),
            md(c.demand or ""),
            md(
                f"{c.old_value} → {c.new_value}"
                if c.old_value and c.new_value and c.old_value != c.new_value
                else (c.new_value or "")
            ),
            md(c.detail),
        ]
        for c in report.changes
    ]
    out += ["### " + translate(lang, "Changes"), "", *table(headings(lang, *words.DIFF_COLUMNS), rows)]
    return "\n".join(out) + "\n"
