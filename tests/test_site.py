"""`scorecard site`: every page, every link resolving, both languages, written whole or not at all."""

from __future__ import annotations

import pathlib
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scorecard.site.build import MARKER

from .conftest import VALID, Run, fixture_site
from .test_html import Page

AS_OF = "--as-of=2026-11-27"
CITIES = sorted(p.stem for p in (VALID / "cities").glob("*.yaml"))
PAGES = ["index.html", "compare.html", "map.html", "methodology.html"]


@pytest.fixture
def out(run: Run, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    result = run("site", target, "--data-dir", VALID, AS_OF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"to {target}" in result.stderr
    return target


def ids_in(page: Page) -> set[str]:
    return {str(attrs["id"]) for _, attrs in page.tags if attrs.get("id")}


def test_the_site_has_every_page_in_both_languages(out: Path) -> None:
    for prefix in ("", "es/"):
        for name in PAGES:
            assert (out / prefix / name).is_file(), prefix + name
        for city in CITIES:
            assert (out / prefix / "jurisdictions" / f"{city}.html").is_file()
        assert (out / prefix / "ranking" / "score-asc.html").is_file()
    assert (out / MARKER).is_file()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".out.")]  # no temporary left


def test_every_internal_link_resolves_and_every_page_is_reachable(out: Path) -> None:
    pages = {p.relative_to(out).as_posix(): Page(p.read_text(encoding="utf-8")) for p in out.rglob("*.html")}
    ids = {name: ids_in(page) for name, page in pages.items()}
    checked = 0
    reached = {"index.html"}
    queue = ["index.html"]
    while queue:
        name = queue.pop()
        page = pages[name]
        hrefs = [*page.links, *[str(a["href"]) for a in page.all("link") if a.get("href")]]
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "data"):
                continue
            assert not parts.scheme, (name, href)
            assert not parts.netloc, (name, href)
            assert not href.startswith("/"), (name, href)  # relative: works from a file or any host path
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                if parts.path
                else name
            )
            if not target.endswith(".html"):  # a download (the data package): it exists
                assert (out / target).is_file(), (name, href)
                checked += 1
                continue
            assert target in pages, (name, href)
            if parts.fragment:
                assert parts.fragment in ids[target], (name, href)
            checked += 1
            if target not in reached:
                reached.add(target)
                queue.append(target)
    assert checked > 1000
    assert reached == set(pages)  # nothing is orphaned, both languages included


def test_pages_link_to_their_other_language(out: Path) -> None:
    english = Page((out / "jurisdictions" / "prairie-city.html").read_text(encoding="utf-8"))
    alternates = [a for a in english.all("link") if a.get("rel") == "alternate"]
    assert alternates == [
        {"rel": "alternate", "hreflang": "es", "href": "../es/jurisdictions/prairie-city.html"}
    ]
    assert "Español" in english.plain
    spanish = Page((out / "es" / "jurisdictions" / "prairie-city.html").read_text(encoding="utf-8"))
    assert spanish.all("html") == [{"lang": "es"}]
    assert "../../jurisdictions/prairie-city.html" in spanish.links
    for text in ("Prairie City, IL: ficha de calificación", "Próximos pasos", "Cumplida", "idioma original"):
        assert text in spanish.plain
    assert "Next steps" not in spanish.plain


def test_lang_es_puts_spanish_at_the_top(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "sitio"
    result = run("site", target, "--lang", "es", "--data-dir", VALID, "--as-of=2026-02-01")
    assert result.exit_code == 0, result.stderr
    top = Page((target / "index.html").read_text(encoding="utf-8"))
    assert top.all("html") == [{"lang": "es"}]
    assert "Clasificación" in top.plain
    english = Page((target / "en" / "index.html").read_text(encoding="utf-8"))
    assert english.all("html") == [{"lang": "en"}]
    assert "../index.html" in [str(a["href"]) for a in english.all("a") if a.get("hreflang") == "es"]


def rows(html: str) -> list[str]:
    page = Page(html)
    return [str(a["data-v"]) for _, a in page.tags if a.get("scope") == "row" and a.get("data-v")]


def test_ranking_is_sortable_by_any_column_without_javascript(files: dict[str, str]) -> None:
    index = Page(files["index.html"])
    headers = [a for a in index.all("th") if a.get("data-type")]
    assert len(headers) == 11  # rank, name, state, score, grade, coverage and the five demands
    assert [a.get("aria-sort") for a in headers].count("ascending") == 1
    names = rows(files["ranking/name-asc.html"])
    assert names == sorted(names, key=str.casefold)
    assert rows(files["ranking/name-desc.html"]) == sorted(names, key=str.casefold, reverse=True)
    score_page = Page(files["ranking/score-asc.html"])
    scores = [
        float(str(a["data-v"])) for a in score_page.all("td") if a.get("class") == "num" and a.get("data-v")
    ]
    assert scores  # rank, score and coverage cells
    for key in ("rank", "name", "state", "score", "grade", "coverage", "demand-no-ice-holds"):
        for direction in ("asc", "desc"):
            path = "index.html" if (key, direction) == ("rank", "asc") else f"ranking/{key}-{direction}.html"
            assert path in files
    links = {str(a["href"]) for a in index.all("a")}
    assert {"ranking/rank-desc.html", "ranking/score-desc.html", "ranking/name-asc.html"} <= links


def test_compare_counts_every_jurisdiction_on_every_demand(files: dict[str, str]) -> None:
    page = Page(files["compare.html"])
    assert f"{len(CITIES)} jurisdictions scored on" in page.plain
    assert "Every jurisdiction, demand by demand" in page.plain
    assert sum(1 for a in page.all("a") if str(a.get("href", "")).startswith("jurisdictions/")) == len(CITIES)
    table = files["compare.html"].split("<tbody>")[1].split("</tbody>")[0]
    for row in table.split("<tr>")[1:]:
        counts = [int(c) for c in re.findall(r'<td class="num">(\d+)</td>', row)]
        assert sum(counts) == len(CITIES)


def test_methodology_comes_from_the_rubric(files: dict[str, str]) -> None:
    page = Page(files["methodology.html"])
    for text in ("No ICE holds", "Immigrant legal defense fund", "A binding law, ordinance", "Lowest score"):
        assert text in page.plain
    assert "https://www.nfg.org/sanctuarytofreedom_recap" in page.links
    spanish = Page(files["es/methodology.html"])
    assert "Fondo de defensa legal para inmigrantes" in spanish.plain


def test_building_twice_gives_the_same_bytes(files: dict[str, str]) -> None:
    again = fixture_site()
    assert again == files


def test_refuses_a_folder_it_did_not_write_unless_forced(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("site", target, "--data-dir", VALID)
    assert result.exit_code == 1
    assert "is not empty and was not written by `scorecard site`" in result.stderr
    assert "--force" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    result = run("site", target, "--data-dir", VALID, "--force")
    assert result.exit_code == 0, result.stderr
    assert not (target / "notes.txt").exists()
    assert (target / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["public"]


def test_rewrites_its_own_site_whole(run: Run, out: Path) -> None:
    (out / "stale.html").write_text("old", encoding="utf-8")
    result = run("site", out, "--data-dir", VALID, "--as-of=2026-02-01")
    assert result.exit_code == 0, result.stderr
    assert not (out / "stale.html").exists()
    assert (out / "jurisdictions" / "prairie-city.html").is_file()
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_an_empty_folder_is_used(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert run("site", target, "--data-dir", VALID).exit_code == 0
    assert (target / "index.html").is_file()


@pytest.mark.parametrize("where", ["cwd", "data", "file", "missing-parent"])
def test_refuses_dangerous_or_impossible_targets(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("keep", encoding="utf-8")
    target = {
        "cwd": tmp_path,
        "data": data_copy,
        "file": tmp_path / "keep.txt",
        "missing-parent": tmp_path / "no" / "such" / "out",
    }[where]
    result = run("site", target, "--data-dir", data_copy, "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith("scorecard: error: ")
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert (data_copy / "cities" / "prairie-city.yaml").is_file()


def test_a_failure_while_writing_keeps_the_old_site(
    run: Run, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (out / "index.html").read_bytes()
    real_write = pathlib.Path.write_text
    calls = {"n": 0}

    def failing_write(self: pathlib.Path, *args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 20:
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "write_text", failing_write)
    result = run("site", out, "--data-dir", VALID)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert (out / "index.html").read_bytes() == before
    assert (out / "jurisdictions" / "prairie-city.html").is_file()
    assert [p.name for p in out.parent.iterdir()] == ["out"]  # no temporary folder left behind


def test_pages_are_written_as_they_come_and_a_failure_midway_keeps_the_old_site(out: Path) -> None:
    """write_site takes the pages one at a time; an error while laying one out (or a path given twice)
    leaves the old site in place and no temporary folder."""
    from collections.abc import Iterator

    from scorecard.site.write import write_site

    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    taken: list[str] = []

    def pages(fail: BaseException) -> Iterator[tuple[str, str]]:
        for index in range(5):
            taken.append(f"p{index}.html")
            yield f"p{index}.html", "<p>new</p>"
        raise fail

    for failure in (ValueError("a page failed"), KeyboardInterrupt()):
        with pytest.raises(type(failure)):
            write_site(out, pages(failure), force=False)
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
        assert [p.name for p in out.parent.iterdir()] == ["out"]
    assert len(taken) == 10  # each generator was consumed up to its failure
    with pytest.raises(ValueError, match="given twice"):
        write_site(out, [("a.html", "1"), ("b.html", "2"), ("a.html", "3")], force=False)
    assert [p.name for p in out.parent.iterdir()] == ["out"]
    assert write_site(out, [("a.html", "1"), ("b/c.html", "2")], force=False) == 2
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.html")) == ["a.html", "b/c.html"]


def test_invalid_data_writes_nothing(run: Run, data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "cities" / "prairie-city.yaml").write_text("id: [\n", encoding="utf-8")
    target = tmp_path / "out"
    result = run("site", target, "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "run `scorecard validate`" in result.stderr
    assert not target.exists()


def test_the_site_holds_the_data_package_and_links_it(out: Path) -> None:
    from frictionless import validate

    assert validate(out / "data" / "datapackage.json").valid
    for page, href in (
        ("methodology.html", "data/datapackage.json"),
        ("es/methodology.html", "../data/datapackage.json"),
    ):
        links = Page((out / page).read_text(encoding="utf-8")).links
        assert href in links, page
