"""The site's newer pages and page parts: the state-law map, state pages, sharing tags, titles, downloads, trends.

Built from the fixture data (tests/data/valid), once for the session (`files` in conftest.py).
"""

from __future__ import annotations

import itertools
import json
import re

import pytest

from scorecard.render.to_html import MAP_TONES
from scorecard.site import build as site_module
from scorecard.site import pages as pages_module
from scorecard.site.aggregate import LAW_CLASS_LABELS

from .conftest import VALID, fixture_site
from .test_html import Page

CITIES = sorted(p.stem for p in (VALID / "cities").glob("*.yaml"))


def test_the_map_shows_each_states_law_in_one_tile_map(files: dict[str, str]) -> None:
    page = Page(files["map.html"])
    maps = [str(a.get("class")) for a in page.all("svg")]
    assert maps.count("tilemap") == 1  # one map of the whole law: the best and average maps are gone
    assert maps.count("smallmap") == 5  # and a small multiple per demand
    assert files["map.html"].count("<rect ") == len(pages_module.TILES) * 6
    links = [str(a["href"]) for a in page.all("a") if str(a.get("href", "")).startswith("states/")]
    assert sorted(set(links)) == ["states/co.html", "states/il.html", "states/tx.html"]
    for label in (
        "Illinois: Guarantees protection",
        "Texas: Forbids protection",
        "Colorado: No binding state law",
    ):
        assert label in files["map.html"]  # every tile carries its words, not only a colour
    assert "Wyoming: No state file" in files["map.html"]
    assert "Mapa de las leyes estatales" in Page(files["es/map.html"]).plain


def test_the_map_palette_stays_ordered_under_colour_vision_deficiencies() -> None:
    """Machado et al. (2009) dichromacy matrices: neighbouring classes stay apart in lightness."""
    machado = {
        "none": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
        "protanopia": (
            (0.152286, 1.052583, -0.204868),
            (0.114503, 0.786281, 0.099216),
            (-0.003882, -0.048116, 1.051998),
        ),
        "deuteranopia": (
            (0.367322, 0.860646, -0.227968),
            (0.280085, 0.672501, 0.047413),
            (-0.011820, 0.042940, 0.968881),
        ),
        "tritanopia": (
            (1.255528, -0.076749, -0.178779),
            (-0.078411, 0.930809, 0.147602),
            (0.004733, 0.691367, 0.303900),
        ),
    }

    def linear(hex_colour: str) -> list[float]:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]

    def luminance(rgb: list[float]) -> float:
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]

    backgrounds = [background for background, _ in MAP_TONES.values()]
    assert len(backgrounds) == len(LAW_CLASS_LABELS)
    for name, matrix in machado.items():
        seen = [
            luminance(
                [
                    max(0.0, min(1.0, sum(m * c for m, c in zip(row, linear(b), strict=True))))
                    for row in matrix
                ]
            )
            for b in backgrounds
        ]
        assert seen == sorted(seen), name  # ordered: each class lighter than the one before
        for darker, lighter in itertools.pairwise(seen):
            assert (lighter + 0.05) / (darker + 0.05) >= 1.4, name  # neighbours told apart
    for background, foreground in MAP_TONES.values():
        ratio = (max(luminance(linear(background)), luminance(linear(foreground))) + 0.05) / (
            min(luminance(linear(background)), luminance(linear(foreground))) + 0.05
        )
        assert ratio >= 4.5  # the tile's text label is readable


def test_a_state_page_lists_its_laws_with_dates_effects_sources_and_jurisdictions(
    files: dict[str, str],
) -> None:
    page = Page(files["states/tx.html"])
    for text in (
        "Texas: state law",
        "Forbids protection",
        "Fixture SB 4 (2017)",
        "from 2017-09-01",
        "enacted 2017-05-07",
        "repealed 2030-01-01",
        "No ICE holds: a ceiling at Not met",
        "no city or county may do better than Not met",
        "Lone Star City",
    ):
        assert text in page.plain, text
    assert "https://example.org/tx/sb4" in page.links
    assert "../jurisdictions/lone-star-city.html" in page.links
    empty = Page(files["states/co.html"]).plain
    assert "No state law in force sets a floor or a ceiling on the five demands." in empty
    assert "Mountain Town County" in empty
    assert "Ley estatal en IL" in Page(files["es/jurisdictions/prairie-city.html"]).plain


def test_every_page_has_a_description_and_sharing_tags(files: dict[str, str]) -> None:
    for name, html in files.items():
        if not name.endswith(".html"):
            continue
        metas = {
            str(a.get("name") or a.get("property")): str(a.get("content")) for a in Page(html).all("meta")
        }
        for key in ("description", "og:title", "og:description"):
            assert metas.get(key, "").strip(), (name, key)
    card = Page(files["jurisdictions/prairie-city.html"])
    description = next(str(a["content"]) for a in card.all("meta") if a.get("name") == "description")
    assert description.startswith("Prairie City, IL: grade ")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("jurisdictions/prairie-city.html", "grade C, score 70/100"),  # settled: one score
        ("jurisdictions/lone-star-city.html", "grade F (provisional), score 10–40/100"),
        ("es/jurisdictions/lone-star-city.html", "calificación F (provisional), puntaje 10–40/100"),
    ],
)
def test_a_cards_description_gives_its_score_range_and_provisional_mark(
    files: dict[str, str], path: str, words: str
) -> None:
    metas = Page(files[path]).all("meta")
    found = {str(a.get("name") or a.get("property")): str(a.get("content")) for a in metas}
    assert words in found["description"]
    assert found["og:description"] == found["description"]


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html)
    assert found
    return found.group(1)


def test_each_sorted_ranking_has_its_own_title(files: dict[str, str]) -> None:
    for prefix in ("", "es/"):
        titles = [
            title_of(html)
            for name, html in files.items()
            if name.startswith(prefix + "ranking/") or name == prefix + "index.html"
        ]
        assert len(titles) == 22  # the index and 21 sorted views
        assert len(set(titles)) == len(titles)
    assert title_of(files["ranking/score-desc.html"]) == "Ranking by Score, descending"


def test_each_card_links_its_json_written_next_to_it(files: dict[str, str]) -> None:
    for city in CITIES:
        data = json.loads(files[f"jurisdictions/{city}.json"])
        assert data["jurisdiction"]["id"] == city
        assert f"{city}.json" in Page(files[f"jurisdictions/{city}.html"]).links
    assert json.loads(files["es/jurisdictions/prairie-city.json"])["lang"] == "es"


def test_the_data_package_is_linked_only_when_the_site_has_it(
    files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "data/datapackage.json" in files
    assert "../data/datapackage.json" in Page(files["jurisdictions/prairie-city.html"]).links
    assert "../../data/datapackage.json" in Page(files["es/jurisdictions/prairie-city.html"]).links
    assert "data/datapackage.json" in Page(files["methodology.html"]).links
    for page, href in (  # the pages that show the whole data set link it too
        ("index.html", "data/datapackage.json"),
        ("ranking/score-desc.html", "../data/datapackage.json"),
        ("compare.html", "data/datapackage.json"),
        ("es/compare.html", "../data/datapackage.json"),
    ):
        assert href in Page(files[page]).links, page
    monkeypatch.setattr(site_module, "data_package", lambda _paths, **_options: {})
    without = fixture_site()
    for page in ("jurisdictions/prairie-city.html", "index.html", "compare.html"):
        assert not any("datapackage.json" in link for link in Page(without[page]).links), page


def test_a_card_with_a_history_shows_its_trend_as_a_chart_and_a_table(files: dict[str, str]) -> None:
    html = files["jurisdictions/prairie-city.html"]
    chart = html.split('<figure class="trend">')[1].split("</figure>")[0]
    table = html.split('<div class="scroll trend-table">')[1].split("</table>")[0]
    points = chart.count("<circle ")
    assert points >= 2
    assert table.count("<tr>") == points + 1  # a row per point, and the header
    assert "2015-06-01" in table  # the date the ordinance changed the score
    assert '<figure class="trend">' not in files["jurisdictions/mountain-town.html"]  # no history: no chart
