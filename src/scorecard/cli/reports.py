"""Commands that report on the data: assess, history, rank, compare, sensitivity, list, rubric.

Each parses its options, calls the core (`scorecard.service`), and hands the
report to `output`; finished outputs are reused when nothing changed.
"""

import re
from typing import TYPE_CHECKING, Annotated

import typer

from scorecard.cli import options, output
from scorecard.cli.app import app, guarded
from scorecard.cli.examples import epilog
from scorecard.cli.options import (
    AsOfOption,
    Basis,
    BasisOption,
    DataDirOption,
    IncludeBaselineOption,
    KindFilter,
    Lang,
    LangOption,
    NoCacheOption,
    OutputFormat,
    OutputOption,
    RubricOption,
    StateFilter,
    WeightsOption,
    WideOption,
    format_option,
)

if TYPE_CHECKING:
    from scorecard.input.locations import DataPaths
    from scorecard.report import AssessReport, CompareReport, ListReport, RankReport, SensitivityReport
    from scorecard.service.many import Baselines
    from scorecard.vocab import Scoring


@app.command(epilog=epilog("assess"))
@guarded
def assess(
    city: Annotated[
        str,
        typer.Argument(
            help='Id, alias, name or FIPS code: denver, nyc, "Cook County, IL", 16001 (a county with no '
            "file gets a baseline card from state law).",
            show_default=False,
        ),
    ],
    fmt: OutputFormat = format_option("AssessReport"),
    output_file: OutputOption = None,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The report card of one city or county: score, grade, evidence and next steps."""
    from scorecard.input.locations import check_query

    city = check_query(city)
    how = options.scoring(as_of, basis, weights, lang)

    def key(paths: "DataPaths", settings: tuple[object, ...]) -> str | None:
        from scorecard.cli.cache import card_key
        from scorecard.input.locations import SLUG_PATTERN

        own = paths.jurisdiction_file(city) if re.fullmatch(SLUG_PATTERN, city) else None
        if own is None or not own.is_file():
            return None  # found by name, alias or FIPS, or a baseline: reading every file decides
        files = [paths.rubric_file(rubric), own, *paths.state_files()]
        return card_key(("assess", city, fmt.value, how, options.today(), rubric, settings), files)

    output.cached(
        key,
        data_dir=data_dir,
        fmt=fmt.value,
        output=output_file,
        no_cache=no_cache,
        produce=lambda paths: _assess(paths, city, how, rubric, no_cache),
    )


def _assess(
    paths: "DataPaths", city: str, how: "Scoring", rubric: str | None, no_cache: bool
) -> "AssessReport":
    """The card, loaded only when the cache of finished cards does not have it (keeps a hit light)."""
    from scorecard.service.card import assess_one

    return assess_one(
        paths,
        city,
        how,
        rubric=rubric,
        today=options.today(),
        notify=output.note,
        loading=options.loading(no_cache),
    )


@app.command(epilog=epilog("rank"))
@guarded
def rank(
    fmt: OutputFormat = format_option("RankReport"),
    output_file: OutputOption = None,
    state: StateFilter = None,
    kind: KindFilter = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the first N ranks.")] = None,
    wide: WideOption = False,
    include_baseline: IncludeBaselineOption = False,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """All jurisdictions ranked by score (equal scores share a rank)."""
    how = options.scoring(as_of, basis, weights, lang)

    def produce(paths: "DataPaths") -> "RankReport":
        from scorecard.service.many import rank_all  # on a miss only: a cache hit stays light

        return rank_all(
            paths,
            how,
            rubric=rubric,
            today=options.today(),
            loading=options.loading(no_cache),
            state=state,
            kind=kind.value if kind else None,
            top=top,
            wide=wide,
            include_baseline=include_baseline,
            notify=output.note,
        )

    output.cached(
        output.folder_key(("rank", fmt.value, state, kind, top, wide, include_baseline, how), rubric),
        data_dir=data_dir,
        fmt=fmt.value,
        output=output_file,
        no_cache=no_cache,
        produce=produce,
    )


@app.command(epilog=epilog("compare"))
@guarded
def compare(
    cities: Annotated[
        list[str] | None,
        typer.Argument(help="Jurisdiction ids (default: --state, or --all).", show_default=False),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Compare every jurisdiction.")] = False,
    state: StateFilter = None,
    kind: KindFilter = None,
    fmt: OutputFormat = format_option("CompareReport"),
    output_file: OutputOption = None,
    wide: WideOption = False,
    include_baseline: IncludeBaselineOption = False,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Demands x jurisdictions: each status, with totals and grades."""
    if not cities and not every and state is None and kind is None:
        raise typer.BadParameter(
            "name jurisdictions, or use --state XX, --kind KIND or --all", param_hint="CITY..."
        )
    how = options.scoring(as_of, basis, weights, lang)

    def produce(paths: "DataPaths") -> "CompareReport":
        from scorecard.service.many import compare_many  # on a miss only: a cache hit stays light

        return compare_many(
            paths,
            how,
            ids=cities or [],
            rubric=rubric,
            today=options.today(),
            loading=options.loading(no_cache),
            state=state,
            kind=kind.value if kind else None,
            wide=wide,
            include_baseline=include_baseline,
            notify=output.note,
        )

    output.cached(
        output.folder_key(
            ("compare", fmt.value, tuple(cities or ()), every, state, kind, wide, include_baseline, how),
            rubric,
        ),
        data_dir=data_dir,
        fmt=fmt.value,
        output=output_file,
        no_cache=no_cache,
        produce=produce,
    )


@app.command(epilog=epilog("sensitivity"))
@guarded
def sensitivity(
    fmt: OutputFormat = format_option("SensitivityReport"),
    output_file: OutputOption = None,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            min=1,
            max=10_000,
            help="Random weightings to try, at most 10,000 (default: the grid of 1, 2 or 3 per demand, "
            "or 10,000 random weightings when the grid is larger).",
        ),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for --samples (default: 2017).")] = None,
    state: StateFilter = None,
    kind: KindFilter = None,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """How robust the ranking is: each jurisdiction's best and worst rank over other weightings."""
    if seed is not None and samples is None:
        output.note("--seed has no effect without --samples: the grid of weightings is not random")
    how = options.scoring(as_of, basis, weights, lang)
    progress = output.ProgressBar("sensitivity")
    try:

        def produce(paths: "DataPaths") -> "SensitivityReport":
            from scorecard.service.many import sensitivity_all  # on a miss only: a cache hit stays light

            return sensitivity_all(
                paths,
                how,
                rubric=rubric,
                today=options.today(),
                samples=samples,
                seed=2017 if seed is None else seed,
                loading=options.loading(no_cache),
                state=state,
                kind=kind.value if kind else None,
                on_step=progress.step if samples else None,
                notify=output.note,
            )

        output.cached(
            output.folder_key(("sensitivity", fmt.value, samples, seed, state, kind, how), rubric),
            data_dir=data_dir,
            fmt=fmt.value,
            output=output_file,
            no_cache=no_cache,
            produce=produce,
        )
    finally:
        progress.close()


@app.command(epilog=epilog("history"))
@guarded
def history(
    city: Annotated[
        str, typer.Argument(help='Id, alias, name or FIPS code: chicago, "Chicago, IL".', show_default=False)
    ],
    fmt: OutputFormat = format_option("HistoryReport"),
    output_file: OutputOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Last date of the timeline, YYYY-MM-DD.", show_default="today"),
    ] = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A city's score and each demand's status over time, from its history and state laws."""
    from scorecard.input.locations import check_query
    from scorecard.service.card import history_of

    city = check_query(city)
    how = options.scoring(as_of, basis, weights, lang)
    output.cached(
        lambda _paths, _settings: None,  # one file, timelines are quick: its checked files are cached
        data_dir=data_dir,
        fmt=fmt.value,
        output=output_file,
        no_cache=no_cache,
        produce=lambda paths: history_of(
            paths,
            city,
            how,
            rubric=rubric,
            today=options.today(),
            notify=output.note,
            loading=options.loading(no_cache),
        ),
    )


@app.command("list", epilog=epilog("list"))
@guarded
def list_(
    fmt: OutputFormat = format_option("ListReport"),
    output_file: OutputOption = None,
    state: StateFilter = None,
    kind: KindFilter = None,
    include_baseline: IncludeBaselineOption = False,
    baseline: Annotated[
        bool, typer.Option("--baseline", help="Only the counties with no researched file (baselines).")
    ] = False,
    lang: LangOption = Lang.en,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """The jurisdictions in the data (and, when asked, the baseline counties)."""
    which: Baselines = "only" if baseline else "include" if include_baseline else "none"

    def produce(paths: "DataPaths") -> "ListReport":
        from scorecard.service.many import list_all  # on a miss only: a cache hit stays light

        return list_all(
            paths,
            rubric=None,
            today=options.today(),
            loading=options.loading(no_cache),
            baseline=which,
            state=state,
            kind=kind.value if kind else None,
        ).model_copy(update={"lang": lang.value})

    output.cached(
        output.folder_key(("list", fmt.value, state, kind, which, lang.value), None),
        data_dir=data_dir,
        fmt=fmt.value,
        output=output_file,
        no_cache=no_cache,
        produce=produce,
    )


@app.command(epilog=epilog("rubric"))
@guarded
def rubric(
    fmt: OutputFormat = format_option("RubricReport"),
    output_file: OutputOption = None,
    weights: WeightsOption = None,
    lang: LangOption = Lang.en,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """The rubric: demands, weights, criteria for each status, and the grade scale."""
    from scorecard.service.card import show_rubric

    paths = options.data_paths(data_dir)
    report = show_rubric(paths, rubric=rubric, weights=weights, lang=lang.value)
    output.emit(report, fmt.value, output_file, paths)
