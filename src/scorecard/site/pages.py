"""The site's pages for one language: each page's model, its links relative to itself, its text.

Pages link to each other with relative links, so the site works from the file
system as well as from any static host. Every page has a distinct title and a
description (for search results and link previews).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping

from markupsafe import Markup

from scorecard.i18n import language_name, translate, translate_count
from scorecard.render import html_ranking, to_html, to_json
from scorecard.render.to_html import Link, SiteNav
from scorecard.site.aggregate import LAW_CLASS_LABELS, LanguageSite, StateLaws
from scorecard.vocab import STATES

INDEX = "index.html"
COMPARE = "compare.html"
MAP = "map.html"
METHODOLOGY = "methodology.html"
DATA_PACKAGE = "data/datapackage.json"  # the package of `scorecard export`, written beside the pages

# The map's tiles: (state, (column, row)), for the states and territories that have one.
TILES = [(code, state.tile) for code, state in STATES.items() if state.tile is not None]
TILE = 64  # px, including the gap
GAP = 4


def card_path(jurisdiction_id: str) -> str:
    """Where a jurisdiction's report card is, within one language's pages."""
    return f"jurisdictions/{jurisdiction_id}.html"


def card_data_path(jurisdiction_id: str) -> str:
    """Where a report card's data (JSON) is: next to the card."""
    return f"jurisdictions/{jurisdiction_id}.json"


def state_path(state: str) -> str:
    """Where a state's page is, within one language's pages."""
    return f"states/{state.lower()}.html"


def ranking_path(key: str, direction: str) -> str:
    """Where the ranking sorted by one column is (by rank: the index page)."""
    return INDEX if (key, direction) == ("rank", "asc") else f"ranking/{key}-{direction}.html"


def relative(source: str, target: str) -> str:
    """A link from the page at `source` to `target` (both site paths)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _anchor(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


class MapTile:
    """A state's tile on the map: where it is, and the state's law if there is a file for it."""

    def __init__(self, state: str, name: str, x: int, y: int, laws: StateLaws | None, href: str | None):
        self.state, self.name, self.x, self.y, self.laws, self.href = state, name, x, y, laws, href


class Pages:
    """Lays out the pages of one language, with links relative to each page."""

    def __init__(self, site: LanguageSite, prefixes: Mapping[str, str], *, data_package: bool) -> None:
        self.site = site
        self.lang = site.lang
        self.prefixes = prefixes  # language -> folder of its pages ("" or "es/")
        self.data_package = data_package  # whether the site holds the data package (DATA_PACKAGE)
        self.state_names = {code: translate(self.lang, STATES[code].name) for code in STATES}

    def full(self, path: str, lang: str | None = None) -> str:
        return self.prefixes[lang or self.lang] + path

    def link(self, source: str, target: str) -> str:
        return relative(self.full(source), self.full(target))

    def nav(self, path: str, current: str | None) -> SiteNav:
        links = (
            (INDEX, translate(self.lang, "Ranking")),
            (COMPARE, translate(self.lang, "Compare")),
            (MAP, translate(self.lang, "Map")),
            (METHODOLOGY, translate(self.lang, "Methodology")),
        )
        return SiteNav(
            home=self.link(path, INDEX),
            links=tuple(
                Link(self.link(path, target), label, current=target == current) for target, label in links
            ),
            alternates=tuple(
                Link(relative(self.full(path), self.full(path, other)), language_name(other), lang=other)
                for other in self.prefixes
                if other != self.lang
            ),
            methodology=self.link(path, METHODOLOGY),
            path=self.full(path),
        )

    def card_links(self, path: str) -> dict[str, str]:
        """Links from `path` to every card (all in one folder: one relative path, then each name)."""
        folder = relative(self.full(path), posixpath.dirname(self.full(card_path("_"))))
        prefix = "" if folder == "." else folder + "/"
        cards = (*self.site.cards, *self.site.baselines)
        return {c.jurisdiction.id: prefix + posixpath.basename(card_path(c.jurisdiction.id)) for c in cards}

    def state_links(self, path: str) -> dict[str, str]:
        return {s.state: self.link(path, state_path(s.state)) for s in self.site.states}

    def pages(self) -> Iterator[tuple[str, str]]:
        """Each page of this language as (path in the site, text), one at a time: a site with baseline
        cards is half a gigabyte of text, written as it is laid out rather than held whole."""
        site = self.site
        states = self.state_links(card_path("_"))  # every card is in the same folder
        for card in (*site.cards, *site.baselines):
            path = card_path(card.jurisdiction.id)
            data = card_data_path(card.jurisdiction.id)
            yield self.full(data), to_json.render(card)
            yield (
                self.full(path),
                to_html.card_page(
                    card,
                    self.nav(path, None),
                    trend=site.trends.get(card.jurisdiction.id),
                    downloads=self.downloads(path, data),
                    state_href=states.get(card.jurisdiction.state),
                ),
            )
        for state in site.states:
            yield self.full(state_path(state.state)), self.state_page(state)
        yield from self.rankings()
        yield self.full(COMPARE), self.compare()
        yield self.full(MAP), self.map()
        yield (
            self.full(METHODOLOGY),
            to_html.methodology_page(
                site.rubric,
                self.nav(METHODOLOGY, METHODOLOGY),
                data_package=relative(self.full(METHODOLOGY), DATA_PACKAGE) if self.data_package else None,
            ),
        )

    def downloads(self, path: str, data: str) -> list[Link]:
        found = [Link(self.link(path, data), translate(self.lang, "This card's data (JSON)"))]
        if self.data_package:
            found.append(
                Link(relative(self.full(path), DATA_PACKAGE), translate(self.lang, "The whole data set"))
            )
        return found

    def rankings(self) -> Iterator[tuple[str, str]]:
        report = self.site.ranking
        columns = html_ranking.ranking_columns(report)
        values = [html_ranking.row_values(report, row) for row in report.rows]
        rows: dict[str, list[Markup]] = {}  # folder -> the rows, rendered once with links from there
        for column in columns:
            for direction in ("asc", "desc"):
                path = ranking_path(column.key, direction)

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
                    links[other.key] = self.link(path, target)
                title = translate(self.lang, "Ranking")
                if path != INDEX:
                    way = (
                        translate(self.lang, "ascending")
                        if direction == "asc"
                        else translate(self.lang, "descending")
                    )
                    title = translate(
                        self.lang, "Ranking by {column}, {direction}", column=column.label, direction=way
                    )
                folder = posixpath.dirname(path)
                if folder not in rows:
                    rows[folder] = html_ranking.ranking_rows(
                        report, card_href=self.card_links(path), state_names=self.state_names
                    )
                yield (
                    self.full(path),
                    html_ranking.ranking_page(
                        report,
                        self.nav(path, INDEX),
                        rows=rows[folder],
                        sort_links=links,
                        sorted_by=(column.key, direction),
                        order=order,
                        extra=self.ranking_intro(path),
                        title=title,
                        state_names=self.state_names,
                    ),
                )

    def ranking_intro(self, path: str) -> Markup:
        _ = to_html.translator(self.lang)
        see = _(
            "See also the {compare}, the {map} and the {methodology}.",
            compare=_anchor(self.link(path, COMPARE), translate(self.lang, "demand-by-demand comparison")),
            map=_anchor(self.link(path, MAP), translate(self.lang, "map of state laws")),
            methodology=_anchor(self.link(path, METHODOLOGY), translate(self.lang, "methodology")),
        )
        data = self.package_line(path)
        return see if data is None else see + Markup(" ") + data

    def package_line(self, path: str) -> Markup | None:
        """A link to the data package, from a page that shows the whole data set (when the site has it)."""
        if not self.data_package:
            return None
        _ = to_html.translator(self.lang)
        return _(
            "Download {data} (how it is organised: {about}).",
            data=Markup('<a href="{}" download>{}</a>').format(
                relative(self.full(path), DATA_PACKAGE), translate(self.lang, "the whole data set")
            ),
            about=_anchor(self.link(path, METHODOLOGY) + "#data", translate(self.lang, "methodology")),
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
            description=translate_count(
                self.lang,
                len(cards),
                "{count} jurisdiction compared demand by demand, with its score, grade and coverage.",
                "{count} jurisdictions compared demand by demand, with their scores, grades and coverage.",
            ),
            nav=self.nav(COMPARE, COMPARE),
            about=site.ranking.rubric,
            r=site.ranking,
            cards=cards,
            tallies=site.tallies,
            card_href=self.card_links(COMPARE),
            state_names=self.state_names,
            package_line=self.package_line(COMPARE),
        )

    def map(self) -> str:
        site = self.site
        found = {s.state: s for s in site.states}
        hrefs = self.state_links(MAP)
        tiles = [
            MapTile(
                code,
                translate(self.lang, STATES[code].name),
                column * TILE,
                row * TILE,
                found.get(code),
                hrefs.get(code),
            )
            for code, (column, row) in TILES
        ]
        return to_html.page(
            "map.html.j2",
            lang=self.lang,
            title=translate(self.lang, "Map of state laws"),
            description=translate(
                self.lang,
                "What each state's law guarantees or forbids on the five demands, with a page per state.",
            ),
            nav=self.nav(MAP, MAP),
            about=site.ranking.rubric,
            tiles=tiles,
            demands=site.ranking.demands,
            states=site.states,
            classes=[translate(self.lang, LAW_CLASS_LABELS[i]) for i in range(len(LAW_CLASS_LABELS))],
            no_file=translate(self.lang, "No state file"),
            width=max(t.x for t in tiles) + TILE - GAP,
            height=max(t.y for t in tiles) + TILE - GAP,
            tile=TILE - GAP,
            state_href=hrefs,
        )

    def state_page(self, state: StateLaws) -> str:
        path = state_path(state.state)
        return to_html.page(
            "state.html.j2",
            lang=self.lang,
            title=translate(self.lang, "{state}: state law", state=state.name),
            description=translate_count(
                self.lang,
                len(state.jurisdictions),
                "{state}: {verdict}. The state's laws on the five demands, when each took effect, "
                "and its {count} researched jurisdiction.",
                "{state}: {verdict}. The state's laws on the five demands, when each took effect, "
                "and its {count} researched jurisdictions.",
                state=state.name,
                verdict=state.class_label,
            ),
            nav=self.nav(path, None),
            about=self.site.ranking.rubric,
            s=state,
            card_href=self.card_links(path),
            map_href=self.link(path, MAP),
            as_of=self.site.ranking.as_of.isoformat(),
        )
