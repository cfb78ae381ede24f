"""Commands that work on the data itself: validate, new, schema, diff, site, export."""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli import options, output
from scorecard.cli.app import app, guarded
from scorecard.cli.examples import epilog
from scorecard.cli.options import (
    DEFAULT_MAX_AGE_DAYS,
    AsOfOption,
    Basis,
    BasisOption,
    DataDirOption,
    IncludeBaselineOption,
    Kind,
    Lang,
    LangOption,
    NoCacheOption,
    OutputFormat,
    OutputOption,
    RubricOption,
    WeightsOption,
    format_option,
)


class ValidateFormat(StrEnum):
    """Output formats of `validate`."""

    text = "text"
    json = "json"
    github = "github"


class SchemaKind(StrEnum):
    """Which data file a schema describes."""

    jurisdiction = "jurisdiction"
    state = "state"


def _write_text(text: str, target: Path | None) -> None:
    from scorecard.cli.files import write_output

    if target is not None:
        write_output(target, text)
    else:
        sys.stdout.write(text)


@app.command(epilog=epilog("site"))
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
    include_baseline: IncludeBaselineOption = False,
) -> None:
    """A static website of the whole data set: ranking, report cards, comparison, map, methodology.

    Pages link relatively and load nothing from the network: they work from a folder or any static host.

    The site is built in a temporary folder and swapped in whole.
    """
    from scorecard.site.build import build_site, check_target, write_site

    paths = options.data_paths(data_dir)
    protected = [Path.cwd(), Path.home(), paths.root, paths.cities]
    check_target(outdir, force=force, protected=protected)
    files = build_site(
        paths,
        rubric=rubric,
        today=options.today(),
        as_of=options.as_of(as_of),
        basis=basis,
        weights=weights,
        lang=lang.value,
        baselines=include_baseline,
        notify=output.note,
    )
    count = write_site(outdir, files, force=force, protected=protected)
    output.err(f"wrote {count} pages to {outdir}; open {outdir / 'index.html'}")


@app.command(epilog=epilog("export"))
@guarded
def export(
    outdir: Annotated[
        Path,
        typer.Argument(help="Folder to write the package into; replaced whole.", show_default=False),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace OUTDIR even if it holds files that `scorecard export` did not write."
        ),
    ] = False,
    as_of: AsOfOption = None,
    basis: BasisOption = Basis.policy,
    weights: WeightsOption = None,
    include_baseline: IncludeBaselineOption = False,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A Frictionless Data Package of the whole data set: datapackage.json and typed CSV tables.

    Tables: demands, jurisdictions, scores, state_laws, demand_statuses, law_effects, sources,
    litigation, history (see README, "Data package"). The folder is written whole or not at all.
    """
    from scorecard.render.to_datapackage import render
    from scorecard.service.export import export_package
    from scorecard.site.write import check_target, write_site

    paths = options.data_paths(data_dir)
    protected = [Path.cwd(), Path.home(), paths.root, paths.cities]
    check_target(outdir, force=force, protected=protected, command="export")
    how = options.scoring(as_of, basis, weights, Lang.en)
    package = export_package(
        paths, how, rubric=rubric, today=options.today(), baselines=include_baseline, notify=output.note
    )
    files = render(package)
    write_site(outdir, files.items(), force=force, protected=protected, command="export")
    rows = sum(len(rows) for rows in package.tables.values())
    output.err(f"wrote {len(files) - 1} tables ({rows} rows) and datapackage.json to {outdir}")


@app.command(epilog=epilog("validate"))
@guarded
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files, or folders of *.yaml files, to check (default: your data folder's files).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, or github (default: github when GITHUB_ACTIONS=true, else text).",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    max_age: Annotated[
        int, typer.Option("--max-age", min=1, help="Warn when last_reviewed is older than this many days.")
    ] = DEFAULT_MAX_AGE_DAYS,
    output_file: OutputOption = None,
    rubric: RubricOption = None,
    no_cache: NoCacheOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Check the rubric, cities and states: every problem in every file, with its line.

    Exit 0 when there are no errors (warnings allowed unless --strict), 1 otherwise.
    """
    from scorecard.checking.validation import validate as run
    from scorecard.render.issues import FORMATTERS, IssueFormat

    chosen = fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    files = [f for path in paths or [] for f in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])]
    issues, checked = run(
        options.data_paths(data_dir),
        files,
        rubric=rubric,
        today=options.today(),
        max_age_days=max_age,
        loading=options.loading(no_cache),
    )
    _write_text(FORMATTERS[IssueFormat(chosen)](issues, checked), output_file)
    if any(issue.is_error for issue in issues) or (strict and bool(issues)):
        raise typer.Exit(1)


@app.command(epilog=epilog("new"))
@guarded
def new(
    city: Annotated[
        str, typer.Argument(help="Id of the new jurisdiction, e.g. fort-collins.", show_default=False)
    ],
    state: Annotated[
        str,
        typer.Option(
            "--state",
            help="USPS code of its state, e.g. CO.",
            show_default=False,
            callback=options.state_code,
        ),
    ],
    name: Annotated[str | None, typer.Option("--name", help="Display name (default: from the id).")] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="Kind of jurisdiction.")] = Kind.city,
    fips: Annotated[
        str | None,
        typer.Option(
            "--fips", help="Census GEOID, 7 digits (place) or 5 (county).", callback=options.fips_code
        ),
    ] = None,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write cities/CITY.yaml with every demand unknown; never overwrites an existing file."""
    from scorecard.cli.files import create_new
    from scorecard.input.locations import DataPaths, embedded_data_dir, resolve_data_dir
    from scorecard.service.card import new_jurisdiction

    cwd = Path.cwd()
    root = resolve_data_dir(data_dir, {}, cwd)
    if root == embedded_data_dir():
        root = cwd  # never write into the data shipped with the package
    target, text = new_jurisdiction(
        DataPaths.at(root),
        city,
        state=state,
        name=name,
        kind=kind.value,
        fips=fips,
        rubric=rubric,
        today=options.today(),
    )
    create_new(target, text)
    output.err(f"wrote {target}: fill in each demand, then run `scorecard validate`")


@app.command(epilog=epilog("diff"))
@guarded
def diff(
    old: Annotated[
        str, typer.Argument(help="A data folder or a git revision (HEAD~1, main).", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(help="A data folder or a git revision (default: the working tree).")
    ] = ".",
    fmt: OutputFormat = format_option("DiffReport", OutputFormat.markdown),
    output_file: OutputOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.en,
    data_dir: DataDirOption = None,
) -> None:
    """What changed between two editions of the data: each change labelled policy, evidence or rubric."""
    from scorecard.service.many import diff_editions

    root = data_dir if data_dir is not None else Path.cwd()
    report = diff_editions(
        old, new, data_dir=root, today=options.today(), as_of=options.as_of(as_of), lang=lang.value
    )
    output.emit(report, fmt.value, output_file)


@app.command(epilog=epilog("schema"))
@guarded
def schema(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", help="Which file the schema describes.")
    ] = SchemaKind.jurisdiction,
    output_file: OutputOption = None,
    rubric: RubricOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """JSON Schema (draft 2020-12) of a jurisdiction (or state) file, for editors and other validators."""
    from scorecard.input.loader import load_rubric
    from scorecard.input.schema import jurisdiction_schema, state_schema
    from scorecard.render.to_json import dumps

    loaded = load_rubric(options.data_paths(data_dir).rubric_file(rubric))
    build = jurisdiction_schema if kind is SchemaKind.jurisdiction else state_schema
    _write_text(dumps(build(loaded)), output_file)
