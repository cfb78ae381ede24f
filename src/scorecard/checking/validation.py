"""`validate`: every problem in the data folder, or in the given files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from scorecard.checking.checks import CheckContext
from scorecard.checking.pipeline import Loading, load_data, validate_rubric_file
from scorecard.errors import Issue, merge_issues, sort_issues
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths


def validate(
    paths: DataPaths,
    files: Sequence[Path],
    *,
    rubric: str | None,
    today: dt.date,
    max_age_days: int,
    loading: Loading = Loading(),
) -> tuple[list[Issue], int]:
    """Every problem in the data (or in the given files), and how many files were checked."""
    if files:
        rubric_files = [p for p in files if p.parent.name == "policies"]
    else:
        rubric_files = list(paths.policies.glob("*.yaml")) if paths.owns_policies else []
    issues: list[Issue] = []
    for path in sorted(rubric_files):
        issues.extend(validate_rubric_file(path))
    if any(issue.is_error for issue in issues):
        chosen = paths.rubric_file(rubric)
        if any(issue.location.path.endswith(chosen.name) for issue in issues if issue.is_error):
            return sort_issues(issues), len(rubric_files)  # nothing else can be checked without the rubric
    ctx = CheckContext(load_rubric(paths.rubric_file(rubric)), today, max_age_days)
    if files:
        states = [p for p in files if p.parent.name == "states"]
        cities = [p for p in files if p.parent.name not in ("states", "policies")]
        loaded = load_data(paths, ctx, want="issues", files=cities, state_files=states, loading=loading)
    else:  # the user's own files, checked against the layered rubric and state laws
        cities, states = paths.own_files()
        loaded = load_data(paths, ctx, want="issues", files=cities, state_files=states, loading=loading)
    return merge_issues(sort_issues(issues), loaded.issues), len(rubric_files) + loaded.files
