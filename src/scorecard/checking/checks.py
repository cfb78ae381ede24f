"""Checks of one file that need more than its model: the rubric, the file name, the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorecard.checking.sources import check_sources
from scorecard.errors import Issue, error, warning
from scorecard.input.models import DemandClaim, Jurisdiction, Litigation, Source, StateFile
from scorecard.input.rubric import Rubric
from scorecard.input.yamlio import Document, Loc
from scorecard.input.yamlnodes import key_path
from scorecard.vocab import DEFAULT_MAX_AGE_DAYS, KINDS, STATES


@dataclass(frozen=True)
class CheckContext:
    """What the checks compare against: the rubric, today's date, the staleness limit."""

    rubric: Rubric
    today: dt.date
    max_age_days: int = DEFAULT_MAX_AGE_DAYS


def check_demand_keys(doc: Document, rubric: Rubric) -> list[Issue]:
    """Every rubric demand present, no other demand ids (works on raw data, before pydantic)."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("demands"), dict):
        return []
    demands: dict[Any, Any] = data["demands"]
    wanted = [d.id for d in rubric.demands]
    known, listed = set(wanted), ", ".join(wanted)  # once per file, not once per key
    issues = [
        error(
            doc.locate(("demands", key), at_key=True),
            "ref.unknown-demand",
            f"'{key}' is not a demand of the rubric {rubric.id}; expected one of {listed}",
            f"demands.{key}",
        )
        for key in demands
        if key not in known
    ]
    missing = [d for d in wanted if d not in demands]
    if missing:
        issues.append(
            error(
                doc.locate(("demands",), at_key=True),
                "ref.missing-demand",
                f"missing demand {', '.join(missing)} of the rubric {rubric.id} "
                "(use status: unknown when it is not known)",
                "demands",
            )
        )
    return issues


def _check_dated_claim(
    doc: Document, loc: Loc, status: str, sources: Sequence[Source], ctx: CheckContext
) -> Iterator[Issue]:
    if status != ctx.rubric.unknown_level and not sources:
        yield error(
            doc.locate((*loc, "status")),
            "source.missing",
            f"status {status} needs at least one source (title, url, accessed); "
            f"use {ctx.rubric.unknown_level} when it can't be supported",
            key_path((*loc, "status")),
        )


def _future(doc: Document, loc: Loc, day: dt.date | None, ctx: CheckContext) -> Iterator[Issue]:
    if day is not None and day > ctx.today:
        yield error(
            doc.locate(loc),
            "date.future",
            f"{day.isoformat()} is in the future (today is {ctx.today.isoformat()})",
            key_path(loc),
        )


def _source_dates(doc: Document, loc: Loc, sources: Sequence[Source], ctx: CheckContext) -> Iterator[Issue]:
    for index, source in enumerate(sources):
        yield from _future(doc, (*loc, "sources", index, "accessed"), source.accessed, ctx)


def _check_claim(doc: Document, demand_id: str, claim: DemandClaim, ctx: CheckContext) -> Iterator[Issue]:
    loc: Loc = ("demands", demand_id)
    unknown = ctx.rubric.unknown_level
    yield from _check_dated_claim(doc, loc, claim.status, claim.sources, ctx)
    yield from _future(doc, (*loc, "since"), claim.since, ctx)
    yield from _source_dates(doc, loc, claim.sources, ctx)
    if claim.status != unknown and claim.confidence is None:
        yield error(
            doc.locate((*loc, "status")),
            "claim.confidence-missing",
            f"status {claim.status} needs a confidence: high, medium or low",
            key_path(loc),
        )
    if claim.status == ctx.rubric.best_level and claim.confidence == "low":
        yield warning(
            doc.locate((*loc, "confidence")),
            "confidence.low-met",
            f"status {claim.status} rests on low-confidence evidence; find a stronger source",
            key_path((*loc, "confidence")),
        )
    previous: dt.date | None = None
    for index, entry in enumerate(claim.history):
        here: Loc = (*loc, "history", index)
        yield from _check_dated_claim(doc, here, entry.status, entry.sources, ctx)
        yield from _future(doc, (*here, "since"), entry.since, ctx)
        yield from _source_dates(doc, here, entry.sources, ctx)
        if previous is not None and entry.since <= previous:
            yield error(
                doc.locate((*here, "since")),
                "history.order",
                f"history must be oldest first: {entry.since.isoformat()} is not after "
                f"{previous.isoformat()}",
                key_path((*here, "since")),
            )
        previous = entry.since
    if claim.history and claim.since is None:
        yield error(
            doc.locate(loc, at_key=True),
            "history.order",
            "a demand with history needs `since`: when did the current status take effect?",
            key_path(loc),
        )
    elif previous is not None and claim.since is not None and claim.since <= previous:
        yield error(
            doc.locate((*loc, "since")),
            "history.order",
            f"`since` ({claim.since.isoformat()}) must come after the last history entry "
            f"({previous.isoformat()})",
            key_path((*loc, "since")),
        )
    if claim.practice is not None:
        here = (*loc, "practice")
        yield from _check_dated_claim(doc, here, claim.practice.status, claim.practice.sources, ctx)
        yield from _future(doc, (*here, "since"), claim.practice.since, ctx)
        yield from _source_dates(doc, here, claim.practice.sources, ctx)


def _check_litigation(doc: Document, suits: Sequence[Litigation], ctx: CheckContext) -> Iterator[Issue]:
    """Each suit's demands are the rubric's, and its dates are not in the future."""
    demand_ids = [d.id for d in ctx.rubric.demands]
    for index, suit in enumerate(suits):
        here: Loc = ("litigation", index)
        yield from _future(doc, (*here, "filed"), suit.filed, ctx)
        yield from _future(doc, (*here, "status_date"), suit.status_date, ctx)
        yield from _source_dates(doc, here, suit.sources, ctx)
        for number, demand in enumerate(suit.demands):
            if demand not in demand_ids:
                yield error(
                    doc.locate((*here, "demands", number)),
                    "ref.unknown-demand",
                    f"'{demand}' is not a demand of the rubric {ctx.rubric.id}; "
                    f"expected one of {', '.join(demand_ids)}",
                    key_path((*here, "demands", number)),
                )


@dataclass(frozen=True)
class JurisdictionParts:
    """What the checks read of a jurisdiction: from a valid model, or the valid parts of a broken file.

    Checking the parts of a file that failed validation lets one run report
    every problem (a wrong status and a wrong id), not only the schema errors.
    """

    id: str | None
    state: str | None
    kind: str | None
    fips: str | None
    has_fips: bool
    has_jail: bool
    last_reviewed: dt.date | None
    claims: dict[str, DemandClaim]
    litigation: tuple[Litigation, ...] = ()
    county_fips: tuple[tuple[int, str], ...] = ()  # (position, code) of each well-formed entry

    @classmethod
    def of_model(cls, model: Jurisdiction) -> JurisdictionParts:
        """The parts of a valid jurisdiction."""
        return cls(
            model.id,
            model.state,
            model.kind,
            model.fips,
            model.fips is not None,
            model.jail is not None,
            model.last_reviewed,
            dict(model.demands),
            tuple(model.litigation),
            tuple(enumerate(model.county_fips)),
        )

    @classmethod
    def of_raw(cls, data: dict[Any, Any], levels: tuple[str, ...]) -> JurisdictionParts:
        """The parts of a file that failed validation which are themselves valid (the rest is None)."""
        from pydantic import ValidationError

        claims: dict[str, DemandClaim] = {}
        raw_claims = data.get("demands")
        for key, raw in raw_claims.items() if isinstance(raw_claims, dict) else ():
            try:
                claims[str(key)] = DemandClaim.model_validate(raw, context={"levels": levels})
            except ValidationError:
                continue  # its errors are already reported
        suits = []
        raw_suits = data.get("litigation")
        for raw in raw_suits if isinstance(raw_suits, list) else ():
            try:
                suits.append(Litigation.model_validate(raw))
            except ValidationError:
                continue  # its errors are already reported
        fips = data.get("fips")
        reviewed = data.get("last_reviewed")
        counties = data.get("county_fips")
        county_fips = tuple(
            (i, code)
            for i, code in enumerate(counties if isinstance(counties, list) else ())
            if isinstance(code, str) and code.isdigit() and len(code) == 5
        )
        return cls(
            data["id"] if isinstance(data.get("id"), str) else None,
            _text_in(data.get("state"), STATES),
            _text_in(data.get("kind"), KINDS),
            fips if isinstance(fips, str) and fips.isdigit() and len(fips) in (5, 7) else None,
            "fips" in data,
            "jail" in data,
            reviewed if isinstance(reviewed, dt.date) and not isinstance(reviewed, dt.datetime) else None,
            claims,
            tuple(suits),
            county_fips,
        )


def _text_in(value: object, allowed: Collection[str]) -> str | None:
    """`value` when it is one of the allowed texts (a list or mapping, unhashable, is simply not one)."""
    return value if isinstance(value, str) and value in allowed else None


def check_jurisdiction(doc: Document, parts: JurisdictionParts, path: Path, ctx: CheckContext) -> list[Issue]:
    """Checks of one jurisdiction against its file name, the rubric and the date."""
    issues: list[Issue] = []
    if parts.id is not None and parts.id != path.stem:
        issues.append(
            error(
                doc.locate(("id",)),
                "id.stem-mismatch",
                f"id '{parts.id}' must equal the file name '{path.stem}'",
                "id",
            )
        )
    issues.extend(check_sources(doc))
    issues.extend(_check_litigation(doc, parts.litigation, ctx))
    demand_ids = {d.id for d in ctx.rubric.demands}
    for demand_id, claim in parts.claims.items():
        if demand_id in demand_ids:
            issues.extend(_check_claim(doc, demand_id, claim, ctx))
    if parts.last_reviewed is not None:
        issues.extend(_future(doc, ("last_reviewed",), parts.last_reviewed, ctx))
        age = (ctx.today - parts.last_reviewed).days
        if age > ctx.max_age_days:
            issues.append(
                warning(
                    doc.locate(("last_reviewed",)),
                    "data.stale",
                    f"last reviewed {age} days ago (more than {ctx.max_age_days}); check the sources again",
                    "last_reviewed",
                )
            )
    issues.extend(_check_fips(doc, parts))
    if not parts.has_jail:
        issues.append(
            warning(
                doc.locate(()),
                "jurisdiction.missing-jail",
                "not given: who runs the local jail (city, county, state or none) decides ICE holds and "
                "notifications",
                "jail",
            )
        )
    return issues


def _check_fips(doc: Document, parts: JurisdictionParts) -> Iterator[Issue]:
    yield from _check_county_fips(doc, parts)
    if not parts.has_fips:
        yield warning(
            doc.locate(()),
            "jurisdiction.missing-fips",
            "no code: researchers join data on the Census GEOID (7 digits for a place, 5 for a county)",
            "fips",
        )
        return
    if parts.fips is None:
        return
    prefix = STATES[parts.state].fips if parts.state in STATES else None
    if prefix and not parts.fips.startswith(prefix):
        yield error(
            doc.locate(("fips",)),
            "fips.state-mismatch",
            f"GEOID {parts.fips} does not start with {prefix}, the code of {parts.state}",
            "fips",
        )
    wanted = {"county": 5, "city": 7}.get(parts.kind or "")
    if wanted and len(parts.fips) != wanted:
        kind = "a county" if parts.kind == "county" else "a city (place)"
        yield error(
            doc.locate(("fips",)),
            "fips.kind-mismatch",
            f"{kind} has a {wanted}-digit GEOID; got {len(parts.fips)} digits",
            "fips",
        )


def _check_county_fips(doc: Document, parts: JurisdictionParts) -> Iterator[Issue]:
    """The counties a place also governs: in its state, and never on a county's own file."""
    prefix = STATES[parts.state].fips if parts.state in STATES else None
    for i, code in parts.county_fips:
        where = ("county_fips", i)
        if parts.kind == "county":
            yield error(
                doc.locate(where),
                "fips.kind-mismatch",
                "a county's own GEOID goes in `fips`; `county_fips` is for a city that also governs a county",
                "county_fips",
            )
        elif prefix and not code.startswith(prefix):
            yield error(
                doc.locate(where),
                "fips.state-mismatch",
                f"GEOID {code} does not start with {prefix}, the code of {parts.state}",
                "county_fips",
            )


def check_state(doc: Document, model: StateFile, path: Path, ctx: CheckContext) -> list[Issue]:
    """Checks of one valid state file against its file name, the rubric and the date."""
    issues: list[Issue] = []
    if path.stem != model.state.lower():
        issues.append(
            error(
                doc.locate(("state",)),
                "id.stem-mismatch",
                f"state {model.state} must be in a file named {model.state.lower()}.yaml",
                "state",
            )
        )
    demand_ids = {d.id: None for d in ctx.rubric.demands}  # in rubric order; a lookup per effect
    listed = ", ".join(demand_ids)
    order = {level: rank for rank, level in enumerate(ctx.rubric.level_ids)}
    issues.extend(_future(doc, ("last_reviewed",), model.last_reviewed, ctx))
    issues.extend(check_sources(doc))
    issues.extend(_check_litigation(doc, model.litigation, ctx))
    for index, law in enumerate(model.laws):
        loc: Loc = ("laws", index)
        issues.extend(_future(doc, (*loc, "enacted"), law.enacted, ctx))
        issues.extend(_source_dates(doc, loc, law.sources, ctx))
        for demand_id, effect in law.effects.items():
            here: Loc = (*loc, "effects", demand_id)
            if demand_id not in demand_ids:
                issues.append(
                    error(
                        doc.locate(here, at_key=True),
                        "ref.unknown-demand",
                        f"'{demand_id}' is not a demand of the rubric {ctx.rubric.id}; "
                        f"expected one of {listed}",
                        key_path(here),
                    )
                )
            for bound in (effect.floor, effect.ceiling):
                if bound == ctx.rubric.unknown_level:
                    issues.append(
                        error(
                            doc.locate(here),
                            "law.unknown-bound",
                            f"a floor or ceiling must be a known level, not {bound}",
                            key_path(here),
                        )
                    )
            if effect.floor and effect.ceiling and order.get(effect.floor, 0) < order.get(effect.ceiling, 0):
                issues.append(
                    error(
                        doc.locate(here),
                        "law.floor-above-ceiling",
                        f"floor {effect.floor} is better than ceiling {effect.ceiling}",
                        key_path(here),
                    )
                )
    return issues
