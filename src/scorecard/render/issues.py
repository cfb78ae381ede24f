"""How `validate` prints problems: text for people, JSON for tools, annotations for GitHub Actions."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from scorecard.errors import Issue
from scorecard.i18n import translate_count
from scorecard.render.text import escaped_line
from scorecard.render.to_json import dumps


class IssueFormat(StrEnum):
    """Output formats of `scorecard validate`."""

    text = "text"
    json = "json"
    github = "github"


def summary_line(issues: Sequence[Issue], files: int) -> str:
    """One line: how many errors and warnings in how many files."""
    errors = sum(issue.is_error for issue in issues)
    warnings = len(issues) - errors
    checked = translate_count("en", files, "{count} file", "{count} files")
    if not issues:
        return f"All {checked} valid."
    counts = ", ".join(
        (
            translate_count("en", errors, "{count} error", "{count} errors"),
            translate_count("en", warnings, "{count} warning", "{count} warnings"),
        )
    )
    return f"{counts} in {checked}."


def format_text(issues: Sequence[Issue], files: int) -> str:
    """`path:line:col: severity[code]: key: message` lines, then the summary line."""
    lines = [escaped_line(str(issue)) for issue in issues]
    return "\n".join([*lines, summary_line(issues, files)]) + "\n"


def format_json(issues: Sequence[Issue], files: int) -> str:  # noqa: ARG001 (one signature for all formats)
    """A JSON list of objects with path, line, column, severity, code, key and message."""
    return dumps(
        [
            {
                "path": issue.location.path,
                "line": issue.location.line,
                "column": issue.location.column,
                "severity": issue.severity.value,
                "code": issue.code,
                "key": issue.key,
                "message": issue.message,
            }
            for issue in issues
        ]
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(issues: Sequence[Issue], files: int) -> str:
    """GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`)."""
    lines = []
    for issue in issues:
        where = f"file={_escape_property(escaped_line(issue.location.path))}"
        if issue.location.line:
            where += f",line={issue.location.line},col={issue.location.column}"
        key = f"{issue.key}: " if issue.key else ""
        title = _escape_property(issue.code)
        lines.append(
            f"::{issue.severity.value} {where},title={title}::"
            f"{_escape_data(escaped_line(key + issue.message))}"
        )
    lines.append(summary_line(issues, files))
    return "\n".join(lines) + "\n"


FORMATTERS = {
    IssueFormat.text: format_text,
    IssueFormat.json: format_json,
    IssueFormat.github: format_github,
}
