"""Where the data lives, and loading all of it (or one jurisdiction) with every problem found."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.checks import (
    CheckContext,
    Identity,
    JurisdictionParts,
    check_across,
    check_demand_keys,
    check_jurisdiction,
    check_state,
)
from scorecard.errors import ExitCode, Issue, Location, ScorecardError, error
from scorecard.loader import (
    display_path,
    load_jurisdiction_document,
    load_rubric,
    load_state_document,
    validate_document,
)
from scorecard.models import SLUG_PATTERN, Jurisdiction, Rubric, StateFile
from scorecard.yamlio import read_document

DEFAULT_RUBRIC = "sanctuary"
MAX_FILES = 100_000
_SLUG = re.compile(SLUG_PATTERN)


def _yaml_names(folder: Path) -> list[str]:
    """The names of the *.yaml entries of a folder (os.scandir: no Path object per file until needed)."""
    with os.scandir(folder) as entries:
        return [
            entry.name for entry in entries if entry.name.endswith(".yaml") and not entry.name.startswith(".")
        ]


def embedded_data_dir() -> Path:
    """The data that ships inside the package (or the source checkout, in development)."""
    packaged = Path(__file__).resolve().parent / "data"
    if (packaged / "policies").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def resolve_data_dir(option: Path | None, environ: Mapping[str, str], cwd: Path) -> Path:
    """--data-dir, else $SCORECARD_DATA_DIR, else the working directory if it holds data, else embedded."""
    if option is not None:
        chosen = option
    elif environ.get("SCORECARD_DATA_DIR"):
        chosen = Path(environ["SCORECARD_DATA_DIR"])
    elif (cwd / "cities").is_dir() or (cwd / "policies").is_dir():
        return cwd
    else:
        return embedded_data_dir()
    if not chosen.is_dir():
        raise ScorecardError(f"data directory {chosen} does not exist or is not a directory")
    return chosen


@dataclass(frozen=True)
class DataPaths:
    """The three data folders; a data repository without policies/ or states/ uses the shipped ones."""

    root: Path
    policies: Path
    cities: Path
    states: Path

    @property
    def owns_states(self) -> bool:
        """Whether states/ is the data folder's own (not the shipped fallback)."""
        return self.states.parent == self.root

    @property
    def owns_policies(self) -> bool:
        """Whether policies/ is the data folder's own (not the shipped fallback)."""
        return self.policies.parent == self.root

    @classmethod
    def at(cls, root: Path) -> DataPaths:
        """The folders under `root`, falling back to the embedded rubric and state laws."""
        embedded = embedded_data_dir()

        def pick(name: str) -> Path:
            own = root / name
            return own if own.is_dir() or name == "cities" else embedded / name

        return cls(root, pick("policies"), pick("cities"), pick("states"))

    def rubric_file(self, rubric: str | None) -> Path:
        """The rubric file for an id (in policies/) or a path to a YAML file."""
        name = rubric or DEFAULT_RUBRIC
        if _SLUG.fullmatch(name):
            path = self.policies / f"{name}.yaml"
            if path.exists() or path.is_symlink():
                return path  # loading it reports a directory or a broken link as such
            known = sorted(p.stem for p in self.policies.glob("*.yaml"))
            raise ScorecardError(
                f"no rubric '{name}' in {display_path(self.policies)}; known: {', '.join(known) or 'none'}"
            )
        path = Path(name)
        if not path.is_file():
            raise ScorecardError(f"rubric file {name} does not exist")
        return path

    def jurisdiction_files(self) -> list[Path]:
        """Every jurisdiction file, sorted by name."""
        if not self.cities.is_dir():
            return []
        files = [self.cities / name for name in sorted(_yaml_names(self.cities))]
        if len(files) > MAX_FILES:
            raise ScorecardError(
                f"{display_path(self.cities)} holds {len(files):,} files, "
                f"more than the limit of {MAX_FILES:,}"
            )
        return files

    def state_files(self) -> list[Path]:
        """Every state file, sorted by name."""
        return (
            [self.states / name for name in sorted(_yaml_names(self.states))] if self.states.is_dir() else []
        )

    def jurisdiction_ids(self) -> list[str]:
        """The ids of all jurisdictions, from file names (no file is read)."""
        return [p.stem for p in self.jurisdiction_files()]


@dataclass(frozen=True)
class DataSet:
    """Everything that loaded, and every problem found on the way."""

    rubric: Rubric
    states: dict[str, StateFile]
    jurisdictions: tuple[Jurisdiction, ...]
    issues: tuple[Issue, ...] = field(default=())

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error."""
        return any(issue.is_error for issue in self.issues)


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
    return DataSet(ctx.rubric, states, tuple(models), tuple(sorted(issues)))


def load_context(paths: DataPaths, rubric: str | None, today: object) -> CheckContext:
    """The rubric and date that every load is checked against."""
    import datetime as dt

    assert isinstance(today, dt.date)
    return CheckContext(load_rubric(paths.rubric_file(rubric)), today)


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


def unknown_jurisdiction(wanted: str, known: Sequence[str]) -> ScorecardError:
    """The error for an id that has no file, suggesting the closest ids."""
    import difflib

    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `scorecard list` shows them all"
    return ScorecardError(f"no jurisdiction '{wanted}'{hint}", exit_code=ExitCode.DATA)


def check_id(value: str) -> str:
    """Refuse an id that is not a slug before any file is opened (no paths, no look-alikes)."""
    if not _SLUG.fullmatch(value) or len(value) > 80:
        shown = value if len(value) <= 200 else value[:197] + "..."
        raise ScorecardError(
            f"{shown!r} is not a jurisdiction id: ids are lowercase letters, digits and single "
            "hyphens, like 'denver' or 'cook-county'"
        )
    return value


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
