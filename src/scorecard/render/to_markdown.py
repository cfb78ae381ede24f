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
            words.score_range(r.score_range, r.provisional),
            grade_cell(r.grade, r.provisional),
            f"{r.coverage:.0%}",
            *[_level(report, r.statuses[d]) for d, _ in report.demands],
        ]
        for r in report.rows
    ]
    rubric = f"{md(report.rubric.title)} v{md(report.rubric.version)}"
    title = f"# Ranking by {rubric}, as of {report.as_of.isoformat()}"
    legend = provisional_legend(report.lang, (r.provisional for r in report.rows))
    body = [title, "", *_weights(report.rubric, report.lang), *table(header, rows, "rllrlr"), *legend]
    return "\n".join(body) + "\n"


@render.register
def _(report: ListReport) -> str:
    rows = [
        [
            r.id,
            md(r.name),
            r.state,
            r.kind,
            r.fips or "",
            r.last_reviewed.isoformat(),
            words.score_range(r.score_range, r.provisional),
            grade_cell(r.grade, r.provisional),
            f"{r.coverage:.0%}",
        ]
        for r in report.rows
    ]
    header = ["Id", "Name", "State", "Kind", "FIPS", "Last reviewed", "Score", "Grade", "Coverage"]
    legend = provisional_legend(report.lang, (r.provisional for r in report.rows))
    return "\n".join([*table(header, rows, "llllllrlr"), *legend]) + "\n"


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


def _level(report: RankReport, level_id: str) -> str:
    level = report.levels[level_id]
    return status(level.label, level.credit, level.known)


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
    title = f"# {md(j.name)}, {j.state}: score over time (until {report.until.isoformat()})"
    legend = provisional_legend(report.lang, (p.provisional for p in report.points))
    body = [title, "", *_weights(report.rubric, report.lang), *table(header, rows, "lrlr"), *legend]
    return "\n".join(body) + "\n"


@render.register
def _(report: CompareReport) -> str:
    header = ["Demand", *[f"{md(c.name)}, {c.state}" for c in report.columns]]
    rows = []
    for demand, title in report.demands:
        cells = [md(title)]
        for column in report.columns:
            level = report.levels[column.statuses[demand]]
            cell = status(level.label, level.credit, level.known)
            law = column.laws[demand]
            cells.append(cell + (f" (by {md(law)})" if law else ""))
        rows.append(cells)
    rows.append(
        ["**Score**", *[f"**{words.score_range(c.score_range, c.provisional)}**" for c in report.columns]]
    )
    rows.append(["**Grade**", *[f"**{grade_cell(c.grade, c.provisional)}**" for c in report.columns]])
    rows.append(["Coverage", *[f"{c.coverage:.0%}" for c in report.columns]])
    rubric = f"{md(report.rubric.title)} v{md(report.rubric.version)}"
    title = f"# Comparison by {rubric}, as of {report.as_of.isoformat()}"
    legend = provisional_legend(report.lang, (c.provisional for c in report.columns))
    return "\n".join([title, "", *_weights(report.rubric, report.lang), *table(header, rows), *legend]) + "\n"


@render.register
def _(report: SensitivityReport) -> str:
    head = (
        f"# Rank sensitivity\n\n{report.weightings} weightings ({md(report.method)}). Spearman correlation "
        f"with the default ranking: min {report.min_spearman:g}, median {report.median_spearman:g}.\n\n"
        f"{md(translate(report.lang, words.LOW_END_NOTE))}\n"
    )
    rows = [
        [
            str(r.default_rank),
            md(r.name),
            r.state,
            md(words.marked_grade(f"{r.default_score:g}", r.provisional)),
            str(r.best_rank),
            str(r.worst_rank),
            f"{r.median_rank:g}",
        ]
        for r in report.rows
    ]
    header = ["Default rank", "Jurisdiction", "State", "Score", "Best rank", "Worst rank", "Median rank"]
    legend = provisional_legend(report.lang, (r.provisional for r in report.rows))
    weights = "\n".join(_weights(report.rubric, report.lang))
    return head + "\n" + weights + "\n".join([*table(header, rows, "rllrrrr"), *legend]) + "\n"


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
