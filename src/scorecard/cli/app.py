"""The command line: arguments in, a report on stdout (or a file), diagnostics on stderr, an exit code.

This is the only module that imports typer, reads the clock or the
environment, or writes to stdout/stderr. Heavy modules (pydantic, rich, the
renderers, the data) are imported inside the commands, so `scorecard --help`
stays fast.
"""

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from scorecard import __version__

if TYPE_CHECKING:
    from scorecard.errors import ScorecardError
    from scorecard.input.locations import DataPaths

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="scorecard",
    help="Score US cities and counties on five protections for immigrant residents against "
    "federal immigration enforcement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    """Output formats of the reporting commands."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class ValidateFormat(StrEnum):
    """Output formats of `validate`."""

    text = "text"
    json = "json"
    github = "github"


class Basis(StrEnum):
    """What a status is scored on."""

    policy = "policy"
    practice = "practice"


class Lang(StrEnum):
    """Languages of the interface and the rubric's words (data text stays as written)."""

    en = "en"
    es = "es"


class Kind(StrEnum):
    """Kinds of jurisdiction."""

    city = "city"
    county = "county"
    consolidated = "consolidated-city-county"


_state: dict[str, bool] = {"debug": False}

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="SCORECARD_DATA_DIR",
        help="Folder holding policies/, cities/ and states/ [default: the current folder if it "
        "holds cities/ or policies/, else the data shipped with scorecard].",
        show_default=False,
    ),
]
RubricOption = Annotated[
    str | None,
    typer.Option("--rubric", "-r", help="Rubric id (a file in policies/) or path.", show_default="sanctuary"),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the report to this file (whole, or not at all).", show_default=False
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
    bool, typer.Option("--no-cache", help="Don't read or write the cache of checked files.")
]
BasisOption = Annotated[
    Basis,
    typer.Option("--basis", help="Score written policy, or observed practice where it is recorded."),
]


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def _report_error(exc: "ScorecardError") -> None:
    from scorecard.render.text import escaped_line

    _err(f"scorecard: error: {escaped_line(exc.message)}")
    for issue in exc.issues:
        _err(escaped_line(str(issue)))


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Map the project's errors to exit codes; anything else is a bug (exit 3)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from scorecard.errors import ExitCode, ScorecardError

        try:
            return func(*args, **kwargs)
        except ScorecardError as exc:
            _report_error(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            _err("scorecard: interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except (typer.Exit, typer.BadParameter):
            raise
        except Exception as exc:  # a bug: say so, and show the traceback only with --debug
            if _state["debug"]:
                import traceback

                traceback.print_exc()
            _err(
                f"scorecard: internal error ({type(exc).__name__}); this is a bug, please report it "
                "with the command you ran (add --debug for details)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"scorecard {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[  # noqa: ARG001 (handled by its eager callback)
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Score US cities and counties on five protections for immigrant residents."""
    _state["debug"] = debug


def _paths(data_dir: Path | None) -> "DataPaths":
    from scorecard.input.locations import DataPaths, resolve_data_dir

    return DataPaths.at(resolve_data_dir(data_dir, {}, Path.cwd()))


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


def _loading(no_cache: bool) -> Any:
    from scorecard.checking.collection import Loading

    return Loading(use_cache=not no_cache, progress=_ProgressBar() if sys.stderr.isatty() else None)


def _today() -> dt.date:
    return dt.date.today()


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return _today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"expected a date written YYYY-MM-DD; got '{value}'", param_hint="--as-of"
        ) from None


def _console_settings(fmt: str, output: Path | None) -> tuple[object, ...]:
    """What terminal output looks like here (a file gets plain text at width 100)."""
    if fmt != "table":
        return (fmt,)
    if output is not None:
        return ("file", 100)
    from rich.console import Console

    probe = Console(emoji=False, highlight=False)
    return ("stdout", probe.is_terminal, probe.width, probe.color_system, probe.no_color)


def _render_text(report: Any, fmt: str, settings: tuple[object, ...]) -> str:
    """A report laid out as the text that goes to stdout or the file."""
    from scorecard.render import OutputFormat, renderer

    rendered = renderer(OutputFormat(fmt)).render(report)
    if isinstance(rendered, str):
        return rendered
    import io

    from rich.console import Console

    buffer = io.StringIO()
    if settings[0] == "stdout":
        _, is_terminal, width, color_system, no_color = settings
        console = Console(
            file=buffer,
            force_terminal=bool(is_terminal),
            width=int(str(width)),
            color_system=color_system,  # type: ignore[arg-type]
            no_color=bool(no_color),
            emoji=False,
            highlight=False,
        )
    else:
        console = Console(file=buffer, width=100, color_system=None, force_terminal=False, emoji=False)
    console.print(rendered)
    return buffer.getvalue()


def _deliver(text: str, output: Path | None) -> None:
    """Send the text to stdout, or write the file whole."""
    if output is not None:
        from scorecard.cli.files import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _emit(report: Any, fmt: str, output: Path | None) -> None:
    """Render a report and send it to stdout or, atomically, to a file."""
    if output is not None:
        from scorecard.cli.files import check_writable

        check_writable(output)
    _deliver(_render_text(report, fmt, _console_settings(fmt, output)), output)


@app.command()
@guarded
def assess(
    city: Annotated[
        str, typer.Argument(help="Jurisdiction id, e.g. denver or cook-county.", show_default=False)
    ],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The report card of one city or county: score, grade, evidence and next steps."""
    from scorecard.cli.cache import CardCache, card_key
    from scorecard.input.locations import check_id

    paths = _paths(data_dir)
    check_id(city)
    if output is not None:
        from scorecard.cli.files import check_writable

        check_writable(output)
    when, today = _as_of(as_of), _today()
    settings = _console_settings(fmt.value, output)
    cache = CardCache(os.environ)
    key = None
    if not no_cache:
        files = [paths.rubric_file(rubric), paths.cities / f"{city}.yaml", *paths.state_files()]
        options = ("assess", city, fmt.value, when, today, basis.value, weights, lang.value, rubric, settings)
        key = card_key(options, files)
        hit = cache.get(key) if key else None
        if hit is not None:
            _deliver(hit, output)
            return
    from scorecard.service import assess_one

    report = assess_one(
        paths,
        city,
        rubric=rubric,
        today=today,
        as_of=when,
        basis="practice" if basis is Basis.practice else "policy",
        weights=weights,
        lang=lang.value,
    )
    text = _render_text(report, fmt.value, settings)
    if key:
        cache.put(key, text)
    _deliver(text, output)


def _collect(
    options: tuple[object, ...],
    *,
    data_dir: Path | None,
    rubric: str | None,
    fmt: str,
    output: Path | None,
    no_cache: bool,
    produce: Callable[["DataPaths"], Any],
) -> None:
    """Run a command over every jurisdiction, reusing its finished output when no input has changed."""
    from scorecard.cli.cache import CardCache, folder_key

    paths = _paths(data_dir)
    if output is not None:
        from scorecard.cli.files import check_writable

        check_writable(output)
    settings = _console_settings(fmt, output)
    cache = CardCache(os.environ)
    key = None
    if not no_cache:
        small = [paths.rubric_file(rubric), *paths.state_files()]
        key = folder_key((*options, rubric, _today(), settings), small, paths.jurisdiction_files())
        hit = cache.get(key) if key else None
        if hit is not None:
            _deliver(hit, output)
            return
    text = _render_text(produce(paths), fmt, settings)
    if key:
        cache.put(key, text)
    _deliver(text, output)


def _scoring(as_of: str | None, basis: Basis, weights: str | None, lang: Lang) -> Any:
    from scorecard.checking.collection import Scoring

    return Scoring(
        as_of=_as_of(as_of),
        basis="practice" if basis is Basis.practice else "policy",
        weights=weights,
        lang=lang.value,
    )


WideOption = Annotated[
    bool, typer.Option("--wide", help="CSV: one row per jurisdiction, a column per demand.")
]
StateFilter = Annotated[str | None, typer.Option("--state", help="Only this state (USPS code).")]


@app.command()
@guarded
def rank(
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    state: StateFilter = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="Only this kind of jurisdiction.")] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the first N ranks.")] = None,
    wide: WideOption = False,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """All jurisdictions ranked by score (equal scores share a rank)."""
    from scorecard.checking.collection import rank_all

    how = _scoring(as_of, basis, weights, lang)
    _collect(
        ("rank", fmt.value, state, kind, top, wide, how),
        data_dir=data_dir,
        rubric=rubric,
        fmt=fmt.value,
        output=output,
        no_cache=no_cache,
        produce=lambda paths: rank_all(
            paths,
            how,
            rubric=rubric,
            today=_today(),
            loading=_loading(no_cache),
            state=state,
            kind=kind.value if kind else None,
            top=top,
            wide=wide,
        ),
    )


@app.command()
@guarded
def compare(
    cities: Annotated[
        list[str] | None,
        typer.Argument(help="Jurisdiction ids [default: --state, or --all].", show_default=False),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Compare every jurisdiction.")] = False,
    state: StateFilter = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    wide: WideOption = False,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Demands x jurisdictions: each status, with totals and grades."""
    from scorecard.checking.collection import compare_many

    if not cities and not every and state is None:
        raise typer.BadParameter("name jurisdictions, or use --state XX or --all", param_hint="CITY...")
    how = _scoring(as_of, basis, weights, lang)
    _collect(
        ("compare", fmt.value, tuple(cities or ()), every, state, wide, how),
        data_dir=data_dir,
        rubric=rubric,
        fmt=fmt.value,
        output=output,
        no_cache=no_cache,
        produce=lambda paths: compare_many(
            paths,
            how,
            ids=cities or [],
            rubric=rubric,
            today=_today(),
            loading=_loading(no_cache),
            state=state,
            wide=wide,
        ),
    )


@app.command()
@guarded
def sensitivity(
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples", min=1, help="Random weightings to try [default: the grid of 1, 2 or 3 per demand]."
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for --samples.")] = 2017,
    state: StateFilter = None,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """How robust the ranking is: each jurisdiction's best and worst rank over other weightings."""
    from scorecard.checking.collection import sensitivity_all

    how = _scoring(as_of, basis, weights, lang)
    _collect(
        ("sensitivity", fmt.value, samples, seed, state, how),
        data_dir=data_dir,
        rubric=rubric,
        fmt=fmt.value,
        output=output,
        no_cache=no_cache,
        produce=lambda paths: sensitivity_all(
            paths,
            how,
            rubric=rubric,
            today=_today(),
            samples=samples,
            seed=seed,
            loading=_loading(no_cache),
            state=state,
        ),
    )


@app.command()
@guarded
def history(
    city: Annotated[str, typer.Argument(help="Jurisdiction id, e.g. chicago.", show_default=False)],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Last date of the timeline, YYYY-MM-DD.", show_default="today"),
    ] = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A city's score and each demand's status over time, from its history and state laws."""
    from scorecard.service import history_of

    report = history_of(
        _paths(data_dir),
        city,
        rubric=rubric,
        today=_today(),
        until=_as_of(as_of),
        basis="practice" if basis is Basis.practice else "policy",
        weights=weights,
        lang=lang.value,
    )
    _emit(report, fmt.value, output)


@app.command("list")
@guarded
def list_(
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The jurisdictions in the data."""
    from scorecard.checking.collection import list_all

    _collect(
        ("list", fmt.value),
        data_dir=data_dir,
        rubric=None,
        fmt=fmt.value,
        output=output,
        no_cache=no_cache,
        produce=lambda paths: list_all(paths, rubric=None, today=_today(), loading=_loading(no_cache)),
    )


@app.command()
@guarded
def rubric(
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output format (table, json or markdown).")
    ] = Format.table,
    output: OutputOption = None,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """The rubric: demands, weights, criteria for each status, and the grade scale."""
    from scorecard.service import show_rubric

    if fmt is Format.csv:
        raise typer.BadParameter("the rubric is shown as table, json or markdown", param_hint="--format")
    _emit(show_rubric(_paths(data_dir), rubric=rubric, weights=weights, lang=lang.value), fmt.value, output)


@app.command()
@guarded
def site(
    outdir: Annotated[
        Path, typer.Argument(help="Folder to write the site into; replaced whole.", show_default=False)
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace OUTDIR even if it holds files that `scorecard site` did not write."
        ),
    ] = False,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang", help="Language of the pages at the top of the site; the others go in OUTDIR/LANG/."
        ),
    ] = Lang.en,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A static website of the whole data set: ranking, report cards, comparison, map, methodology.

    Pages link relatively and load nothing from the network: they work from a folder or any static host.

    The site is built in a temporary folder and swapped in whole.
    """
    from scorecard.site.build import build_site, check_target, write_site

    paths = _paths(data_dir)
    protected = [Path.cwd(), Path.home(), paths.root, paths.cities]
    check_target(outdir, force=force, protected=protected)
    files = build_site(
        paths,
        rubric=rubric,
        today=_today(),
        as_of=_as_of(as_of),
        basis="practice" if basis is Basis.practice else "policy",
        weights=weights,
        lang=lang.value,
    )
    write_site(outdir, files, force=force, protected=protected)
    _err(f"wrote {len(files)} pages to {outdir}; open {outdir / 'index.html'}")


@app.command()
@guarded
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files to check [default: every file in the data folder].", show_default=False),
    ] = None,
    fmt: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, or github [default: github when GITHUB_ACTIONS=true, else text].",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    max_age: Annotated[
        int, typer.Option("--max-age", min=1, help="Warn when last_reviewed is older than this many days.")
    ] = 365,
    output: OutputOption = None,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Check the rubric, cities and states: every problem in every file, with its line.

    Exit 0 when there are no errors (warnings allowed unless --strict), 1 otherwise.
    """
    from scorecard.checking.collection import validate as run
    from scorecard.render.issues import FORMATTERS, IssueFormat
    from scorecard.cli.files import write_atomic

    chosen = fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    issues, checked = run(
        _paths(data_dir),
        paths or [],
        rubric=rubric,
        today=_today(),
        max_age_days=max_age,
        loading=_loading(no_cache),
    )
    text = FORMATTERS[IssueFormat(chosen)](issues, checked)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    failed = any(issue.is_error for issue in issues) or (strict and bool(issues))
    if failed:
        raise typer.Exit(1)


@app.command()
@guarded
def new(
    city: Annotated[
        str, typer.Argument(help="Id of the new jurisdiction, e.g. fort-collins.", show_default=False)
    ],
    state: Annotated[
        str, typer.Option("--state", help="USPS code of its state, e.g. CO.", show_default=False)
    ],
    name: Annotated[str | None, typer.Option("--name", help="Display name [default: from the id].")] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="Kind of jurisdiction.")] = Kind.city,
    fips: Annotated[
        str | None, typer.Option("--fips", help="Census GEOID, 7 digits (place) or 5 (county).")
    ] = None,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write cities/CITY.yaml with every demand unknown; never overwrites an existing file."""
    from scorecard.input.locations import DataPaths, embedded_data_dir, resolve_data_dir
    from scorecard.service import create_jurisdiction

    cwd = Path.cwd()
    root = resolve_data_dir(data_dir, {}, cwd)
    if root == embedded_data_dir():
        root = cwd  # never write into the data shipped with the package
    path = create_jurisdiction(
        DataPaths.at(root),
        city,
        state=state,
        name=name,
        kind=kind.value,
        fips=fips,
        rubric=rubric,
        today=_today(),
    )
    _err(f"wrote {path}: fill in each demand, then run `scorecard validate`")


@app.command()
@guarded
def diff(
    old: Annotated[
        str, typer.Argument(help="A data folder or a git revision (HEAD~1, main).", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(help="A data folder or a git revision [default: the working tree].")
    ] = ".",
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output format (markdown suits a pull request).")
    ] = Format.markdown,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """What changed between two editions of the data: each change labelled policy, evidence or rubric."""
    from scorecard.checking.collection import diff_editions

    root = data_dir if data_dir is not None else Path.cwd()
    report = diff_editions(old, new, data_dir=root, today=_today(), as_of=_as_of(as_of))
    _emit(report, fmt.value, output)


class SchemaKind(StrEnum):
    """Which data file a schema describes."""

    jurisdiction = "jurisdiction"
    state = "state"


@app.command()
@guarded
def schema(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", help="Which file the schema describes.")
    ] = SchemaKind.jurisdiction,
    output: OutputOption = None,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """JSON Schema (draft 2020-12) of a jurisdiction (or state) file, for editors and other validators."""
    from scorecard.input.loader import load_rubric
    from scorecard.render.to_json import dumps
    from scorecard.input.schema import jurisdiction_schema, state_schema

    loaded = load_rubric(_paths(data_dir).rubric_file(rubric))
    build = jurisdiction_schema if kind is SchemaKind.jurisdiction else state_schema
    _write_text(dumps(build(loaded)), output)


def _write_text(text: str, output: Path | None) -> None:
    from scorecard.cli.files import write_atomic

    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def main() -> None:
    """Entry point of the `scorecard` command."""
    app(prog_name="scorecard")
