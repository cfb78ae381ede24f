"""`scorecard site --include-baseline`: a card for every county no file covers, marked, and ranked only when asked.

Built from a copy of the fixture data holding one researched county in
Colorado (given Denver County's FIPS code, so that its file replaces that
county's baseline) and Colorado's state file: Colorado's 63 other counties get
baseline cards.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecard.input.counties import all_counties

from .browsing import AXE_TAGS, Visit
from .conftest import VALID, Run, plant
from .test_html import Page

CO_COUNTIES = sorted(c.id for c in all_counties() if c.state == "CO")


def build(run: Run, tmp_path: Path, *flags: str) -> Path:
    data = tmp_path / "data"
    (data / "cities").mkdir(parents=True, exist_ok=True)
    (data / "states").mkdir(exist_ok=True)
    shutil.copy(VALID / "cities" / "mountain-town.yaml", data / "cities")
    shutil.copy(VALID / "states" / "co.yaml", data / "states")
    plant(data / "cities" / "mountain-town.yaml", 'fips: "08999"', 'fips: "08031"')  # Denver County's
    out = tmp_path / ("with" if flags else "without")
    result = run("site", out, "--data-dir", data, "--as-of=2026-11-27", *flags)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture
def site(run: Run, tmp_path: Path) -> Path:
    return build(run, tmp_path, "--include-baseline")


def test_each_county_no_file_covers_gets_a_marked_card(site: Path) -> None:
    cards = sorted(p.stem for p in (site / "jurisdictions").glob("*.html"))
    assert len(CO_COUNTIES) == 64
    assert "denver-county-co" not in cards  # its FIPS code has a researched file: no baseline
    assert cards == sorted([*(c for c in CO_COUNTIES if c != "denver-county-co"), "mountain-town"])
    html = (site / "jurisdictions" / "adams-county-co.html").read_text(encoding="utf-8")
    page = Page(html)
    head = page.plain[: page.plain.index("Demands")]
    assert "Adams County, CO: report card" in head
    assert "not researched locally" in head  # marked above the fold, beside the FIPS code
    assert "Baseline card, not researched locally: statuses come from Colorado state law alone" in head
    assert "scorecard new adams-county-co --state CO --kind county --fips 08001 --name 'Adams County'" in head
    description = next(str(a["content"]) for a in page.all("meta") if a.get("name") == "description")
    assert "not researched locally" in description
    data = json.loads((site / "jurisdictions" / "adams-county-co.json").read_text(encoding="utf-8"))
    assert data["jurisdiction"]["researched"] is False
    assert data["jurisdiction"]["fips"] == "08001"
    spanish = Page((site / "es" / "jurisdictions" / "adams-county-co.html").read_text(encoding="utf-8"))
    assert "sin investigación local" in spanish.plain
    researched = Page((site / "jurisdictions" / "mountain-town.html").read_text(encoding="utf-8")).plain
    assert "not researched locally" not in researched


def test_the_ranking_and_the_state_page_list_them_marked(site: Path) -> None:
    ranking = Page((site / "index.html").read_text(encoding="utf-8"))
    rows = [a for tag, a in ranking.tags if tag == "tr" and a.get("data-order") is not None]
    assert len(rows) == 64
    marks = [a for tag, a in ranking.tags if tag == "span" and "baseline-mark" in str(a.get("class"))]
    assert len(marks) == 63
    assert "63 of them are counties with no researched file" in ranking.plain
    assert "jurisdictions/adams-county-co.html" in ranking.links
    state = Page((site / "states" / "co.html").read_text(encoding="utf-8"))
    assert "Counties not researched locally" in state.plain
    baseline_links = [h for h in state.links if h.startswith("../jurisdictions/") and "mountain" not in h]
    assert len(baseline_links) == 63
    for href in baseline_links:
        assert (site / "states" / href).resolve().is_file()
    compare = Page((site / "compare.html").read_text(encoding="utf-8")).plain
    assert "Adams County" not in compare  # the comparison stays with the researched files


def test_without_the_option_the_site_has_only_researched_files(run: Run, tmp_path: Path) -> None:
    site = build(run, tmp_path)
    assert sorted(p.stem for p in (site / "jurisdictions").glob("*.html")) == ["mountain-town"]
    ranking = Page((site / "index.html").read_text(encoding="utf-8"))
    assert "not researched locally" not in ranking.plain
    assert "Counties not researched locally" not in (site / "states" / "co.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["jurisdictions/adams-county-co.html", "index.html", "es/states/co.html"])
def test_baseline_pages_pass_axe_and_fit_a_phone(
    open_page: Callable[..., Visit], site: Path, path: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    visit = open_page((site / path).as_uri())
    visit.clean()
    result = Axe().run(visit.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert result.violations_count == 0, result.generate_report()
    phone = open_page((site / path).as_uri(), width=320).page
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
