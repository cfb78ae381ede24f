"""The static site: ranking, report cards, comparison, state-law map, state pages, methodology.

`build_site` loads and scores the whole data set (`site.aggregate`), then
lays out every page in every language (`site.pages`), one at a time, as
(path in the site, text) (pure apart from reading the data).
`site.write.write_site` writes them as they come into a temporary folder
and swaps it in whole.

The primary language's pages are at the root; each other language the rubric
is translated into has the same pages under `<lang>/`, linked from each page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator

from scorecard.input.locations import DataPaths
from scorecard.service.common import Notify, quiet
from scorecard.site.aggregate import LanguageSite, score_languages
from scorecard.site.pages import DATA_PACKAGE, Pages
from scorecard.site.write import MARKER, check_target, write_site
from scorecard.vocab import Basis, Scoring

__all__ = ["MARKER", "build_site", "check_target", "data_package", "write_site"]


def data_package(
    paths: DataPaths,
    *,
    rubric: str | None,
    today: dt.date,
    how: Scoring,
    baselines: bool = False,
    notify: Notify = quiet,
) -> dict[str, str]:
    """The files of `scorecard export` (with `--include-baseline` if `baselines`), under `data/`
    (DATA_PACKAGE), scored as the site is.

    Each card links to DATA_PACKAGE beside its own JSON.
    """
    from scorecard.render import to_datapackage
    from scorecard.service.export import export_package

    package = export_package(paths, how, rubric=rubric, today=today, baselines=baselines, notify=notify)
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
    baselines: bool = False,
    notify: Notify = quiet,
) -> Iterator[tuple[str, str]]:
    """Every page of the site as (its path in the site, its text): `index.html`, `es/map.html`...

    The data is loaded and scored here, before this returns (so an error in the data stops the build
    before anything is written); the pages are laid out one at a time as they are taken, for
    `write_site` to write as they come.

    With `baselines`, every county no file covers gets a baseline card, in the ranking and on its
    state's page too (the comparison and the map stay with the researched files).
    """
    sites = score_languages(
        paths,
        rubric=rubric,
        today=today,
        as_of=as_of,
        basis=basis,
        weights=weights,
        lang=lang,
        baselines=baselines,
    )
    prefixes = {site.lang: "" if site.lang == lang else f"{site.lang}/" for site in sites}
    how = Scoring(as_of, basis, weights)
    package = data_package(paths, rubric=rubric, today=today, how=how, baselines=baselines, notify=notify)
    return _pages(package, sites, prefixes)


def _pages(
    package: dict[str, str], sites: list[LanguageSite], prefixes: dict[str, str]
) -> Iterator[tuple[str, str]]:
    yield from package.items()
    for site in sites:
        yield from Pages(site, prefixes, data_package=DATA_PACKAGE in package).pages()
