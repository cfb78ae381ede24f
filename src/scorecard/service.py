"""What each command does, between the CLI's arguments and a report: load, check, score.

No printing, no exit codes and no clock here: the CLI passes `today` in and
routes the result.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scorecard.checks import CheckContext
from scorecard.dataset import (
    DataPaths,
    DataSet,
    check_id,
    load_dataset,
    load_jurisdiction_file,
    load_one,
    unknown_jurisdiction,
    validate_rubric_file,
)
from scorecard.errors import ExitCode, Issue, ScorecardError
from scorecard.loader import load_rubric
from scorecard.models import Jurisdiction, Rubric
from scorecard.report import (
    AssessReport,
    Basis,
    CompareReport,
    DiffReport,
    HistoryReport,
    ListReport,
    ListRow,
    RankReport,
    RubricReport,
    SensitivityReport,
)
from scorecard.scoring import assess, compare, describe_rubric, rank, timeline


def parse_weights(text: str | None, rubric: Rubric) -> dict[str, float]:
    """`no-ice-holds=3,legal-defense-fund=1` -> {id: weight}; unknown ids and bad numbers refused."""
    if not text:
        return {}
    known = [d.id for d in rubric.demands]
    weights: dict[str, float] = {}
    for part in text.split(","):
        name, sep, value = part.strip().partition("=")
        name = name.strip()
        if not sep or name not in known:
            raise ScorecardError(
                f"--weights: '{part.strip()}' is not DEMAND=WEIGHT with a demand of the rubric "
                f"{rubric.id} ({', '.join(known)})",
                exit_code=ExitCode.USAGE,
            )
        try:
            weight = float(value)
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight) or weight < 0:
            raise ScorecardError(
                f"--weights: the weight of {name} must be a number >= 0; got '{value.strip()}'",
                exit_code=ExitCode.USAGE,
            )
        weights[name] = weight
    if sum({d.id: weights.get(d.id, d.weight) for d in rubric.demands}.values()) <= 0:
        raise ScorecardError("--weights: at least one weight must be above 0", exit_code=ExitCode.USAGE)
    return weights


def localized(rubric: Rubric, lang: str) -> Rubric:
    """The rubric in the requested language, or a clear error."""
    try:
        return rubric.localized(lang)
    except ValueError as exc:
        raise ScorecardError(str(exc), exit_code=ExitCode.USAGE) from None


def context(
    paths: DataPaths, rubric: str | None, today: dt.date, max_age_days: int | None = None
) -> CheckContext:
    """The rubric and date every load is checked against."""
    loaded = load_rubric(paths.rubric_file(rubric))
    if max_age_days is None:
        return CheckContext(loaded, today)
    return CheckContext(loaded, today, max_age_days)


def assess_one(
    paths: DataPaths,
    jurisdiction_id: str,
    *,
    rubric: str | None,
    today: dt.date,
    as_of: dt.date,
    basis: Basis,
    weights: str | None,
    lang: str = "en",
) -> AssessReport:
    """The report card of one jurisdiction."""
    check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    overrides = parse_weights(weights, ctx.rubric)
    model, state = load_one(paths, ctx, jurisdiction_id)
    words = localized(ctx.rubric, lang)
    report = assess(words, model, state, as_of, basis=basis, weights=overrides, max_age_days=ctx.max_age_days)
    return report.model_copy(update={"lang": lang})


@dataclass(frozen=True)
class Scoring:
    """How to score: the as-of date, the basis, weight overrides and the language."""

    as_of: dt.date
    basis: Basis = "policy"
    weights: str | None = None
    lang: str = "en"


def _valid_data(paths: DataPaths, ctx: CheckContext) -> DataSet:
    data = load_dataset(paths, ctx)
    errors = tuple(issue for issue in data.issues if issue.is_error)
    if errors:
        raise ScorecardError(f"the data has {len(errors)} error(s); run `scorecard validate`", errors[:20])
    return data


def _assess_all(
    data: DataSet, ctx: CheckContext, how: Scoring, chosen: Sequence[Jurisdiction]
) -> tuple[Rubric, list[AssessReport]]:
    overrides = parse_weights(how.weights, ctx.rubric)
    words = localized(ctx.rubric, how.lang)
    reports = [
        assess(words, j, data.states.get(j.state), how.as_of, basis=how.basis, weights=overrides)
        for j in chosen
    ]
    return words, reports


def _select(
    data: DataSet, *, state: str | None = None, kind: str | None = None, ids: Sequence[str] = ()
) -> list[Jurisdiction]:
    if ids:
        by_id = {j.id: j for j in data.jurisdictions}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise unknown_jurisdiction(missing[0], sorted(by_id))
        return [by_id[i] for i in dict.fromkeys(ids)]
    return [
        j
        for j in data.jurisdictions
        if (state is None or j.state == state.upper()) and (kind is None or j.kind == kind)
    ]


def rank_all(
    paths: DataPaths,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    state: str | None = None,
    kind: str | None = None,
    top: int | None = None,
    wide: bool = False,
) -> RankReport:
    """Every jurisdiction (optionally filtered) ranked by score."""
    ctx = context(paths, rubric, today)
    data = _valid_data(paths, ctx)
    words, reports = _assess_all(data, ctx, how, _select(data, state=state, kind=kind))
    ranked = rank(words, reports, how.as_of, how.basis)
    rows = ranked.rows if top is None else [r for r in ranked.rows if r.rank <= top]
    return ranked.model_copy(update={"lang": how.lang, "rows": rows, "wide": wide})


def compare_many(
    paths: DataPaths,
    how: Scoring,
    *,
    ids: Sequence[str],
    rubric: str | None,
    today: dt.date,
    state: str | None = None,
    wide: bool = False,
) -> CompareReport:
    """Demands x the chosen jurisdictions (by id, by state, or all when neither is given)."""
    for jurisdiction_id in ids:
        check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    data = _valid_data(paths, ctx)
    words, reports = _assess_all(data, ctx, how, _select(data, state=state, ids=ids))
    if not reports:
        raise ScorecardError("no jurisdiction matches; `scorecard list` shows them all")
    return compare(words, reports, how.as_of, how.basis).model_copy(update={"lang": how.lang, "wide": wide})


def sensitivity_all(
    paths: DataPaths,
    how: Scoring,
    *,
    rubric: str | None,
    today: dt.date,
    samples: int | None,
    seed: int,
    state: str | None = None,
) -> SensitivityReport:
    """Best and worst ranks over a grid (or a random sample) of weightings, with rank correlations."""
    from scorecard.sensitivity import grid_weightings, random_weightings, sensitivity

    ctx = context(paths, rubric, today)
    data = _valid_data(paths, ctx)
    words, reports = _assess_all(data, ctx, how, _select(data, state=state))
    demands = [d.id for d in ctx.rubric.demands]
    if samples:
        weightings = random_weightings(demands, samples, seed)
        method = f"{samples} random weightings, uniform on the simplex (seed {seed})"
    else:
        weightings = grid_weightings(demands)
        method = f"every weighting with weights 1, 2 or 3 per demand ({len(weightings)})"
    report = sensitivity(words, reports, weightings, method=method, as_of=how.as_of, basis=how.basis)
    return report.model_copy(update={"lang": how.lang})


def list_all(paths: DataPaths, *, rubric: str | None, today: dt.date) -> ListReport:
    """The jurisdictions in the data, by id."""
    ctx = context(paths, rubric, today)
    rows = []
    for path in paths.jurisdiction_files():
        model, _, issues = load_jurisdiction_file(path, ctx)
        if model is None:
            errors = tuple(i for i in issues if i.is_error)
            raise ScorecardError(f"{path.name} is invalid; run `scorecard validate`", errors)
        rows.append(
            ListRow(
                id=model.id,
                name=model.name,
                state=model.state,
                kind=model.kind,
                fips=model.fips,
                last_reviewed=model.last_reviewed,
            )
        )
    return ListReport(rows=rows)


def show_rubric(
    paths: DataPaths, *, rubric: str | None, weights: str | None, lang: str = "en"
) -> RubricReport:
    """The rubric, with weights overridden for this run if asked."""
    loaded = load_rubric(paths.rubric_file(rubric))
    report = describe_rubric(localized(loaded, lang), parse_weights(weights, loaded))
    return report.model_copy(update={"lang": lang})


def validate(
    paths: DataPaths,
    files: Sequence[Path],
    *,
    rubric: str | None,
    today: dt.date,
    max_age_days: int,
) -> tuple[list[Issue], int]:
    """Every problem in the data (or in the given files), and how many files were checked."""
    if files:
        rubric_files = [p for p in files if p.parent.name == "policies"]
    else:
        rubric_files = list(paths.policies.glob("*.yaml")) if paths.owns_policies else []
    issues: list[Issue] = []
    checked = 0
    for path in sorted(rubric_files):
        issues.extend(validate_rubric_file(path))
        checked += 1
    if any(issue.is_error for issue in issues):
        chosen = paths.rubric_file(rubric)
        if any(issue.location.path.endswith(chosen.name) for issue in issues if issue.is_error):
            return sorted(issues), checked  # nothing else can be checked without the rubric
    ctx = context(paths, rubric, today, max_age_days)
    if files:
        states = [p for p in files if p.parent.name == "states"]
        cities = [p for p in files if p.parent.name not in ("states", "policies")]
        data = load_dataset(paths, ctx, cities, states)
        checked += len(states) + len(cities)
    else:
        data = load_dataset(paths, ctx)
        checked += len(paths.jurisdiction_files()) + (len(paths.state_files()) if paths.owns_states else 0)
    return sorted([*issues, *data.issues]), checked


def history_of(
    paths: DataPaths,
    jurisdiction_id: str,
    *,
    rubric: str | None,
    today: dt.date,
    until: dt.date,
    basis: Basis,
    weights: str | None,
    lang: str = "en",
) -> HistoryReport:
    """A jurisdiction's score over time, from its history and its state's laws."""
    check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    overrides = parse_weights(weights, ctx.rubric)
    model, state = load_one(paths, ctx, jurisdiction_id)
    report = timeline(localized(ctx.rubric, lang), model, state, until, basis=basis, weights=overrides)
    return report.model_copy(update={"lang": lang})


def new_jurisdiction_text(
    rubric: Rubric,
    *,
    jurisdiction_id: str,
    state: str,
    name: str,
    kind: str,
    fips: str | None,
    today: dt.date,
) -> str:
    """A new jurisdiction file with every demand unknown, commented for whoever fills it in."""
    import json

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar

    lines = [
        "# yaml-language-server: $schema=../schema/jurisdiction.schema.json",
        "# Written by `scorecard new`: every demand is unknown until researched. For each demand, set",
        "# the status from the jurisdiction's own laws and policies and cite sources (title, url,",
        "# accessed); state laws belong in states/. See docs/data-format.md.",
        f"id: {jurisdiction_id}",
        f"name: {quoted(name)}",
        f"state: {state}",
        f"kind: {kind}",
        f"fips: {quoted(fips)}"
        if fips
        else '# fips: "..."  # Census GEOID: 7 digits for a place, 5 for a county',
        "# jail: county  # who runs the local jail: city | county | state | none",
        f"last_reviewed: {today.isoformat()}",
        "demands:",
    ]
    for demand in rubric.demands:
        lines += [
            f"  {demand.id}:  # {demand.title}",
            f"    status: {rubric.unknown_level}",
            "    summary: Not yet researched.",
        ]
    return "\n".join(lines) + "\n"


def create_jurisdiction(
    paths: DataPaths,
    jurisdiction_id: str,
    *,
    state: str,
    name: str | None,
    kind: str,
    fips: str | None,
    rubric: str | None,
    today: dt.date,
) -> Path:
    """Write cities/<id>.yaml (never over an existing file) and return its path."""
    from scorecard.dataset import load_jurisdiction_file
    from scorecard.output import create_new

    check_id(jurisdiction_id)
    ctx = context(paths, rubric, today)
    text = new_jurisdiction_text(
        ctx.rubric,
        jurisdiction_id=jurisdiction_id,
        state=state.upper(),
        name=name or jurisdiction_id.replace("-", " ").title(),
        kind=kind,
        fips=fips,
        today=today,
    )
    target = paths.cities / f"{jurisdiction_id}.yaml"
    create_new(target, text)
    _, _, issues = load_jurisdiction_file(target, ctx)
    errors = tuple(issue for issue in issues if issue.is_error)
    if errors:  # e.g. a bad --state or --fips: don't leave an invalid file behind
        target.unlink()
        raise ScorecardError(f"the new file would be invalid; nothing was written to {target}", errors)
    return target


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        # A fixed git command; user text is passed as separate arguments, never through a shell.
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError:
        raise ScorecardError("git is not installed; give two data folders instead") from None


def materialize(spec: str, data_dir: Path, scratch: Path) -> Path:
    """A data folder for OLD or NEW: the folder itself, or the data at a git revision, extracted."""
    import io
    import tarfile

    folder = Path(spec)
    if folder.is_dir():
        return folder
    top = _git(["rev-parse", "--show-toplevel"], data_dir)
    if top.returncode != 0:
        raise ScorecardError(f"'{spec}' is not a folder, and {data_dir} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    commit = _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], root)
    if commit.returncode != 0:
        raise ScorecardError(f"'{spec}' is neither a folder nor a git revision of {root}")
    prefix = data_dir.resolve().relative_to(root.resolve()).as_posix()
    wanted = [f"{prefix}/{name}" if prefix != "." else name for name in ("policies", "cities", "states")]
    listed = _git(["ls-tree", "--name-only", commit.stdout.decode().strip(), *wanted], root)
    present = listed.stdout.decode().split()
    archive = _git(["archive", "--format=tar", commit.stdout.decode().strip(), *present], root)
    if archive.returncode != 0:
        raise ScorecardError(f"cannot read the data at {spec}: {archive.stderr.decode().strip()}")
    target = scratch / commit.stdout.decode().strip()[:12]
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / prefix if prefix != "." else target


def diff_editions(old: str, new: str, *, data_dir: Path, today: dt.date, as_of: dt.date) -> DiffReport:
    """What changed between two data folders or git revisions, each change labelled."""
    import tempfile

    from scorecard.diffing import diff

    with tempfile.TemporaryDirectory(prefix="scorecard-diff-") as scratch:
        sides = []
        for spec in (old, new):
            folder = data_dir if spec == "." else materialize(spec, data_dir, Path(scratch))
            paths = DataPaths.at(folder)
            ctx = context(paths, None, today)
            data = load_dataset(paths, ctx)
            errors = tuple(issue for issue in data.issues if issue.is_error)
            if errors:
                raise ScorecardError(f"the data at {spec} has {len(errors)} error(s)", errors[:20])
            sides.append(data)
        return diff(sides[0], sides[1], old_label=old, new_label=new, as_of=as_of)
