"""What each command does, between the CLI's arguments and a report: load, check, score.

No printing, no exit codes and no clock here: the CLI passes `today` in and
routes the result.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from scorecard.checking.checks import CheckContext
from scorecard.checking.pipeline import load_one
from scorecard.errors import ExitCode, ScorecardError
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths, check_id
from scorecard.input.models import Rubric
from scorecard.report import (
    AssessReport,
    Basis,
    HistoryReport,
    RubricReport,
)
from scorecard.scoring.card import assess, describe_rubric, timeline


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


def show_rubric(
    paths: DataPaths, *, rubric: str | None, weights: str | None, lang: str = "en"
) -> RubricReport:
    """The rubric, with weights overridden for this run if asked."""
    loaded = load_rubric(paths.rubric_file(rubric))
    report = describe_rubric(localized(loaded, lang), parse_weights(weights, loaded))
    return report.model_copy(update={"lang": lang})


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
    from scorecard.checking.pipeline import load_jurisdiction_file
    from scorecard.cli.files import create_new

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
