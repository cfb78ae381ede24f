"""The litigation section of a report card: the words every format shares, Markdown and CSV layouts.

The terminal layout is in `term_card.py` and the HTML one in the card
template; both use the words defined here. Every format says that a pending
suit changes no status (`LITIGATION_NOTE`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from scorecard.i18n import LITIGATION_LABELS, LITIGATION_NOTE, translate
from scorecard.render.text import markdown_text as md
from scorecard.report import AssessReport, CaseRef, SourceRef

__all__ = ["CSV_COLUMNS", "LITIGATION_NOTE", "csv_cells", "markdown_lines", "open_cases", "status_words"]


def status_words(lang: str, case: CaseRef) -> str:
    """ "dismissed (2025-07-25) · filed 2025-02-06", in the report's language."""
    status = translate(lang, LITIGATION_LABELS.get(case.status, case.status))
    if case.status_date == case.filed:
        return translate(lang, "{status} · filed {filed}", status=status, filed=case.filed.isoformat())
    return translate(
        lang,
        "{status} ({date}) · filed {filed}",
        status=status,
        date=case.status_date.isoformat(),
        filed=case.filed.isoformat(),
    )


def scope_words(lang: str, case: CaseRef) -> str | None:
    """ "Statewide (Illinois)" for a suit recorded in the state file; None for the jurisdiction's own."""
    return translate(lang, "Statewide ({name})", name=case.scope_name) if case.scope == "state" else None


OPEN = frozenset({"pending", "injunction", "appeal"})  # a suit still before a court


def open_cases(report: AssessReport) -> list[tuple[int, CaseRef]]:
    """The suits still before a court, each with its number in `report.litigation` (from 1)."""
    return [(number, case) for number, case in enumerate(report.litigation, 1) if case.status in OPEN]


def court_words(case: CaseRef) -> str:
    """The court and the docket number."""
    return f"{case.court}, {case.docket}" if case.docket else case.court


def markdown_lines(
    report: AssessReport, sources: Callable[[Sequence[SourceRef], str], list[str]]
) -> list[str]:
    """The `## Litigation` section (nothing when no suit is recorded)."""
    lang = report.lang
    if not report.litigation:
        return []
    out = ["## " + translate(lang, "Litigation"), "", "> " + translate(lang, LITIGATION_NOTE), ""]
    for case in report.litigation:
        scope = scope_words(lang, case)
        out += [f"### {md(case.case)}" + (f" · {md(scope)}" if scope else ""), ""]
        out += [
            f"- **{translate(lang, 'Status')}:** {status_words(lang, case)}",
            f"- **{translate(lang, 'Court')}:** {md(court_words(case))}",
            f"- **{translate(lang, 'Challenges')}:** {md(case.challenges)}",
        ]
        if case.summary:
            out.append(f"- **{translate(lang, 'Latest')}:** {md(case.summary)}")
        if case.demands:
            titles = ", ".join(md(title) for _, title in case.demands)
            out.append(f"- **{translate(lang, 'Bears on')}:** {titles}")
        out += ["", translate(lang, "Sources:"), "", *sources(case.sources, lang), ""]
    return out


CSV_COLUMNS = (
    "record", "case", "court", "docket", "filed", "case_status", "case_status_date", "challenges",
    "case_scope", "case_demand_ids",
)  # fmt: skip


def csv_cells(case: CaseRef | None) -> tuple[str | None, ...]:
    """The litigation columns of a CSV row: a demand row (None) leaves them empty but `record`."""
    if case is None:
        return ("demand", *[None] * (len(CSV_COLUMNS) - 1))
    return (
        "litigation",
        case.case,
        case.court,
        case.docket,
        case.filed.isoformat(),
        case.status,
        case.status_date.isoformat(),
        case.challenges,
        case.scope,
        " ".join(demand for demand, _ in case.demands),
    )
