"""HTML: self-contained pages (inline CSS, no network requests) from autoescaping Jinja2 templates.

Every data string is escaped by the templates (autoescape is on and no data is
ever marked safe) and made inert first (control and bidi-override characters
shown as visible escapes), so a name like `<script>alert(1)</script>` or
`{{ 7*7 }}` is shown as text. A Content-Security-Policy allows only the page's
own inline style (and sorting script, by hash): no request leaves the page.

Status is shown as a symbol, a word and a color. In a language other than the
data's, data text (summaries, source and law titles) keeps its language and
is marked with `lang`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, singledispatch
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from pydantic import BaseModel

from scorecard import __version__
from scorecard.errors import ScorecardError
from scorecard.i18n import (
    CONFIDENCE_LABELS,
    DATA_LANG,
    DATA_LANGUAGE_NOTE,
    LITIGATION_NOTE,
    translate,
)
from scorecard.render import words
from scorecard.render.charts import trend_chart
from scorecard.render.litigation import open_cases, status_words
from scorecard.render.notices import baseline_notice
from scorecard.render.references import References
from scorecard.render.text import inert
from scorecard.report import AssessReport, RankReport, RubricReport
from scorecard.vocab import JAIL_LABELS, KIND_LABELS

# name -> (background, foreground); every pair has a contrast of at least 4.5:1 (tests check it).
TONES: dict[str, tuple[str, str]] = {
    "full": ("#d8f3df", "#0d5027"),
    "some": ("#fff1c2", "#5c4400"),
    "none": ("#fbd9dc", "#8c1d26"),
    "gap": ("#e3e9f2", "#1e3a5f"),
}
# The state-law map's classes, best for residents first (site.aggregate.LAW_CLASS_LABELS): viridis
# stops, ordered in lightness and hue, so the order survives every common colour-vision deficiency.
MAP_TONES: dict[str, tuple[str, str]] = {
    "c0": ("#440154", "#ffffff"),
    "c1": ("#3b528b", "#ffffff"),
    "c2": ("#21918c", "#000000"),
    "c3": ("#5ec962", "#000000"),
    "c4": ("#fde725", "#000000"),
}
SYMBOLS = {"full": "✔", "some": "◐", "none": "✘", "gap": "?"}


@dataclass(frozen=True)
class Link:
    """A link in a page's navigation."""

    href: str
    label: str
    current: bool = False
    lang: str | None = None


@dataclass(frozen=True)
class SiteNav:
    """The navigation of a page that belongs to a site (standalone pages have none)."""

    home: str
    links: tuple[Link, ...]
    alternates: tuple[Link, ...] = ()  # the same page in other languages
    methodology: str | None = None
    path: str | None = None  # the page's path in the site, printed at the foot of a printed card


def tone(credit: float, known: bool) -> str:
    """The badge tone of a status: full, some, none, or gap (unknown)."""
    if not known:
        return "gap"
    return "full" if credit >= 1 else "some" if credit > 0 else "none"


def _finalize(value: Any) -> Any:
    """Make every plain string printed by a template inert (Markup is the templates' own HTML)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return inert(value)
    return value


def _num(value: float) -> str:
    return f"{value:g}"


def _pct(value: float) -> str:
    return f"{value:.0%}"


def safe_href(url: str) -> str | None:
    """The URL when it is an http(s) address, else None (never a `javascript:` link)."""
    return url if url.lower().startswith(("https://", "http://")) else None


@cache
def environment() -> Environment:
    """The template environment: packaged templates, autoescape on, undefined names are errors."""
    env = Environment(
        loader=PackageLoader("scorecard", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=_num, pct=_pct)
    env.globals.update(
        tone=tone,
        safe_href=safe_href,
        symbols=SYMBOLS,
        kind_labels=KIND_LABELS,
        jail_labels=JAIL_LABELS,
        confidence_labels=CONFIDENCE_LABELS,
        litigation_note=LITIGATION_NOTE,
        version=__version__,
        data_lang=DATA_LANG,
        data_language_note=DATA_LANGUAGE_NOTE,
        words=words,
        baseline_notice=baseline_notice,
    )
    return env


def plural_translator(lang: str) -> Callable[..., Markup]:
    """The templates' `_n(one, many, count, **values)`: `_` of `one` or `many` by `count` (filled in)."""
    gettext = translator(lang)
    return lambda one, many, count, /, **values: gettext(one if count == 1 else many, count=count, **values)


def translator(lang: str) -> Callable[..., Markup]:
    """The templates' `_`: the catalog text escaped, then values filled in (escaped unless Markup)."""

    def gettext(message: str, /, **values: object) -> Markup:
        text = escape(translate(lang, message))
        if not values:
            return text
        safe = {
            key: inert(value) if isinstance(value, str) and not isinstance(value, Markup) else value
            for key, value in values.items()
        }
        return text.format(**safe)

    return gettext


@cache
def _asset(name: str) -> str:
    return environment().get_template(name).render(tones=TONES, map_tones=MAP_TONES)


def stylesheet() -> str:
    """The pages' stylesheet (screen and print), inlined in every page."""
    return _asset("style.css.j2")


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(css: str, script: str | None) -> str:
    """Nothing may load but this page's own inline style and script (pinned by hash)."""
    parts = [
        "default-src 'none'",
        f"style-src '{_hash(css)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if script is not None:
        parts.append(f"script-src '{_hash(script)}'")
    return "; ".join(parts)


def page(
    template: str,
    *,
    lang: str,
    title: str,
    description: str,
    nav: SiteNav | None = None,
    script: str | None = None,
    **context: Any,
) -> str:
    """Render a whole page: the template inside the shared layout, with its style (and script) inline.

    `description` is the page's summary for search results and link previews;
    `script` names a script template (ranking.js.j2, card.js.j2).
    """
    css = stylesheet()
    code = _asset(script) if script else None
    folders = getattr(context.get("r"), "data_folders", ())  # a report page made by the CLI names them
    return (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            _=translator(lang),
            _n=plural_translator(lang),
            page_title=title,
            description=inert(description),
            nav=nav,
            css=Markup(css),  # noqa: S704 (our own stylesheet, no data in it)
            script=Markup(code) if code is not None else None,  # noqa: S704 (our own script)
            csp=content_security_policy(css, code),
            mark_data=lang != DATA_LANG,
            data_line=words.data_line(folders, lang) if folders else None,
            **context,
        )
    )


def card_page(
    report: AssessReport,
    nav: SiteNav | None = None,
    *,
    trend: Sequence[Any] | None = None,
    downloads: Sequence[Link] = (),
    state_href: str | None = None,
) -> str:
    """The report card of one jurisdiction as a page.

    On the site, `trend` is the score over time (points with `date`, `date_display`,
    `score`, `grade`), `downloads` the card's data files, `state_href` its state's page.
    """
    j = report.jurisdiction
    lang = report.lang
    title = translate(lang, "{name}, {state}: report card", name=inert(j.name), state=j.state)
    description = translate(
        lang,
        "{name}, {state}: grade {grade}, score {score}/100 on {rubric}, as of {date}; {known} of {total} "
        "demands known.",
        name=inert(j.name),
        state=j.state,
        grade=words.grade_words(report.grade, report.provisional, lang),
        score=words.score_range(report.score_range, report.provisional),
        rubric=report.rubric.title,
        date=report.as_of.isoformat(),
        known=report.known_demands,
        total=report.total_demands,
    )
    if not j.researched:
        description += " " + translate(lang, "A baseline card, not researched locally: state law alone.")
    return page(
        "card.html.j2",
        lang=lang,
        title=title,
        description=description,
        nav=nav,
        script="card.js.j2" if nav else None,
        about=report.rubric,
        r=report,
        trend=trend_chart(trend) if trend else None,
        downloads=list(downloads),
        state_href=state_href,
        case_status=functools.partial(status_words, lang),
        references=References.of(report),
        pending=open_cases(report),
    )


def methodology_page(
    report: RubricReport, nav: SiteNav | None = None, *, data_package: str | None = None
) -> str:
    """The rubric and how scores are computed, as a page (with a link to the data package, on the site)."""
    title = translate(report.lang, "Methodology")
    description = translate(
        report.lang,
        "How {title} scores a jurisdiction: the demands, their criteria, weights and the grade scale.",
        title=report.title,
    )
    return page(
        "methodology.html.j2",
        lang=report.lang,
        title=title,
        description=description,
        nav=nav,
        about=report,
        r=report,
        data_package=data_package,
    )


@singledispatch
def render(report: BaseModel) -> str:
    """A report as one self-contained HTML page."""
    raise ScorecardError(f"html output is not available for {type(report).__name__}")


@render.register
def _(report: AssessReport) -> str:
    return card_page(report)


@render.register
def _(report: RankReport) -> str:
    from scorecard.render.html_ranking import ranking_page

    return ranking_page(report)


@render.register
def _(report: RubricReport) -> str:
    return methodology_page(report)
