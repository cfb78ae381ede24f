"""The site's layout in a real browser (Debian's chromium through playwright), one check per problem of issue #17.

Sideways scrolling at 320, 390 and 1280 px; score, grade and coverage hidden
at 1280 px; the first column lost when a table scrolls; screen-reader text
placed outside the scroll box; text columns a few letters wide; the card's
tables on a phone; the grade box before the h1; print (text under 10 pt,
clipped bullets, URLs not printed, no footer, more than two pages). Built
from the fixture data (tests/data/valid); PDFs go to pytest's temporary folder.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from .browsing import LANGS, PAGE_TYPES, WIDTHS, Visit, url
from .conftest import DATA_TODAY


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
    const text = [...cell.childNodes].filter(n => !(n.classList && n.classList.contains('sr-only')))
      .map(n => n.textContent).join('').trim();
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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["ranking", "compare", "card", "methodology"])
def test_captions_are_not_cut_by_the_scroll_box(
    open_page: Callable[..., Visit], site: Path, kind: str, width: int
) -> None:
    page = open_page(url(site, "es/" + PAGE_TYPES[kind]), width=width).page
    cut = page.eval_on_selector_all(
        ".scroll caption",
        """cs => cs.filter(c => c.offsetParent && c.getBoundingClientRect().right >
          c.closest('.scroll').getBoundingClientRect().right + 1).map(c => c.innerText)""",
    )
    assert cut == []


def test_the_grade_box_follows_the_h1(open_page: Callable[..., Visit], site: Path) -> None:
    page = open_page(url(site, PAGE_TYPES["card"])).page
    following = page.evaluate(
        "document.querySelector('h1').compareDocumentPosition(document.querySelector('.grade')) & "
        "Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert following


@pytest.mark.parametrize("width", [390, 1280])
def test_the_first_screen_tells_the_story(open_page: Callable[..., Visit], site: Path, width: int) -> None:
    """Verdict, grade and its scale, score range, the next step's grade, pending suits: all in the card's head."""
    page = open_page(url(site, PAGE_TYPES["card"]), width=width).page
    head = page.inner_text(".card-head")
    for words in (
        "Prairie City meets",
        "Grades: A ≥ 90",
        "Next step:",
        "points → grade",
        "Pending litigation:",
    ):
        assert words in head, words
    assert page.locator(".card-head a[href^='#case-']").count() >= 1
    for link in page.eval_on_selector_all(".card-head a[href^='#case-']", "as => as.map(a => a.hash)"):
        assert page.locator(link).count() == 1  # each pending suit links to its entry below
    if width == 1280:  # in view without scrolling
        bottom = page.evaluate("document.querySelector('.card-head').getBoundingClientRect().bottom")
        assert bottom <= 900


PRINT_FACTS = """() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const shown = el => !!el.offsetParent;
  const body = [...document.querySelectorAll('main p, main li, main td, main dd')].filter(shown);
  const sources = [...document.querySelectorAll('.sources li')].filter(shown);
  const links = [...document.querySelectorAll('.sources a[href^="http"]')].filter(shown);
  return {
    smallest: Math.min(...body.map(px)),
    urls: links.map(a => getComputedStyle(a, '::after').content),
    hrefs: links.map(a => a.href),
    cited: [...document.querySelectorAll('main a[href^="http"]')].map(a => a.href),
    refs: [...document.querySelectorAll('.refs')].filter(shown).map(r => r.innerText.trim()),
    url_size: Math.min(...links.map(px)),
    clipped: sources.filter(li => {
      const r = li.getBoundingClientRect(), box = li.closest('ul, ol').getBoundingClientRect();
      return r.left < box.left - 0.5 || r.right > box.right + 0.5
        || getComputedStyle(li.closest('ul, ol')).listStylePosition !== 'inside';
    }).length,
    footer: document.querySelector('.print-footer') ? document.querySelector('.print-footer').innerText : '',
    footer_shown: !!(document.querySelector('.print-footer') || {}).offsetParent,
  };
}"""


def printed_pages(page: Page, path: str, as_of: str, pdf: Path) -> int:
    """Check a card as printed (10 pt text, every address once, nothing clipped, a footer); its page count."""
    page.emulate_media(media="print")
    facts = page.evaluate(PRINT_FACTS)
    assert facts["smallest"] >= 10 * 96 / 72 - 0.01  # 10 pt
    assert facts["url_size"] >= 10 * 96 / 72 - 0.01
    assert facts["urls"]
    assert all("https://" in u for u in facts["urls"])  # sources and laws print their address
    assert len(facts["hrefs"]) == len(set(facts["hrefs"]))  # each address once, cited by number
    assert set(facts["hrefs"]) >= {h for h in facts["cited"] if "/jurisdictions/" not in h}
    assert facts["refs"]
    assert all(r.startswith("[") and r.endswith("]") for r in facts["refs"])
    assert facts["clipped"] == 0
    assert facts["footer_shown"]
    assert path in facts["footer"]
    assert as_of in facts["footer"]  # data as of
    assert any(ch.isdigit() for ch in facts["footer"].rpartition(".")[0])
    printed = page.pdf(format="Letter")
    pdf.write_bytes(printed)
    return len(PdfReader(io.BytesIO(printed)).pages)


@pytest.mark.parametrize("card", ["prairie-city", "lone-star-city", "es/prairie-city", "es/mountain-town"])
def test_a_printed_card_is_readable_and_at_most_two_pages(
    open_page: Callable[..., Visit], site: Path, card: str, tmp_path: Path
) -> None:
    lang, _, name = card.rpartition("/")
    path = f"{lang}/jurisdictions/{name}.html" if lang else f"jurisdictions/{name}.html"
    page = open_page(url(site, path)).page
    assert 1 <= printed_pages(page, path, "2026-12-02", tmp_path / "card.pdf") <= 2


@pytest.mark.parametrize("lang", LANGS, ids=["en", "es"])
def test_the_longest_card_prints_on_two_pages(
    open_page: Callable[..., Visit], longest_site: Path, lang: str, tmp_path: Path
) -> None:
    """tests/data/longest holds the shipped card with the most to print (see its README)."""
    path = f"{lang}jurisdictions/indianapolis.html"
    page = open_page(url(longest_site, path)).page
    assert page.locator(".cases .case").count() >= 3  # its litigation, at length
    assert printed_pages(page, path, DATA_TODAY.isoformat(), tmp_path / "card.pdf") == 2
