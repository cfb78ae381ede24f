"""Notices that every format prints the same way: one wording, translated once."""

from __future__ import annotations

from scorecard.i18n import translate
from scorecard.report import AssessReport
from scorecard.vocab import STATES


def baseline_notice(report: AssessReport) -> list[str]:
    """For a baseline card: what it is, and the command that starts a researched file (else nothing)."""
    j = report.jurisdiction
    if j.researched:
        return []
    state = STATES[j.state].name if j.state in STATES else j.state
    lines = [
        translate(
            report.lang,
            "Baseline card, not researched locally: statuses come from {state} state law alone; "
            "the county's own policies are unknown.",
            state=state,
        )
    ]
    if report.add_command:
        lines.append(
            translate(
                report.lang, "To research it, start its file with: {command}", command=report.add_command
            )
        )
    return lines
