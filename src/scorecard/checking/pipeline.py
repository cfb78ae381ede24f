"""Where the data lives, and loading all of it (or one jurisdiction) with every problem found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.checking.checks import (
    CheckContext,
    Identity,
    JurisdictionParts,
    check_across,
    check_demand_keys,
    check_jurisdiction,
    check_state,
)
from scorecard.errors import Issue, Location, ScorecardError, error, sort_issues
from scorecard.input.loader import (
    load_jurisdiction_document,
    load_state_document,
    validate_document,
)
from scorecard.input.locations import (
    DataPaths,
    check_id,
    display_path,
    resolve_data_dir,
    unknown_jurisdiction,
)

__all__ = ["DataPaths", "DataSet", "check_id", "load_dataset", "load_one", "resolve_data_dir"]
from scorecard.input.models import Jurisdiction, Rubric, StateFile
from scorecard.input.yamlio import read_document


@dataclass(frozen=True)
class DataSet:
    """Everything that loaded, and every problem found on the way."""

    rubric: Rubric
    states: dict[str, StateFile]
    jurisdictions: tuple[Jurisdiction, ...]
    issues: tuple[Issue, ...] = field(default=())


def load_states(files: Sequence[Path], ctx: CheckContext) -> tuple[dict[str, StateFile], list[Issue]]:
    states: dict[str, StateFile] = {}
    issues: list[Issue] = []
    for path in files:
        doc, model, found = load_state_document(path, ctx.rubric)
        issues.extend(found)
        if model is not None:
            issues.extend(check_state(doc, model, path, ctx))
            states[model.state] = model
    return states, issues


def load_jurisdiction_file(
    path: Path, ctx: CheckContext, raw: bytes | None = None, display: str | None = None
) -> tuple[Jurisdiction | None, Identity | None, list[Issue]]:
    """Load (from `raw` when given) and check one jurisdiction file on its own."""
    doc, model, issues = load_jurisdiction_document(path, ctx.rubric, raw, display)
    issues.extend(check_demand_keys(doc, ctx.rubric))
    if model is None:
        if isinstance(doc.data, dict):
            parts = JurisdictionParts.of_raw(doc.data, ctx.rubric.level_ids)
            issues.extend(check_jurisdiction(doc, parts, path, ctx))
        return None, None, issues
    issues.extend(check_jurisdiction(doc, JurisdictionParts.of_model(model), path, ctx))
    if any(issue.is_error for issue in issues):
        return None, None, issues
    return model, Identity.of(doc, model), issues


def load_dataset(
    paths: DataPaths,
    ctx: CheckContext,
    jurisdiction_files: Sequence[Path] | None = None,
    state_files: Sequence[Path] | None = None,
) -> DataSet:
    """Load every state and jurisdiction file (or the given ones), collecting all problems."""
    states, issues = load_states(paths.state_files() if state_files is None else state_files, ctx)
    if state_files is None and not paths.owns_states:
        issues = [issue for issue in issues if issue.is_error]  # the shipped laws: only what breaks loading
    # A state file that exists counts as present even when invalid (its own errors say why).
    known = {p.stem.upper() for p in paths.state_files()} | {p.stem.upper() for p in state_files or ()}
    models: list[Jurisdiction] = []
    identities: list[Identity] = []
    files = paths.jurisdiction_files() if jurisdiction_files is None else jurisdiction_files
    for path in files:
        model, identity, found = load_jurisdiction_file(path, ctx)
        issues.extend(found)
        if model is not None and identity is not None:
            models.append(model)
            identities.append(identity)
    issues.extend(check_across(identities, known | set(states)))
    models.sort(key=lambda j: j.id)
    return DataSet(ctx.rubric, states, tuple(models), tuple(sort_issues(issues)))


def load_one(
    paths: DataPaths, ctx: CheckContext, jurisdiction_id: str
) -> tuple[Jurisdiction, StateFile | None]:
    """One jurisdiction and its state's laws; an invalid file or unknown id is a ScorecardError."""
    path = paths.cities / f"{jurisdiction_id}.yaml"
    if not (path.exists() or path.is_symlink()):
        raise unknown_jurisdiction(jurisdiction_id, paths.jurisdiction_ids())
    model, _, issues = load_jurisdiction_file(path, ctx)
    errors = tuple(i for i in issues if i.is_error)
    if model is None or errors:
        raise ScorecardError(f"{display_path(path)} is invalid; run `scorecard validate`", errors)
    state_path = paths.states / f"{model.state.lower()}.yaml"
    if not (state_path.exists() or state_path.is_symlink()):
        return model, None
    doc, state, found = load_state_document(state_path, ctx.rubric)
    if state is not None:
        found.extend(check_state(doc, state, state_path, ctx))
    errors = tuple(i for i in found if i.is_error)
    if state is None or errors:
        raise ScorecardError(f"{display_path(state_path)} is invalid; run `scorecard validate`", errors)
    return model, state


def validate_rubric_file(path: Path) -> list[Issue]:
    """Every problem in a rubric file."""
    doc = read_document(path, display_path(path))
    _, issues = validate_document(doc, Rubric)
    return issues


__all__ = [
    "DataPaths",
    "DataSet",
    "Location",
    "check_id",
    "error",
    "load_dataset",
    "load_one",
    "resolve_data_dir",
]
