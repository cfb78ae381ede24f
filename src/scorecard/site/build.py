"""The static site: ranking, report cards, comparison, map and methodology, in every language.

`build_site` loads and scores the whole data set and returns every page as
text, keyed by its path in the site (pure apart from reading the data).
`write_site` writes them into a temporary folder beside the target and swaps
it in whole, so a reader (or a static host) sees the old site or the new one,
never half of each. Pages link to each other with relative links, so the site
works from the file system as well as from any static host.

The primary language's pages are at the root; each other language the rubric
is translated into has the same pages under `<lang>/`, linked from each page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping

from markupsafe import Markup

from scorecard.checking.pipeline import load_data
from scorecard.errors import ScorecardError
from scorecard.i18n import LANGUAGE_NAMES, SOURCE_LANG, language_name, translate
from scorecard.input.locations import DataPaths
from scorecard.render import to_html
from scorecard.render.to_html import Link, SiteNav
from scorecard.report import AssessReport, Out, RankReport, RubricReport
from scorecard.scoring.card import assess, describe_rubric
from scorecard.scoring.engine import parse_weights
from scorecard.scoring.ranking import rank_reports as rank
from scorecard.service.common import Scoring, context, localized
from scorecard.site.summaries import (
    GAP,
    TILE,
    DemandTally,
    StateSummary,
    map_tiles,
    summarize_states,
    tally_demands,
)
from scorecard.site.write import MARKER, check_target, write_site
from scorecard.vocab import Basis

__all__ = ["MARKER", "build_site", "check_target", "write_site"]


INDEX = "index.html"
COMPARE = "compare.html"
MAP = "map.html"
METHODOLOGY = "methodology.html"
DATA_PACKAGE = "data/datapackage.json"  # the package of `scorecard export`, written beside the pages


class LanguageSite(Out):
    """Everything one language's pages show."""

    lang: str
    cards: list[AssessReport]
    ranking: RankReport
    rubric: RubricReport
    states: list[StateSummary]
    tallies: list[DemandTally]
    grades: list[tuple[str, float]]


def score_languages(
    paths: DataPaths,
    *,
    rubric: str | None,
    today: dt.date,
    as_of: dt.date,
    basis: Basis,
    weights: str | None,
    lang: str,
) -> list[LanguageSite]:
    """Score every jurisdiction once per language: `lang` first, then each other language available."""
    ctx = context(paths, rubric, today)
    overrides = parse_weights(weights, ctx.rubric)
    data = load_data(paths, ctx, want="models").require_valid()
    if not data.jurisdictions:
        raise ScorecardError(f"no jurisdictions in {paths.cities}; nothing to publish")
    others = [
        other
        for other in LANGUAGE_NAMES
        if other != lang and (other == SOURCE_LANG or other in ctx.rubric.translations)
    ]
    sites = []
    for language in [lang, *others]:
        words = localized(ctx.rubric, language)
        cards = [
            assess(
                words,
                j,
                data.states.get(j.state),
                as_of,
                basis=basis,
                weights=overrides,
                max_age_days=ctx.max_age_days,
                lang=language,
            )
            for j in data.jurisdictions
        ]
        sites.append(
            LanguageSite(
                lang=language,
                cards=cards,
                ranking=rank(words, cards, as_of, basis).model_copy(update={"lang": language}),
                rubric=describe_rubric(words, overrides).model_copy(update={"lang": language}),
                states=summarize_states(words, language, cards),
                tallies=tally_demands(words, cards),
                grades=[(g.grade, g.min) for g in words.grades],
            )
        )
    return sites


# --- pages ---------------------------------------------------------------------


def card_path(jurisdiction_id: str) -> str:
    """Where a jurisdiction's report card is, within one language's pages."""
    return f"jurisdictions/{jurisdiction_id}.html"


def ranking_path(key: str, direction: str) -> str:
    """Where the ranking sorted by one column is (by rank: the index page)."""
    return INDEX if (key, direction) == ("rank", "asc") else f"ranking/{key}-{direction}.html"


def relative(source: str, target: str) -> str:
    """A link from the page at `source` to `target` (both site paths)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


class _Pages:
    """Lays out the pages of one language, with links relative to each page."""

    def __init__(self, site: LanguageSite, prefixes: Mapping[str, str]) -> None:
        self.site = site
        self.lang = site.lang
        self.prefixes = prefixes  # language -> folder of its pages ("" or "es/")

    def full(self, path: str, lang: str | None = None) -> str:
        return self.prefixes[lang or self.lang] + path

    def nav(self, path: str, current: str | None) -> SiteNav:
        here = self.full(path)
        lang = self.lang
        links = (
            (INDEX, translate(lang, "Ranking")),
            (COMPARE, translate(lang, "Compare")),
            (MAP, translate(lang, "Map")),
            (METHODOLOGY, translate(lang, "Methodology")),
        )
        return SiteNav(
            home=relative(here, self.full(INDEX)),
            links=tuple(
                Link(relative(here, self.full(target)), label, current=target == current)
                for target, label in links
            ),
            alternates=tuple(
                Link(relative(here, self.full(path, other)), language_name(other), lang=other)
                for other in self.prefixes
                if other != lang
            ),
            methodology=relative(here, self.full(METHODOLOGY)),
        )

    def card_links(self, path: str) -> dict[str, str]:
        here = self.full(path)
        return {
            card.jurisdiction.id: relative(here, self.full(card_path(card.jurisdiction.id)))
            for card in self.site.cards
        }

    def pages(self) -> dict[str, str]:
        site = self.site
        out: dict[str, str] = {}
        for card in site.cards:
            path = card_path(card.jurisdiction.id)
            out[self.full(path)] = to_html.card_page(card, self.nav(path, None))
        out.update(self.rankings())
        out[self.full(COMPARE)] = self.compare()
        out[self.full(MAP)] = self.map()
        out[self.full(METHODOLOGY)] = to_html.methodology_page(
            site.rubric,
            self.nav(METHODOLOGY, METHODOLOGY),
            data_package=relative(self.full(METHODOLOGY), DATA_PACKAGE),
        )
        return out

    def rankings(self) -> dict[str, str]:
        report = self.site.ranking
        columns = to_html.ranking_columns(report)
        values = [to_html.row_values(report, row) for row in report.rows]
        out = {}
        for column in columns:
            for direction in ("asc", "desc"):
                path = ranking_path(column.key, direction)
                here = self.full(path)

                def sort_key(index: int, key: str = column.key) -> float | str:
                    value = values[index][key]
                    return value.casefold() if isinstance(value, str) else value

                order = sorted(range(len(report.rows)), key=sort_key, reverse=direction == "desc")
                links = {}
                for other in columns:
                    if other.key == column.key:
                        target = ranking_path(other.key, "desc" if direction == "asc" else "asc")
                    else:
                        target = ranking_path(other.key, other.first)
                    links[other.key] = relative(here, self.full(target))
                out[here] = to_html.ranking_page(
                    report,
                    self.nav(path, INDEX),
                    card_href=self.card_links(path),
                    sort_links=links,
                    sorted_by=(column.key, direction),
                    order=order,
                    extra=self.ranking_intro(path),
                )
        return out

    def ranking_intro(self, path: str) -> Markup:
        here = self.full(path)
        _ = to_html.translator(self.lang)
        return _(
            "See also the {compare}, the {map} and the {methodology}.",
            compare=_anchor(
                relative(here, self.full(COMPARE)), translate(self.lang, "demand-by-demand comparison")
            ),
            map=_anchor(relative(here, self.full(MAP)), translate(self.lang, "map by state")),
            methodology=_anchor(relative(here, self.full(METHODOLOGY)), translate(self.lang, "methodology")),
        )

    def compare(self) -> str:
        site = self.site
        cards = sorted(
            site.cards, key=lambda c: (c.jurisdiction.state, c.jurisdiction.name, c.jurisdiction.id)
        )
        return to_html.page(
            "compare.html.j2",
            lang=self.lang,
            title=translate(self.lang, "Compare"),
            nav=self.nav(COMPARE, COMPARE),
            about=site.ranking.rubric,
            r=site.ranking,
            cards=cards,
            tallies=site.tallies,
            card_href=self.card_links(COMPARE),
            state_names={s.state: s.name for s in site.states},
        )

    def map(self) -> str:
        site = self.site
        tiles = map_tiles(self.lang, site.states)
        width = max(t.x for t in tiles) + TILE
        height = max(t.y for t in tiles) + TILE
        return to_html.page(
            "map.html.j2",
            lang=self.lang,
            title=translate(self.lang, "Map"),
            nav=self.nav(MAP, MAP),
            about=site.ranking.rubric,
            r=site.ranking,
            tiles=tiles,
            states=site.states,
            grades=site.grades,
            width=width - GAP,
            height=height - GAP,
            tile=TILE - GAP,
            card_href=self.card_links(MAP),
        )


def _anchor(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def data_package(paths: DataPaths, *, rubric: str | None, today: dt.date, how: Scoring) -> dict[str, str]:
    """The files of `scorecard export`, under `data/` (DATA_PACKAGE), scored as the site is."""
    from scorecard.render import to_datapackage
    from scorecard.service.export import export_package

    package = export_package(paths, how, rubric=rubric, today=today)
    folder = posixpath.dirname(DATA_PACKAGE)
    return {f"{folder}/{name}": text for name, text in to_datapackage.render(package).items()}


def build_site(
    paths: DataPaths,
    *,
    rubric: str | None,
    today: dt.date,
    as_of: dt.date,
    basis: Basis,
    weights: str | None,
    lang: str,
) -> dict[str, str]:
    """Every page of the site as text, keyed by its path in the site (`index.html`, `es/map.html`...)."""
    sites = score_languages(
        paths, rubric=rubric, today=today, as_of=as_of, basis=basis, weights=weights, lang=lang
    )
    prefixes = {site.lang: "" if site.lang == lang else f"{site.lang}/" for site in sites}
    files = data_package(paths, rubric=rubric, today=today, how=Scoring(as_of, basis, weights))
    for site in sites:
        files.update(_Pages(site, prefixes).pages())
    return dict(sorted(files.items()))
