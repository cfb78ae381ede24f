"""The options the commands share, parsed once: data folder, rubric, format, dates, weights, language.

Only the CLI knows about options: it turns them into plain values (a
`Scoring`, a `DataPaths`, a date) before calling the core.
"""

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scorecard.vocab import DEFAULT_MAX_AGE_DAYS, Basis, Kind, OutputFormat

if TYPE_CHECKING:
    from scorecard.checking.pipeline import Loading
    from scorecard.input.locations import DataPaths
    from scorecard.vocab import Scoring

__all__ = ["DEFAULT_MAX_AGE_DAYS", "Basis", "Kind", "OutputFormat"]


class Lang(StrEnum):
    """Languages of the interface and the rubric's words (data text stays as written)."""

    en = "en"
    es = "es"


DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="SCORECARD_DATA_DIR",
        help="Your data folder (policies/, cities/, states/), layered over the shipped data (default: the "
        "current folder if it holds cities/ or policies/, else the shipped data alone).",
        show_default=False,
    ),
]
RubricOption = Annotated[
    str | None,
    typer.Option("--rubric", "-r", help="Rubric id (a file in policies/) or path.", show_default="sanctuary"),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this file (whole, or not at all); - is stdout; its suffix (.html, .json, "
        ".csv, .md) sets the format when -f is not given.",
        show_default=False,
        is_eager=True,  # read before -f, whose default follows the file's suffix
        callback=lambda value: None if value is not None and str(value) == "-" else value,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Score the data as it stood on this date, YYYY-MM-DD.", show_default="today"
    ),
]
WeightsOption = Annotated[
    str | None,
    typer.Option(
        "--weights", help="Override demand weights for this run: DEMAND=W,DEMAND=W.", show_default=False
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of the report: en or es (data summaries stay as written).")
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="SCORECARD_NO_CACHE",
        help="Don't read or write the caches (checked files, finished reports).",
    ),
]
BasisOption = Annotated[
    Basis,
    typer.Option("--basis", help="Score written policy, or observed practice where it is recorded."),
]
WideOption = Annotated[
    bool, typer.Option("--wide", help="CSV: one row per jurisdiction, a column per demand.")
]


def state_code(value: str | None) -> str | None:
    """--state as a USPS code (any case); anything else is a usage error that lists the codes."""
    from scorecard.vocab import USPS_CODES

    if value is None or value.upper() in USPS_CODES:
        return None if value is None else value.upper()
    raise typer.BadParameter(f"'{value}' is not a state's USPS code; use one of {', '.join(USPS_CODES)}")


def fips_code(value: str | None) -> str | None:
    """--fips as the Census GEOID's digits: 5 for a county, 7 for a place (a usage error otherwise)."""
    if value is None or (value.isdigit() and len(value) in (5, 7) and value.isascii()):
        return value
    raise typer.BadParameter(
        "expected the Census GEOID's digits: 5 for a county (08031) or 7 for a place (0820000); "
        f"got '{value}'"
    )


StateFilter = Annotated[
    str | None, typer.Option("--state", help="Only this state (USPS code, e.g. CO).", callback=state_code)
]
KindFilter = Annotated[Kind | None, typer.Option("--kind", help="Only this kind of jurisdiction.")]
IncludeBaselineOption = Annotated[
    bool,
    typer.Option(
        "--include-baseline",
        help="Also every county with no researched file, scored on its state's laws alone (a baseline).",
    ),
]


SUFFIX_FORMATS = {
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
    ".json": OutputFormat.json,
    ".csv": OutputFormat.csv,
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
}


def format_option(report: str, default: OutputFormat = OutputFormat.table) -> Any:
    """The -f/--format option of a command whose report type is `report`: only the formats it has.

    The choice is checked while the arguments are parsed, before any data is read (exit 2).
    """
    from scorecard.render import FORMATS

    allowed = FORMATS[report]
    names = ", ".join(fmt.value for fmt in allowed)

    def check(ctx: typer.Context, param: typer.CallbackParam, value: OutputFormat) -> OutputFormat:
        given_path = ctx.params.get("output_file")  # read first (eager); typer converts it later
        target = Path(str(given_path)) if given_path else None
        implied = SUFFIX_FORMATS.get(target.suffix.lower()) if target is not None else None
        source = ctx.get_parameter_source(param.name or "")
        given = source is not None and source.name != "DEFAULT"  # typed on the command line or set by env
        if implied is not None and not given:
            value = implied  # -o card.html without -f: the suffix says html
        elif implied is not None and value != implied:
            raise typer.BadParameter(
                f"-o {target.name} is a {implied.value} file, but -f asks for {value.value}"  # type: ignore[union-attr]
            )
        if value not in allowed:
            raise typer.BadParameter(f"this command's output is {names}; got '{value.value}'")
        return value

    return typer.Option(
        default,
        "--format",
        "-f",
        help=f"Output format: {names}.",
        metavar="[" + "|".join(fmt.value for fmt in allowed) + "]",
        callback=check,
    )


def today() -> dt.date:
    """The date the CLI runs on (the core never reads the clock)."""
    return dt.date.today()


def as_of(value: str | None) -> dt.date:
    """--as-of as a date (default: today)."""
    if value is None:
        return today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"expected a date written YYYY-MM-DD; got '{value}'", param_hint="--as-of"
        ) from None


def scoring(when: str | None, basis: Basis, weights: str | None, lang: Lang) -> "Scoring":
    """How to score, from the options."""
    from scorecard.cli.output import note
    from scorecard.vocab import Scoring

    day = as_of(when)
    if day > today():
        note(f"--as-of {day.isoformat()} is in the future: the data can only say what is known today")
    return Scoring(as_of=day, basis=basis, weights=weights, lang=lang.value)


def data_paths(data_dir: Path | None) -> "DataPaths":
    """The data folders the command reads."""
    from scorecard.input.locations import DataPaths, resolve_data_dir

    return DataPaths.at(resolve_data_dir(data_dir, {}, Path.cwd()), layered=not no_shipped())


_GLOBAL: dict[str, bool] = {}  # options given before the command (see cli/app.py)


def set_global(name: str, value: bool) -> None:
    """Remember an option given before the command."""
    _GLOBAL[name] = value


def no_shipped() -> bool:
    """--no-shipped (or SCORECARD_NO_SHIPPED=1): the data folder alone, not over the shipped data."""
    return bool(_GLOBAL.get("no_shipped")) or os.environ.get("SCORECARD_NO_SHIPPED", "") in ("1", "true")


class _ProgressBar:
    """A rich progress bar on stderr for long loads, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < 1000:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("checking files", total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self._bar.stop()


def loading(no_cache: bool) -> "Loading":
    """How to load many files."""
    from scorecard.checking.pipeline import Loading

    return Loading(use_cache=not no_cache, progress=_ProgressBar() if sys.stderr.isatty() else None)
