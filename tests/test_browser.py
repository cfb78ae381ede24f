"""The generated site in a real browser (Debian's chromium through playwright): it loads, it is accessible, it works.

Every page loads offline with no error and no request leaving it; axe-core
finds no WCAG 2.1 AA violation on any page type in either language; the
ranking sorts and filters; the map's tiles lead to the state pages; a card
shows its trend and links its data. The site is built from the fixture data
(tests/data/valid); the fixtures are in conftest.py, the helpers in
browsing.py. Layout and print are checked in test_layout.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from .browsing import LANGS, PAGE_TYPES, Visit, url
from .conftest import VALID, Run

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_every_page_loads_offline_with_no_errors(open_page: Callable[..., Visit], site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        visit = open_page(path.as_uri())
        visit.clean()
        assert visit.requested == [path.as_uri()]
        lang = "es" if path.relative_to(site).parts[0] == "es" else "en"
        assert visit.page.evaluate("document.documentElement.lang") == lang
        assert visit.page.title()
        visit.page.context.close()


def test_a_standalone_report_card_opens_offline(
    open_page: Callable[..., Visit], run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "prairie-city.html"
    result = run(
        "assess", "prairie-city", "-f", "html", "-o", target, "--data-dir", VALID, "--as-of", "2026-11-27"
    )
    assert result.exit_code == 0, result.stderr
    visit = open_page(target.as_uri())
    visit.clean()
    assert visit.requested == [target.as_uri()]
    assert visit.page.text_content(".grade-letter") == "C"
    text = visit.page.inner_text("body")
    for words in ("Prairie City, IL: report card", "Next steps", "Data freshness", "✔ Met"):
        assert words in text
    shot = visit.page.screenshot(path=str(tmp_path / "card.png"), full_page=True)
    assert shot.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("lang", LANGS, ids=["en", "es"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_wcag_2_1_aa_violation(
    open_page: Callable[..., Visit], site: Path, kind: str, lang: str
) -> None:
    visit = open_page(url(site, lang + PAGE_TYPES[kind]))
    result = Axe().run(visit.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert result.violations_count == 0, result.generate_report()


def test_the_search_box_filters_the_ranking(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, "index.html")).page
    shown = "[...document.querySelectorAll('tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].innerText)"
    everyone = page.evaluate(shown)
    assert len(everyone) == 3
    box = page.get_by_label("Find a jurisdiction by name or state")
    assert box.is_visible()
    box.fill("prairie")
    assert page.evaluate(shown) == ["Prairie City"]
    box.fill("tx")
    assert page.evaluate(shown) == ["Lone Star City"]
    box.fill("Illinois")
    assert page.evaluate(shown) == ["Prairie City"]
    assert "1 of 3" in page.inner_text("#filter-status")
    box.fill("")
    assert page.evaluate(shown) == everyone


def test_without_javascript_the_search_box_is_hidden_and_sorted_pages_remain(
    open_page: Callable[..., Visit], site: Path
) -> None:
    visit = open_page(url(site, "index.html"), script=False)
    visit.clean()
    page = visit.page
    assert not page.is_visible("#filter")
    href = page.get_attribute("thead th[data-label='Score'] a", "href")
    assert href == "ranking/score-desc.html"
    page.goto(url(site, "ranking/" + href.rpartition("/")[2]))
    scores = "[...document.querySelectorAll('tbody tr')].map(r => +r.querySelector('[data-v]').parentNode.cells[3].dataset.v)"
    values = page.evaluate(scores)
    assert values == sorted(values, reverse=True)
    reverse = page.get_attribute("thead th[aria-sort] a", "href")
    assert reverse == "score-asc.html"


def test_the_ranking_sorts_in_place_with_javascript(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, "index.html")).page
    names = "[...document.querySelectorAll('tbody th')].map(th => th.textContent.trim())"
    by_rank = page.evaluate(names)
    page.click("thead th[data-label='Jurisdiction'] a")
    by_name = page.evaluate(names)
    assert by_name == sorted(by_rank, key=str.casefold)
    assert by_name != by_rank
    assert page.url == url(site, "index.html")  # sorted in place: no navigation
    page.click("thead th[aria-sort] a")
    assert page.evaluate(names) == list(reversed(by_name))


def test_map_tiles_link_to_state_pages_and_become_a_list_on_phones(
    open_page: Callable[..., Visit], site: Path
) -> None:
    page = open_page(url(site, "map.html")).page
    assert page.locator("svg.tilemap").count() == 1  # one map, not a best and an average
    heights = page.eval_on_selector_all(
        "svg.tilemap text", "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(heights) >= 12  # labels readable, not 6 px
    hrefs = page.eval_on_selector_all("svg.tilemap a", "links => links.map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == ["states/co.html", "states/il.html", "states/tx.html"]
    for href in hrefs:
        assert (site / href).is_file()
    page.click("svg.tilemap a[href='states/tx.html']")
    assert page.url == url(site, "states/tx.html")
    assert "Texas" in page.inner_text("h1")
    assert "Forbids protection" in page.inner_text("main")
    phone = open_page(url(site, "es/map.html"), width=390).page
    assert not phone.is_visible("svg.tilemap")
    assert not phone.is_visible("svg.smallmap")
    assert phone.locator(".state-list a").count() == 3
    assert phone.is_visible(".state-list a[href='states/il.html']")


def test_the_card_shows_its_trend_with_a_table(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, PAGE_TYPES["card"])).page
    assert page.is_visible("figure.trend svg")
    assert page.locator("figure.trend circle").count() == page.locator(".trend-table tbody tr").count() >= 2


def test_the_card_links_its_data(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, PAGE_TYPES["card"])).page
    href = page.get_attribute("#downloads + ul a", "href")
    assert href == "prairie-city.json"
    data = json.loads((site / "jurisdictions" / href).read_text(encoding="utf-8"))
    assert data["jurisdiction"]["id"] == "prairie-city"
    assert page.locator("a[href$='data/index.html']").count() == 0  # no data package in this site


def test_the_map_has_a_small_multiple_per_demand(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, "map.html")).page
    maps = page.locator("svg.smallmap")
    assert maps.count() == 5  # one per demand
    assert page.locator(".small-multiples figcaption").all_inner_texts()[0] == "No ICE holds"
    heights = page.eval_on_selector_all(
        "svg.smallmap text", "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(heights) >= 12  # every tile keeps a readable label
    # Texas forbids on holds (class 5) and has no law on the legal defense fund (class 3)
    holds = page.locator("svg.smallmap").nth(0).locator("g", has_text="TX")
    fund = page.locator("svg.smallmap").nth(4).locator("g", has_text="TX")
    assert holds.get_attribute("class") == "c4"
    assert fund.get_attribute("class") == "c2"
