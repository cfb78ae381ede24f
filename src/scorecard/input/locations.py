"""Where things are: the data folders, the paths shown in messages, and valid ids.

Light on purpose (no pydantic, no YAML): the CLI resolves paths and checks
ids with it before deciding whether anything heavier is needed.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorecard.errors import ExitCode, ScorecardError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


def display_path(path: Path) -> str:
    """How a path is shown in messages: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


DEFAULT_RUBRIC = "sanctuary"
MAX_FILES = 100_000


def _yaml_names(folder: Path) -> list[str]:
    """The names of the *.yaml entries of a folder (os.scandir: no Path object per file until needed)."""
    with os.scandir(folder) as entries:
        return [
            entry.name for entry in entries if entry.name.endswith(".yaml") and not entry.name.startswith(".")
        ]


def embedded_data_dir() -> Path:
    """The data that ships inside the package (or the source checkout, in development)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    if (packaged / "policies").is_dir():
        return packaged
    return package.parents[1]


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


def check_id(value: str) -> str:
    """Refuse an id that is not a slug before any file is opened (no paths, no look-alikes)."""
    if not _SLUG.fullmatch(value) or len(value) > 80:
        shown = value if len(value) <= 200 else value[:197] + "..."
        raise ScorecardError(
            f"{shown!r} is not a jurisdiction id: ids are lowercase letters, digits and single "
            "hyphens, like 'denver' or 'cook-county'"
        )
    return value


def unknown_jurisdiction(wanted: str, known: Sequence[str]) -> ScorecardError:
    """The error for an id that has no file, suggesting the closest ids."""
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `scorecard list` shows them all"
    return ScorecardError(f"no jurisdiction '{wanted}'{hint}", exit_code=ExitCode.DATA)
