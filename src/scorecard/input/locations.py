"""Where things are: the data folders, the paths shown in messages, and valid ids.

Light on purpose (no pydantic, no YAML): the CLI resolves paths and checks
ids with it before deciding whether anything heavier is needed.
"""

from __future__ import annotations

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
    """The data folders: the user's own, layered over the shipped data (`below`) unless asked not to.

    A file in the user's `cities/`, `states/` or `policies/` replaces the shipped
    file of the same name; every other file comes from the shipped data. Without
    layering (`--no-shipped`, `diff`'s editions), a data folder without
    `policies/` or `states/` still uses the shipped rubric and state laws.
    """

    root: Path
    policies: Path
    cities: Path
    states: Path
    below: DataPaths | None = None  # the shipped data under the user's folder

    @property
    def owns_states(self) -> bool:
        """Whether the folder has state files of its own (not only the shipped fallback)."""
        return self.states.parent == self.root and self.states.is_dir()

    @property
    def owns_policies(self) -> bool:
        """Whether the folder has rubrics of its own (not only the shipped fallback)."""
        return self.policies.parent == self.root and self.policies.is_dir()

    @classmethod
    def at(cls, root: Path, *, layered: bool = False) -> DataPaths:
        """The folders under `root`: layered over the shipped data, or alone with the shipped fallbacks."""
        embedded = embedded_data_dir()
        if layered and root.resolve() != embedded.resolve():
            below = cls.at(embedded)
            return cls(root, root / "policies", root / "cities", root / "states", below)

        def pick(name: str) -> Path:
            own = root / name
            return own if own.is_dir() or name == "cities" else embedded / name

        return cls(root, pick("policies"), pick("cities"), pick("states"))

    def shown(self) -> tuple[str, ...]:
        """The data folders read, as shown from the working directory: the user's, then the shipped data."""
        own = display_path(self.root)
        return (own,) if self.below is None else (own, display_path(self.below.root))

    def folders(self) -> str:
        """The data folders read, for messages: `mine, over the shipped data in ...`."""
        shown = ["the current folder" if folder == "." else folder for folder in self.shown()]
        return shown[0] if len(shown) == 1 else f"{shown[0]}, over the shipped data in {shown[1]}"

    def rubric_file(self, rubric: str | None) -> Path:
        """The rubric file for an id (in policies/, the user's first) or a path to a YAML file."""
        name = rubric or DEFAULT_RUBRIC
        if _SLUG.fullmatch(name):
            path = self.policies / f"{name}.yaml"
            if path.exists() or path.is_symlink():
                return path  # loading it reports a directory or a broken link as such
            if self.below is not None:
                try:
                    return self.below.rubric_file(name)
                except ScorecardError:
                    pass
            known = sorted({p.stem for folder in self._layers("policies") for p in folder.glob("*.yaml")})
            raise ScorecardError(
                f"no rubric '{name}' in {self.folders()}; known: {', '.join(known) or 'none'}"
            )
        path = Path(name)
        if not path.is_file():
            raise ScorecardError(f"rubric file {name} does not exist")
        return path

    def _layers(self, kind: str) -> list[Path]:
        """The folders of one kind (`cities`), the user's first."""
        own = getattr(self, kind)
        return [own] if self.below is None else [own, getattr(self.below, kind)]

    def _files(self, kind: str) -> list[Path]:
        """The *.yaml files of one kind across the layers, the user's replacing the shipped by name."""
        chosen: dict[str, Path] = {}
        for folder in reversed(self._layers(kind)):
            if folder.is_dir():
                chosen.update((name, folder / name) for name in _yaml_names(folder))
        if len(chosen) > MAX_FILES:
            raise ScorecardError(
                f"{display_path(getattr(self, kind))} holds {len(chosen):,} files, "
                f"more than the limit of {MAX_FILES:,}"
            )
        return [chosen[name] for name in sorted(chosen)]

    def jurisdiction_files(self) -> list[Path]:
        """Every jurisdiction file, sorted by name."""
        return self._files("cities")

    def state_files(self) -> list[Path]:
        """Every state file, sorted by name."""
        return self._files("states")

    def own_files(self) -> tuple[list[Path], list[Path]]:
        """The user's own jurisdiction and state files: what `validate` checks."""
        if self.below is None:
            return self.jurisdiction_files(), self.state_files()
        return (
            [self.cities / n for n in sorted(_yaml_names(self.cities))] if self.cities.is_dir() else [],
            [self.states / n for n in sorted(_yaml_names(self.states))] if self.states.is_dir() else [],
        )

    def jurisdiction_file(self, jurisdiction_id: str) -> Path | None:
        """The file of a (checked) id, the user's first; None when no layer has it."""
        for folder in self._layers("cities"):
            path = folder / f"{jurisdiction_id}.yaml"
            if path.exists() or path.is_symlink():
                return path
        return None

    def jurisdiction_ids(self) -> list[str]:
        """The ids of all jurisdictions, from file names (no file is read)."""
        return [p.stem for p in self.jurisdiction_files()]


_LETTER = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # Latin letters only: no look-alikes
_SAFE = re.compile(f"[{_LETTER}][{_LETTER} .,'()&-]{{0,119}}")


def check_query(query: str) -> str:
    """Refuse text that could not name a place before any file is opened."""
    text = query.strip()
    if not _SAFE.fullmatch(text):
        shown = text if len(text) <= 200 else text[:197] + "..."
        raise ScorecardError(
            f"{shown!r} is not a jurisdiction id or name: use an id like 'denver' or 'cook-county', "
            'a name like "Cook County, IL", or a FIPS code like 16001'
        )
    return text


def check_id(value: str) -> str:
    """Refuse an id that is not a slug before any file is opened (no paths, no look-alikes)."""
    if not _SLUG.fullmatch(value) or len(value) > 80:
        shown = value if len(value) <= 200 else value[:197] + "..."
        raise ScorecardError(
            f"{shown!r} is not a jurisdiction id: ids are lowercase letters, digits and single "
            "hyphens, like 'denver' or 'cook-county'"
        )
    return value


def unknown_jurisdiction(wanted: str, known: Sequence[str], folders: str | None = None) -> ScorecardError:
    """The error for an id that has no file, suggesting the closest ids (and naming the folders read)."""
    import difflib  # 1.5 ms, only when an id is not found

    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `scorecard list` shows them all"
    where = f" in {folders}" if folders else ""
    return ScorecardError(f"no jurisdiction '{wanted}'{where}{hint}", exit_code=ExitCode.DATA)
