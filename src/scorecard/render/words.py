"""Phrases every format shares: score ranges, the provisional mark, coverage, weights, laws, steps.

Each returns plain text in the report's language (the catalog's words with
data values filled in); each renderer escapes it for its format. Keeping the
phrases here makes the terminal, Markdown and HTML cards say the same thing
in the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from scorecard.i18n import mark, translate, translate_count
from scorecard.report import (
    DemandResult,
    DiffReport,
    Freshness,
    LawRef,
    NextStep,
    RubricInfo,
    ScoreChange,
    SensitivityReport,
)

PROVISIONAL_MARK = "*"
PROVISIONAL_NOTE = mark(
    "* provisional: some demands are not settled yet, so research may raise the score; "
    "the grade is that of the low end of the range."
)
FLOOR_CEILING_NOTE = mark(
    "State law: a floor guarantees at least its level everywhere in the state; a ceiling forbids "
    "doing better than its level."
)
LOW_END_NOTE = mark("Scores and ranks use the low end of each score range (today's score, unknown earns 0).")

SENSITIVITY_NOTE = mark(
    "A jurisdiction whose best and worst ranks are close holds its place whatever the weights; "
    "a wide spread means its rank depends on which demands are weighted most."
)
# the headings of the sensitivity table, in every format that lays it out; "rllrrrr": right or left
SENSITIVITY_HEADINGS = (
    mark("Default rank"),
    mark("Jurisdiction"),
    mark("State"),
    mark("Score"),
    mark("Best rank"),
    mark("Worst rank"),
    mark("Median rank"),
)
SENSITIVITY_ALIGN = "rllrrrr"


def headings(lang: str, *english: str) -> list[str]:
    """Column headings in the report's language (each English heading is a literal or marked)."""
    return [translate(lang, heading) for heading in english]


def sensitivity_head(report: SensitivityReport) -> str:
    """ "Rank sensitivity: 1000 weightings (random); Spearman correlation ... min 0.9, median 0.97"."""
    values = {
        "count": report.weightings,
        "method": report.method,
        "low": f"{report.min_spearman:g}",
        "median": f"{report.median_spearman:g}",
    }
    title = translate(report.lang, "Rank sensitivity")
    sentence = translate_count(
        report.lang,
        report.weightings,
        "{count} weighting ({method}); Spearman correlation with the default ranking: "
        "min {low}, median {median}",
        "{count} weightings ({method}); Spearman correlation with the default ranking: "
        "min {low}, median {median}",
        **{key: value for key, value in values.items() if key != "count"},
    )
    return f"{title}: {sentence}"


DIFF_COLUMNS = (mark("Kind"), mark("Where"), mark("Demand"), mark("Status"), mark("Detail"))
DIFF_SCORE_COLUMNS = (mark("Jurisdiction"), mark("Before"), mark("After"), mark("Change"))
# The labels of `diff` (codes in JSON and CSV, documented in docs/research.md), as people read them.
DIFF_LABELS = {
    "policy change": mark("policy change"),
    "evidence change": mark("evidence change"),
    "rubric change": mark("rubric change"),
    "added": mark("added"),
    "removed": mark("removed"),
}


def diff_head(report: DiffReport) -> str:
    """ "Data changes: main → HEAD"."""
    return translate(report.lang, "Data changes: {old} → {new}", old=report.old, new=report.new)


def diff_count(label: str, count: int, lang: str) -> str:
    """ "2 policy changes", "1 added"."""
    if label == "policy change":
        return translate_count(lang, count, "{count} policy change", "{count} policy changes")
    if label == "evidence change":
        return translate_count(lang, count, "{count} evidence change", "{count} evidence changes")
    if label == "rubric change":
        return translate_count(lang, count, "{count} rubric change", "{count} rubric changes")
    return f"{count} {translate(lang, DIFF_LABELS.get(label, label))}"


def unknown_note(count: int, lang: str) -> str:
    """ "2 demands unknown: the score counts them as 0 points. ..." (the card's note on gaps)."""
    return translate_count(
        lang,
        count,
        "{count} demand unknown: the score counts it as 0 points. Unknown is a gap in the data, not a "
        "finding that the demand is unmet.",
        "{count} demands unknown: the score counts them as 0 points. Unknown is a gap in the data, not "
        "a finding that the demand is unmet.",
    )


def reviewed_line(fresh: Freshness, as_of: dt.date, lang: str) -> str:
    """ "Data last reviewed 2026-01-15 (17 days before 2026-02-01)." (1 day, 2 days)."""
    return translate_count(
        lang,
        fresh.age_days,
        "Data last reviewed {date} ({count} day before {as_of}).",
        "Data last reviewed {date} ({count} days before {as_of}).",
        date=fresh.last_reviewed.isoformat(),
        as_of=as_of.isoformat(),
    )


def stale_line(fresh: Freshness, lang: str) -> str:
    """ "Older than 365 days: check the sources again." """
    return translate_count(
        lang,
        fresh.max_age_days,
        "Older than {count} day: check the sources again.",
        "Older than {count} days: check the sources again.",
    )


def data_line(folders: Sequence[str], lang: str) -> str:
    """ "Data: mydata, over the shipped data in /usr/lib/.../scorecard/data" (`.`: the current folder)."""
    folders = [translate(lang, "the current folder") if folder == "." else folder for folder in folders]
    if len(folders) == 1:
        return translate(lang, "Data: {folder}", folder=folders[0])
    return translate(
        lang, "Data: {folder}, over the shipped data in {shipped}", folder=folders[0], shipped=folders[1]
    )


def diff_score_cells(change: ScoreChange, lang: str) -> tuple[str, str, str]:
    """Before, after and the change of a score in `diff`: "80 (B)", "90 (A)", "+10"; an added place has
    no before ("—") and its change is "added", a removed one the reverse."""

    def cell(score: float | None, grade: str | None) -> str:
        return "—" if score is None else f"{score:g} ({grade})"

    if change.old_score is None or change.new_score is None:
        moved = translate(lang, DIFF_LABELS["added" if change.old_score is None else "removed"])
    else:
        moved = f"{change.new_score - change.old_score:+g}"
    return cell(change.old_score, change.old_grade), cell(change.new_score, change.new_grade), moved


def law_name(label: str, citation: str | None) -> str:
    """A law with its citation, said once: "Texas SB 4 (2017) — Tex. Gov't Code 752.053".

    The citation is left out when the name already holds it ("Colorado SB25-276 ... (2025)"
    needs no "(SB25-276)"); a dash, not parentheses, keeps a citation with its own
    parentheses from nesting.
    """
    if not citation or citation in label:
        return label
    return f"{label} — {citation}"


def aside(main: str, detail: str | None) -> str:
    """`main (detail)`, or `main: detail` when the detail has parentheses of its own (no nesting)."""
    if not detail:
        return main
    return f"{main}: {detail}" if "(" in detail else f"{main} ({detail})"


def number(value: float) -> str:
    """A score as reports print it: 80, 72.5."""
    return f"{value:g}"


def score_range(low_high: Sequence[float], provisional: bool) -> str:
    """`47` when settled, `47` to `87` joined by an en dash when provisional."""
    low, high = low_high
    return f"{number(low)}–{number(high)}" if provisional else number(low)


def marked_grade(grade: str, provisional: bool) -> str:
    """A grade for a table cell: `F*` when provisional (the legend explains the mark)."""
    return grade + PROVISIONAL_MARK if provisional else grade


def grade_words(grade: str, provisional: bool, lang: str) -> str:
    """A grade in prose: `F (provisional)`."""
    return translate(lang, "{grade} (provisional)", grade=grade) if provisional else grade


def coverage(settled_by_local: int, settled_by_state: int, total: int, lang: str) -> str:
    """ "4 of 5 settled: 1 by local policy, 3 by state law"."""
    return translate(
        lang,
        "{settled} of {total} settled: {local} by local policy, {state} by state law",
        settled=settled_by_local + settled_by_state,
        total=total,
        local=settled_by_local,
        state=settled_by_state,
    )


def range_sentence(low_high: Sequence[float], lang: str) -> str:
    """What a provisional score means, in one sentence."""
    low, high = low_high
    return translate(
        lang,
        "Provisional: {low} today; up to {high} if every unsettled demand reached the best level "
        "state law allows.",
        low=number(low),
        high=number(high),
    )


def weights_note(rubric: RubricInfo, lang: str) -> str | None:
    """ "Custom weights: No ICE notifications 3 (rubric: 1)", or None when the rubric's are used."""
    if not rubric.changed_weights:
        return None
    changes = "; ".join(
        translate(
            lang,
            "{demand} {weight} (rubric: {rubric})",
            demand=change.title,
            weight=number(change.weight),
            rubric=number(change.rubric_weight),
        )
        for change in rubric.changed_weights
    )
    return translate(lang, "Custom weights: {changes}", changes=changes)


def grade_scale(grades: Sequence[tuple[str, float]], lang: str) -> str:
    """ "Grades: A ≥ 90 · B ≥ 80 · ... · F < 60"."""
    parts = [f"{grade} ≥ {number(low)}" for grade, low in grades[:-1]]
    if grades:
        last = grades[-1][0]
        parts.append(f"{last} < {number(grades[-2][1])}" if len(grades) > 1 else last)
    return translate(lang, "Grades: {scale}", scale=" · ".join(parts))


def law_column(demand: DemandResult, lang: str) -> str | None:
    """The demand table's state-law cell: the law that set the status, or the ceiling that caps it."""
    law = demand.law or demand.ceiling
    if law is None:
        return None
    if law.effect == "floor":
        return translate(lang, "floor: {law}", law=law.label)
    return translate(lang, "ceiling: {law}", law=law.label)


def set_by_state(demand: DemandResult) -> LawRef | None:
    """The law that set a status over an unknown local policy (None when local policy counts)."""
    return demand.law if demand.law is not None and not demand.local_known else None


def local_column(demand: DemandResult, lang: str) -> str:
    """The demand table's local-policy cell; never a bare "unknown" when state law set the status."""
    law = set_by_state(demand)
    if law is not None:
        return translate(lang, "set by state law ({law})", law=law.title)
    if demand.since_display:
        return demand.local_status_label + translate(lang, " (since {date})", date=demand.since_display)
    return demand.local_status_label


def law_effect(demand: DemandResult, lang: str) -> str | None:
    """The evidence's state-law line: what the law did, and the local policy it did it to."""
    law = demand.law
    if law is None:
        cap = demand.ceiling
        if cap is None:
            return None
        return translate(lang, "capped at {level} by {law}", level=cap.level_label, law=cap.label)
    if set_by_state(demand) is not None:
        return translate(
            lang,
            "{level}, set by state law ({law}); the local policy is not researched",
            level=law.level_label,
            law=law.title,
        )
    effect = (
        translate(lang, "raised to {level} by {law}", level=law.level_label, law=law.label)
        if law.effect == "floor"
        else translate(lang, "capped at {level} by {law}", level=law.level_label, law=law.label)
    )
    local = translate(lang, "local policy: {status}", status=demand.local_status_label)
    overridden = translate(lang, " (overridden by state law)") if demand.overridden else ""
    return f"{effect}; {local}{overridden}"


def step_gain(step: NextStep) -> str:
    """ "+20 → A": the points a step adds and the grade it would give."""
    return f"+{number(step.gain)} → {step.grade_after}"


def step_notes(step: NextStep, lang: str) -> list[str]:
    """What stands in a step's way: the ceiling it stops at, a state law only, research first."""
    notes = []
    if step.capped_by is not None:
        notes.append(
            translate(
                lang,
                "Possible locally up to {level}, the ceiling set by {law}.",
                level=step.capped_by.level_label,
                law=step.capped_by.label,
            )
        )
    if step.blocked_by is not None:
        notes.append(
            translate(
                lang,
                "State law only: {law} caps it at {level}; only a change in state law can unlock this.",
                law=step.blocked_by.label,
                level=step.blocked_by.level_label,
            )
        )
    if step.needs_research:
        notes.append(translate(lang, "The current policy is unknown: find and cite it first."))
    return notes
