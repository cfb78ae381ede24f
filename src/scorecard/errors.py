"""Problems found in data files, and the project's own exception type."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class ExitCode(IntEnum):
    """Process exit codes (see README, "Exit codes")."""

    OK = 0
    DATA = 1  # invalid data, failed validation, unknown jurisdiction, unwritable output
    USAGE = 2  # wrong usage (typer's own)
    INTERNAL = 3  # a bug
    INTERRUPTED = 130  # SIGINT


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one place, with a stable code (e.g. `yaml.duplicate-key`)."""

    location: Location
    severity: Severity
    code: str
    message: str
    key: str = field(default="", compare=False)

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return f"{self.location}: {self.severity}[{self.code}]: {key}{self.message}"

    @property
    def is_error(self) -> bool:
        """Whether this problem fails validation without --strict."""
        return self.severity is Severity.ERROR


def sort_key(issue: Issue) -> tuple[str, int, int, str, str, str]:
    """The order issues are reported in (file, line, column, ...) as a plain tuple, fast to compare."""
    where = issue.location
    return (where.path, where.line, where.column, issue.severity, issue.code, issue.message)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Issues in report order."""
    return sorted(issues, key=sort_key)


def merge_issues(first: Sequence[Issue], then: Iterable[Issue]) -> list[Issue]:
    """Two runs of issues, each in report order, as one: `sort_issues([*first, *then])` without sorting
    again (on equal keys, `first` comes first, as the stable sort puts it)."""
    if not first:
        return list(then)
    return list(heapq.merge(first, then, key=sort_key))


def error(location: Location, code: str, message: str, key: str = "") -> Issue:
    """Build an error-severity issue."""
    return Issue(location, Severity.ERROR, code, message, key)


def warning(location: Location, code: str, message: str, key: str = "") -> Issue:
    """Build a warning-severity issue."""
    return Issue(location, Severity.WARNING, code, message, key)


class ScorecardError(Exception):
    """An expected failure: bad data, an unknown id, an unwritable file.

    The CLI prints the message (and every issue) to stderr and exits with
    `exit_code`; it never shows a traceback for these.
    """

    def __init__(
        self,
        message: str,
        issues: tuple[Issue, ...] = (),
        exit_code: ExitCode = ExitCode.DATA,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.issues = issues
        self.exit_code = exit_code
