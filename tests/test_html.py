"""HTML output: a self-contained, accessible report card whose data is always text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorecard.render import to_html
from scorecard.render.to_html import TONES, safe_href
from scorecard.report import AssessReport

from .conftest import SAMPLE, VALID, Run, plant

AS_OF = "--as-of=2026-02-01"


class Page(HTMLParser):
    """The parts of a page the tests look at: text, links, tags, attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def urls_in(report: dict[str, object]) -> set[str]:
    """Every source URL in an assess JSON report (demands, practice, laws)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "url" in value and "title" in value:
                found.add(str(value["url"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(report)
    return found


def test_denver_card_has_grade_statuses_and_every_source_as_a_link(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "denver.html"
    args = ("assess", "denver", "--data-dir", SAMPLE, "--as-of", "2026-11-27")
    result = run(*args, "-f", "html", "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    html = target.read_text(encoding="utf-8")
    report = json.loads(run(*args, "-f", "json").stdout)
    page = Page(html)
    assert page.all("html") == [{"lang": "en"}]
    assert f"Grade {report['grade']}" in page.plain
    assert f"{report['score']:g} / 100" in page.plain
    for demand in report["demands"]:
        assert f"{demand['title']} " in page.plain
        assert re.search(rf"[✔◐✘?] {re.escape(demand['status_label'])}", page.plain)
    urls = urls_in(report)
    assert len(urls) >= 10
    assert urls <= set(page.links), urls - set(page.links)
    for text in ("Next steps", "Data freshness", "Data last reviewed 2026-12-02", "raised to Met by"):
        assert text in page.plain
    assert "not a finding" in page.plain
    assert "Webinar Recap of From Sanctuary to Freedom" in page.plain  # the rubric's origin


def test_card_loads_nothing_from_the_network(run: Run) -> None:
    html = run("assess", "denver", "--data-dir", SAMPLE, "-f", "html").stdout
    page = Page(html)
    assert not page.all("script")
    assert not page.all("img")
    assert not page.all("iframe")
    assert [attrs.get("href") for attrs in page.all("link")] == ["data:,"]
    assert not re.search(r"""(src|srcset|action)\s*=""", html)
    assert "@import" not in html
    assert not re.search(r"url\(", html)
    csp = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "@media print" in html


def test_card_is_accessible(run: Run) -> None:
    page = Page(run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "html").stdout)
    tables = [i for i, (tag, _) in enumerate(page.tags) if tag == "table"]
    assert len(tables) == 2
    head_cells = page.all("th")
    assert all(cell.get("scope") in ("col", "row") for cell in head_cells)
    assert len(page.all("caption")) == 2
    badges = [attrs for attrs in page.all("span") if "badge" in str(attrs.get("class"))]
    assert badges
    symbols = [attrs for attrs in page.all("span") if attrs.get("class") == "sym"]
    assert len(symbols) == len(badges)
    assert all(s.get("aria-hidden") == "true" for s in symbols)  # the word carries the status
    assert "✔ Met" in page.plain
    assert "✘ Not met" in page.plain
    assert "◐ Partial" in page.plain
    assert next(a.get("href") for a in page.all("a")) == "#main"
    assert page.all("main") == [{"id": "main"}]


def contrast(background: str, foreground: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(background), luminance(foreground)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colors_have_enough_contrast() -> None:
    for name, (background, foreground) in TONES.items():
        assert contrast(background, foreground) >= 4.5, name
    css = to_html.stylesheet()
    text_colors = dict(re.findall(r"--(ink|muted|link):(#[0-9a-f]{6})", css))
    assert set(text_colors) == {"ink", "muted", "link"}
    for color in text_colors.values():
        assert contrast("#ffffff", color) >= 4.5
        assert contrast("#f4f6f8", color) >= 4.5  # table headers and tinted boxes


HOSTILE_NAME = "<script>alert(1)</script> {{ 7*7 }} {% raw %} \u202e"
HOSTILE_SUMMARY = '<img src=x onerror="alert(2)"> {{ 7*7 }} </dd><script>alert(3)</script>'


@pytest.fixture
def hostile(data_copy: Path) -> Path:
    path = data_copy / "cities" / "prairie-city.yaml"
    plant(path, "name: Prairie City", f"name: {json.dumps(HOSTILE_NAME)}")
    plant(
        path,
        "summary: City employees may not ask about immigration status.",
        f"summary: {json.dumps(HOSTILE_SUMMARY)}",
    )
    plant(path, "title: Fixture ordinance", 'title: "\\" onmouseover=\\"alert(4)"')
    return data_copy


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hostile_name_and_summary_render_as_text(run: Run, hostile: Path, lang: str) -> None:
    result = run("assess", "prairie-city", "--data-dir", hostile, AS_OF, "-f", "html", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert "<script" not in html
    assert "<img" not in html
    assert "onmouseover=" not in html.replace("onmouseover=&#34;", "")
    assert "49" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %}" in html
    assert "\u202e" not in html  # a bidi override is shown as a visible escape
    page = Page(html)
    assert "<script>alert(1)</script> {{ 7*7 }} {% raw %} \\u202e" in page.plain
    assert '<img src=x onerror="alert(2)"> {{ 7*7 }} </dd><script>alert(3)</script>' in page.plain
    assert not page.all("img")
    assert not page.all("script")
    assert page.all("title")  # the name is in the title too, escaped


def test_only_web_addresses_become_links(run: Run) -> None:
    assert safe_href("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert safe_href("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "vbscript:x"):
        assert safe_href(bad) is None
    report = AssessReport.model_validate_json(
        run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "json").stdout
    )
    demand = report.demands[2]
    source = demand.sources[0].model_copy(update={"url": "javascript:alert(1)"})
    changed = report.model_copy(
        update={
            "demands": [
                *report.demands[:2],
                demand.model_copy(update={"sources": [source]}),
                *report.demands[3:],
            ]
        }
    )
    html = to_html.render(changed)
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in Page(html).plain  # shown, not linked


def test_spanish_card_marks_data_text_as_english(run: Run) -> None:
    result = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "html", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    page = Page(result.stdout)
    assert page.all("html") == [{"lang": "es"}]
    for text in (
        "ficha de calificación",
        "Próximos pasos",
        "Actualidad de los datos",
        "Cumplida",
        "idioma original",
    ):
        assert text in page.plain
    english = [attrs for _, attrs in page.tags if attrs.get("lang") == "en"]
    assert len(english) >= 5  # summaries, source titles, the law's name
    assert "City employees may not ask about immigration status." in page.plain
    assert "Next steps" not in page.plain


@pytest.mark.parametrize("city", ["prairie-city", "lone-star-city"])
def test_assess_html_golden(run: Run, golden: Callable[[str, str], None], city: str) -> None:
    result = run("assess", city, "--data-dir", VALID, AS_OF, "-f", "html")
    assert result.exit_code == 0
    golden(f"assess-{city}.html", result.stdout)
    again = run("assess", city, "--data-dir", VALID, AS_OF, "-f", "html").stdout
    assert again == result.stdout


def test_rank_and_rubric_as_html(run: Run) -> None:
    rank = Page(run("rank", "--data-dir", VALID, AS_OF, "-f", "html").stdout)
    assert "Ranking" in rank.plain
    rows = [a for a in rank.all("tr") if a.get("data-order") is not None]
    assert len(rows) == 3
    rubric = Page(run("rubric", "-f", "html", "--lang", "es").stdout)
    assert rubric.all("html") == [{"lang": "es"}]
    assert "Sin retenciones para ICE" in rubric.plain
    assert "Cómo se calcula el puntaje" in rubric.plain


def test_history_has_no_html_format_yet(run: Run) -> None:
    result = run("history", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "html")
    assert result.exit_code == 2
    message = " ".join(result.stderr.replace("│", " ").split())  # typer boxes and wraps usage errors
    assert "this command's output is table, json, csv, markdown; got 'html'" in message
    assert result.stdout == ""


def test_a_card_numbers_each_source_once_for_print() -> None:
    from scorecard.render.references import References
    from scorecard.report import SourceRef

    a, b, c, d, e = (SourceRef(title=t, url=f"https://example.org/{t}", accessed=None) for t in "abcde")
    refs = References([a, b, a, c, d, e, b])
    assert [(n, s.url) for n, s in refs.items] == [(i + 1, s.url) for i, s in enumerate([a, b, c, d, e])]
    assert refs.cite([b, a, a]) == "[1, 2]"
    assert refs.cite([e, c, d, a]) == "[1, 3–5]"
    assert refs.cite([]) == ""
