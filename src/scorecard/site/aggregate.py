"""What the site shows, computed once per language: cards, ranking, tallies, each state's law and trends.

Pure functions of the loaded data; no page layout and no disk writes here
(those are `site.pages` and `site.write`). Statuses come from the status
engine (`scoring.engine.bounds_on` for what a state's law bounds on a date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from scorecard.checking.across import covered_codes
from scorecard.checking.pipeline import load_data
from scorecard.errors import ScorecardError
from scorecard.i18n import LANGUAGE_NAMES, SOURCE_LANG, mark, translate
from scorecard.input.locations import DataPaths
from scorecard.input.models import Jurisdiction, Source, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, Out, RankReport, RubricReport, SourceRef
from scorecard.scoring.baseline import as_baseline, baseline_models
from scorecard.scoring.card import assess, describe_rubric
from scorecard.scoring.engine import bounds_on, law_label, parse_weights
from scorecard.scoring.history import timeline
from scorecard.scoring.ranking import rank_reports as rank
from scorecard.service.common import context, localized
from scorecard.vocab import STATES, Basis

# What a state's law does, best for residents first: the map's ordered classes (index = colour).
LAW_CLASS_LABELS = (
    mark("Guarantees protection"),  # a floor at full credit on some demand, and no ceiling
    mark("Some guarantees"),  # floors below full credit only
    mark("No binding state law"),  # nothing in force bounds the five demands
    mark("Limits protection"),  # a ceiling above the worst level
    mark("Forbids protection"),  # a ceiling at the worst level: localities may not protect at all
)


class JurisdictionScore(Out):
    """One jurisdiction's score, for the state pages."""

    id: str
    name: str
    score: float
    grade: str
    score_range: tuple[float, float]
    provisional: bool


class DemandBound(Out):
    """What a state's law in force does to one demand: the best floor and the lowest ceiling."""

    demand: str
    title: str
    floor: str | None
    floor_label: str | None
    ceiling: str | None
    ceiling_label: str | None
    laws: list[str]  # labels of the laws that set them


class LawEffectRow(Out):
    """One effect of one law, as the state page lists it."""

    demand: str
    title: str
    effect: str  # floor | ceiling
    level_label: str
    note: str | None


class LawEntry(Out):
    """A state law on its state's page: its dates, effects and sources."""

    id: str
    label: str
    citation: str | None
    enacted: dt.date | None
    in_force_from: dt.date
    repealed: dt.date | None
    blocked: list[str]  # "2024-03-01 to 2024-07-01: preliminary injunction"
    in_force: bool
    summary: str
    sources: list[SourceRef]
    effects: list[LawEffectRow]


class StateLaws(Out):
    """One state's law on the five demands, as of the date scored, and its researched jurisdictions."""

    state: str
    name: str
    summary: str | None
    last_reviewed: dt.date
    law_class: int  # index into LAW_CLASS_LABELS
    class_label: str
    demand_classes: dict[str, int]  # demand id -> the class of the state's law on that demand alone
    floors: int  # demands with a floor in force
    ceilings: int  # demands with a ceiling in force
    bounds: list[DemandBound]
    laws: list[LawEntry]
    sources: list[SourceRef]
    jurisdictions: list[JurisdictionScore]
    baselines: list[JurisdictionScore]  # counties with no file, on baseline cards (when the site has them)


class TrendPoint(Out):
    """A card's score on a date when it changed."""

    date: dt.date
    date_display: str
    score: float
    grade: str


class DemandTally(Out):
    """How many jurisdictions have each status on one demand."""

    id: str
    title: str
    counts: dict[str, int]


class LanguageSite(Out):
    """Everything one language's pages show."""

    lang: str
    cards: list[AssessReport]  # the researched jurisdictions
    baselines: list[AssessReport]  # counties with no file, scored on state law alone (when asked)
    ranking: RankReport  # the researched jurisdictions, and the baselines when the site has them
    rubric: RubricReport
    states: list[StateLaws]  # every state file, by code
    tallies: list[DemandTally]
    trends: dict[str, list[TrendPoint]]  # jurisdiction id -> its score over time (two points or more)


def refs(sources: Iterable[Source]) -> list[SourceRef]:
    """Sources as reports show them."""
    return [SourceRef(title=s.title, url=s.url, accessed=s.accessed) for s in sources]


def law_class(rubric: Rubric, bounds: Sequence[DemandBound]) -> int:
    """The map class of a state (an index into LAW_CLASS_LABELS), from its bounds in force."""
    full = {level.id for level in rubric.levels if level.known and level.credit >= 1}
    ceilings = [b.ceiling for b in bounds if b.ceiling is not None]
    if ceilings:
        return 4 if rubric.worst_level in ceilings else 3
    floors = [b.floor for b in bounds if b.floor is not None]
    if not floors:
        return 2
    return 0 if any(level in full for level in floors) else 1


def _scores(cards: Sequence[AssessReport], state: str) -> list[JurisdictionScore]:
    """The cards of one state, best score first."""
    members = sorted(
        (c for c in cards if c.jurisdiction.state == state),
        key=lambda c: (-c.score, c.jurisdiction.name, c.jurisdiction.id),
    )
    return [
        JurisdictionScore(
            id=c.jurisdiction.id,
            name=c.jurisdiction.name,
            score=c.score,
            grade=c.grade,
            score_range=c.score_range,
            provisional=c.provisional,
        )
        for c in members
    ]


def state_laws(
    rubric: Rubric,
    lang: str,
    state: StateFile,
    on: dt.date,
    cards: Sequence[AssessReport],
    baselines: Sequence[AssessReport] = (),
) -> StateLaws:
    """What one state's law bounds on `on`, every law with its effects, and the state's cards."""
    order = rubric.level_order
    titles = {d.id: d.title for d in rubric.demands}
    bounds = []
    for demand in rubric.demands:
        found = bounds_on(state, demand.id, on)
        floors = [b.level for b in found if b.effect == "floor"]
        ceilings = [b.level for b in found if b.effect == "ceiling"]
        if not found:
            continue
        floor = min(floors, key=order.__getitem__) if floors else None  # the best level guaranteed
        ceiling = max(ceilings, key=order.__getitem__) if ceilings else None  # the worst level allowed
        bounds.append(
            DemandBound(
                demand=demand.id,
                title=demand.title,
                floor=floor,
                floor_label=rubric.level(floor).label if floor else None,
                ceiling=ceiling,
                ceiling_label=rubric.level(ceiling).label if ceiling else None,
                laws=sorted({law_label(b.law) for b in found}),
            )
        )
    laws = [
        LawEntry(
            id=law.id,
            label=law_label(law),
            citation=law.citation,
            enacted=law.enacted,
            in_force_from=law.in_force_from,
            repealed=law.repealed,
            blocked=[
                f"{p.start.isoformat()} – {p.end.isoformat() if p.end else '…'}: {p.by}" for p in law.blocked
            ],
            in_force=law.is_in_force(on),
            summary=law.summary,
            sources=refs(law.sources),
            effects=[
                LawEffectRow(
                    demand=demand,
                    title=titles.get(demand, demand),
                    effect=kind,
                    level_label=rubric.level(level).label,
                    note=effect.note,
                )
                for demand, effect in law.effects.items()
                for kind, level in (("floor", effect.floor), ("ceiling", effect.ceiling))
                if level is not None
            ],
        )
        for law in sorted(state.laws, key=lambda item: (item.in_force_from, item.id))
    ]
    index = law_class(rubric, bounds)
    demands = rubric.demands
    return StateLaws(
        state=state.state,
        name=translate(lang, STATES[state.state].name) if state.state in STATES else state.name,
        summary=state.summary,
        last_reviewed=state.last_reviewed,
        law_class=index,
        class_label=translate(lang, LAW_CLASS_LABELS[index]),
        demand_classes={d.id: law_class(rubric, [b for b in bounds if b.demand == d.id]) for d in demands},
        floors=sum(b.floor is not None for b in bounds),
        ceilings=sum(b.ceiling is not None for b in bounds),
        bounds=bounds,
        laws=laws,
        sources=refs(state.sources),
        jurisdictions=_scores(cards, state.state),
        baselines=_scores(baselines, state.state),
    )


def tally_demands(rubric: Rubric, reports: Sequence[AssessReport]) -> list[DemandTally]:
    """For each demand, how many jurisdictions have each (effective) status."""
    tallies = []
    for demand in rubric.demands:
        counts = dict.fromkeys(rubric.level_ids, 0)
        for report in reports:
            counts[next(d.status for d in report.demands if d.id == demand.id)] += 1
        tallies.append(DemandTally(id=demand.id, title=demand.title, counts=counts))
    return tallies


def trends(
    rubric: Rubric,
    jurisdictions: Sequence[Jurisdiction],
    states: Mapping[str, StateFile],
    until: dt.date,
    basis: Basis,
    weights: Mapping[str, float],
) -> dict[str, list[TrendPoint]]:
    """Each jurisdiction's score on every date it changed (those with two points or more)."""
    found = {}
    for j in jurisdictions:
        history = timeline(rubric, j, states.get(j.state), until, basis=basis, weights=weights)
        points = [
            TrendPoint(date=p.date, date_display=p.date_display, score=p.score, grade=p.grade)
            for p in history.points
        ]
        if len(points) >= 2:
            found[j.id] = points
    return found


def score_languages(
    paths: DataPaths,
    *,
    rubric: str | None,
    today: dt.date,
    as_of: dt.date,
    basis: Basis,
    weights: str | None,
    lang: str,
    baselines: bool = False,
) -> list[LanguageSite]:
    """Score every jurisdiction once per language: `lang` first, then each other language available.

    With `baselines`, every county no file covers too, on a baseline card (state law alone).
    """
    ctx = context(paths, rubric, today)
    overrides = parse_weights(weights, ctx.rubric)
    data = load_data(paths, ctx, want="models").require_valid()
    if not data.jurisdictions:
        raise ScorecardError(f"no jurisdictions in {paths.folders()}; nothing to publish")
    others = [
        other
        for other in LANGUAGE_NAMES
        if other != lang and (other == SOURCE_LANG or other in ctx.rubric.translations)
    ]
    history = trends(ctx.rubric, data.jurisdictions, data.states, as_of, basis, overrides)
    covered = covered_codes(data.identities)  # a city that governs a county covers it too
    taken = {j.id for j in data.jurisdictions}  # a researched file keeps its page, whatever its FIPS code
    found = baseline_models(ctx.rubric, data.states, covered) if baselines else []
    counties = [(county, j) for county, j in found if j.id not in taken]
    sites = []
    for language in [lang, *others]:
        words = localized(ctx.rubric, language)

        def card(j: Jurisdiction, words: Rubric = words, language: str = language) -> AssessReport:
            return assess(
                words,
                j,
                data.states.get(j.state),
                as_of,
                basis=basis,
                weights=overrides,
                max_age_days=ctx.max_age_days,
                lang=language,
            )

        cards = [card(j) for j in data.jurisdictions]
        extra = [as_baseline(card(j), county) for county, j in counties]
        sites.append(
            LanguageSite(
                lang=language,
                cards=cards,
                baselines=extra,
                ranking=rank(words, [*cards, *extra], as_of, basis).model_copy(update={"lang": language}),
                rubric=describe_rubric(words, overrides).model_copy(update={"lang": language}),
                states=[
                    state_laws(words, language, data.states[code], as_of, cards, extra)
                    for code in sorted(data.states)
                ],
                tallies=tally_demands(words, cards),
                trends=history,
            )
        )
    return sites
