"""The generated site in a real browser: Debian's Chromium, driven by playwright for Python.

playwright is pointed at the system browser (`executable_path`); it never
downloads one (CI sets PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 and never runs
`playwright install`). Without `chromium` this module fails on CI (CI=true)
and is skipped elsewhere. The site is built from the fixture data
(tests/data/valid); screenshots and PDFs go to pytest's temporary folder.

Each layout problem of issue #17 has a check here: sideways scrolling at
320, 390 and 1280 px, key columns hidden at 1280 px, screen-reader spans
outside the scroll box, text columns too narrow, the card's tables on a
phone, the grade box's place, the map (links, a list on phones), print
(text size, clipping, URLs, the footer, two pages at most), search.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

from scorecard.site.write import write_site

from .conftest import VALID, Run
from .test_site import fixture_site

WIDTHS = (320, 390, 1280)
LANGS = ("", "es/")
# One page of each type; the state page and card are those with the most to show in the fixture.
PAGE_TYPES = {
    "ranking": "index.html",
    "sorted-ranking": "ranking/score-desc.html",
    "compare": "compare.html",
    "map": "map.html",
    "methodology": "methodology.html",
    "card": "jurisdictions/prairie-city.html",
    "card-ceiling": "jurisdictions/lone-star-city.html",
    "state": "states/il.html",
    "state-without-laws": "states/co.html",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium() -> str:
    """The system browser; on CI its absence is a failure, elsewhere a skip."""
    found = shutil.which("chromium")
    if found:
        return found
    message = (
        "chromium is not installed (CI installs Debian's `chromium` package: apt-get install -y chromium)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium()
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=["--disable-gpu"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    files = fixture_site()
    write_site(out, files, force=False)
    return out


class Visit:
    """A page opened in a fresh context, with what went wrong while it loaded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        page.on("console", lambda m: self.console.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.console.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("request", lambda r: self.requested.append(r.url))

    def clean(self) -> None:
        assert self.console == [], self.page.url
        assert self.failed == [], self.page.url
        assert [u for u in self.requested if not u.startswith(("file://", "data:"))] == [], self.page.url


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Visit]]:
    contexts: list[Any] = []

    def opener(url: str, *, width: int = 1280, script: bool = True) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=script)
        contexts.append(context)
        visit = Visit(context.new_page())
        visit.page.goto(url, wait_until="load")
        return visit

    yield opener
    for context in contexts:
        context.close()


def url(site: Path, path: str) -> str:
    return (site / path).as_uri()


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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS, ids=["en", "es"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_page_scrolls_sideways(
    open_page: Callable[..., Visit], site: Path, kind: str, lang: str, width: int
) -> None:
    page = open_page(url(site, lang + PAGE_TYPES[kind]), width=width).page
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# Every visible cell or caption whose text is longer than 12 characters is at least about 12 characters wide.
NARROW_CELLS = """() => {
  const probe = document.createElement('span');
  probe.textContent = 'nnnnnnnnnnnn';
  const found = [];
  for (const cell of document.querySelectorAll('main th, main td, main caption')) {
    const text = cell.innerText.trim();
    if (text.length <= 12 || cell.closest('.sr-only') || !cell.offsetParent) continue;
    if (cell.closest('thead') && getComputedStyle(cell.closest('thead')).position === 'absolute') continue;
    cell.appendChild(probe);
    const twelve = probe.getBoundingClientRect().width;
    probe.remove();
    if (cell.clientWidth < 0.9 * twelve) found.push(text.slice(0, 30) + ' ' + cell.clientWidth);
  }
  return found;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS, ids=["en", "es"])
@pytest.mark.parametrize("kind", ["ranking", "compare", "card", "methodology"])
def test_no_text_column_is_narrower_than_twelve_characters(
    open_page: Callable[..., Visit], site: Path, kind: str, lang: str, width: int
) -> None:
    page = open_page(url(site, lang + PAGE_TYPES[kind]), width=width).page
    assert page.evaluate(NARROW_CELLS) == []


def visible_in_box(page: Page, selector: str) -> list[bool]:
    """Whether each match is inside its scroll box's visible part and inside the viewport."""
    found: list[bool] = page.eval_on_selector_all(
        selector,
        """cells => cells.map(cell => {
          const r = cell.getBoundingClientRect();
          const box = (cell.closest('.scroll') || document.documentElement).getBoundingClientRect();
          return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.right <= innerWidth;
        })""",
    )
    return found


@pytest.mark.parametrize("lang", LANGS, ids=["en", "es"])
@pytest.mark.parametrize("kind", ["ranking", "compare"])
def test_score_grade_and_coverage_show_without_scrolling_at_1280(
    open_page: Callable[..., Visit], site: Path, kind: str, lang: str
) -> None:
    page = open_page(url(site, lang + PAGE_TYPES[kind]), width=1280).page
    table = "table[data-sortable]" if kind == "ranking" else "#matrix + p + .scroll table"
    headers = page.eval_on_selector_all(f"{table} thead th", "ths => ths.map(th => th.innerText.trim())")
    words = (
        ("Jurisdiction", "Score", "Grade", "Coverage")
        if not lang
        else ("Jurisdicción", "Puntaje", "Calificación", "Cobertura")
    )
    for word in words:
        assert word in headers
        index = headers.index(word) + 1
        assert all(visible_in_box(page, f"{table} thead th:nth-child({index})")), word
        assert all(visible_in_box(page, f"{table} tbody tr > :nth-child({index})")), word


@pytest.mark.parametrize("kind", ["ranking", "compare"])
def test_wide_tables_keep_their_first_column_in_view(
    open_page: Callable[..., Visit], site: Path, kind: str
) -> None:
    page = open_page(url(site, "es/" + PAGE_TYPES[kind]), width=390).page
    scrolled = page.evaluate(
        """() => [...document.querySelectorAll('.scroll')].filter(b => b.scrollWidth > b.clientWidth).map(b => {
          b.scrollLeft = b.scrollWidth;
          const first = b.querySelector('tbody tr > :first-child').getBoundingClientRect();
          return Math.abs(first.left - b.getBoundingClientRect().left) <= 1;
        })"""
    )
    assert scrolled
    assert all(scrolled)


def test_screen_reader_text_stays_inside_the_scroll_box(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, "es/" + PAGE_TYPES["compare"]), width=390).page
    assert page.eval_on_selector_all(".scroll .sr-only", "s => s.length") > 0
    outside = page.eval_on_selector_all(
        ".scroll .sr-only",
        """spans => spans.filter(s => {
          const scroller = s.closest('.scroll');
          const r = s.getBoundingClientRect(), box = scroller.getBoundingClientRect();
          // placed by the scroll box, not by the page (where they would widen the page)
          return !scroller.contains(s.offsetParent) || r.left < box.left - 1 || r.right > box.right + 1;
        }).length""",
    )
    assert outside == 0


@pytest.mark.parametrize("lang", LANGS, ids=["en", "es"])
def test_the_cards_tables_are_readable_on_a_phone(
    open_page: Callable[..., Visit], site: Path, lang: str
) -> None:
    page = open_page(url(site, lang + PAGE_TYPES["card"]), width=390).page
    for table in ("#demands + .scroll table", "#next-steps + .scroll table"):
        cells = page.eval_on_selector_all(
            f"{table} tbody td",
            "cells => cells.map(c => { const r = c.getBoundingClientRect(); "
            "return [r.width, r.left >= 0 && r.right <= innerWidth]; })",
        )
        assert cells
        assert all(inside for _, inside in cells), table  # the local and state columns too
    criteria = page.eval_on_selector_all(
        "#next-steps + .scroll td.wide-text", "c => c.map(x => x.clientWidth)"
    )
    assert criteria
    assert min(criteria) >= 250  # "what meeting it takes": a full line, not one or two letters


def test_the_grade_box_follows_the_h1(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, PAGE_TYPES["card"])).page
    following = page.evaluate(
        "document.querySelector('h1').compareDocumentPosition(document.querySelector('.grade')) & "
        "Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert following


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


PRINT_FACTS = """() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const body = [...document.querySelectorAll('main p, main li, main td, main dd')].filter(e => e.offsetParent);
  const sources = [...document.querySelectorAll('.sources li')];
  return {
    smallest: Math.min(...body.map(px)),
    urls: [...document.querySelectorAll('.sources a[href^="http"]')].map(a => getComputedStyle(a, '::after').content),
    url_size: Math.min(...[...document.querySelectorAll('.sources a')].map(px)),
    clipped: sources.filter(li => {
      const r = li.getBoundingClientRect(), box = li.closest('ul').getBoundingClientRect();
      return r.left < box.left - 0.5 || getComputedStyle(li.closest('ul')).listStylePosition !== 'inside';
    }).length,
    footer: document.querySelector('.print-footer') ? document.querySelector('.print-footer').innerText : '',
    footer_shown: !!(document.querySelector('.print-footer') || {}).offsetParent,
  };
}"""


@pytest.mark.parametrize("card", ["prairie-city", "lone-star-city", "es/prairie-city", "es/mountain-town"])
def test_a_printed_card_is_readable_and_at_most_two_pages(
    open_page: Callable[..., Visit], site: Path, card: str, tmp_path: Path
) -> None:
    lang, _, name = card.rpartition("/")
    path = f"{lang}/jurisdictions/{name}.html" if lang else f"jurisdictions/{name}.html"
    page = open_page(url(site, path)).page
    page.emulate_media(media="print")
    facts = page.evaluate(PRINT_FACTS)
    assert facts["smallest"] >= 10 * 96 / 72 - 0.01  # 10 pt
    assert facts["url_size"] >= 10 * 96 / 72 - 0.01
    assert facts["urls"]
    assert all("https://" in u for u in facts["urls"])  # sources and laws print their address
    assert facts["clipped"] == 0
    assert facts["footer_shown"]
    assert path in facts["footer"]
    assert "2026-12-02" in facts["footer"]  # data as of
    assert any(ch.isdigit() for ch in facts["footer"].rpartition(".")[0])
    pdf = page.pdf(format="Letter")
    (tmp_path / "card.pdf").write_bytes(pdf)
    assert 1 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 2
