"""The ranking as an HTML page: its sortable columns, each row rendered once, and the page.

The site writes the ranking once per sortable column and direction (the pages
without JavaScript link to); only the order of the rows changes between them,
so `ranking_rows` renders each row once per folder and the pages reuse them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scorecard.i18n import translate, translate_count
from scorecard.render.to_html import SiteNav, environment, page, translator
from scorecard.report import RankReport, RankRow


@dataclass(frozen=True)
class Column:
    """A sortable column of the ranking table."""

    key: str
    label: str
    numeric: bool
    first: str  # the direction of the first sort: "asc" or "desc"
    demand: str = ""


def ranking_columns(report: RankReport) -> list[Column]:
    """The ranking's columns, in order; each sorts by the values of `row_values`."""
    lang = report.lang
    columns = [  # the row's name first: it stays in view while the table scrolls sideways
        Column("name", translate(lang, "Jurisdiction"), numeric=False, first="asc"),
        Column("rank", translate(lang, "Rank"), numeric=True, first="asc"),
        Column("state", translate(lang, "State"), numeric=False, first="asc"),
        Column("score", translate(lang, "Score"), numeric=True, first="desc"),
        Column("grade", translate(lang, "Grade"), numeric=True, first="desc"),
        Column("coverage", translate(lang, "Coverage"), numeric=True, first="desc"),
    ]
    columns += [
        Column(f"demand-{demand}", title, numeric=True, first="asc", demand=demand)
        for demand, title in report.demands
    ]
    return columns


def row_values(report: RankReport, row: RankRow) -> dict[str, float | str]:
    """The value each column sorts a row by: a grade as its score, a status by its level (best first)."""
    order = {level: index for index, level in enumerate(report.levels)}
    values: dict[str, float | str] = {
        "rank": row.rank,
        "name": row.name,
        "state": row.state,
        "score": row.score,
        "grade": row.score,
        "coverage": row.coverage,
    }
    values.update({f"demand-{demand}": order[row.statuses[demand]] for demand, _ in report.demands})
    return values


def ranking_rows(
    report: RankReport, *, card_href: Mapping[str, str], state_names: Mapping[str, str]
) -> list[Markup]:
    """Each row of the ranking table as HTML, in the order of `report.rows`."""
    lang = report.lang
    rows = (
        environment()
        .get_template("ranking_row.html.j2")
        .make_module(
            {
                "_": translator(lang),
                "lang": lang,
                "r": report,
                "columns": ranking_columns(report),
                "card_href": card_href,
                "state_names": state_names,
                "row_values": row_values,
                "mark_data": False,
            }
        )
    )
    return [Markup(rows.row(index, row)) for index, row in enumerate(report.rows)]  # type: ignore[attr-defined]  # noqa: S704 (the template's own escaped HTML)


def ranking_page(
    report: RankReport,
    nav: SiteNav | None = None,
    *,
    card_href: Mapping[str, str] | None = None,
    sort_links: Mapping[str, str] | None = None,
    sorted_by: tuple[str, str] = ("rank", "asc"),
    order: Sequence[int] | None = None,
    extra: Markup | None = None,
    title: str | None = None,
    state_names: Mapping[str, str] | None = None,
    rows: Sequence[Markup] | None = None,
) -> str:
    """All jurisdictions ranked, sortable by any column (links to pre-sorted pages without JavaScript).

    `order` lists indices of `report.rows` in the order to show them (default: by rank); `rows`
    are the rows from `ranking_rows` with the same `card_href` and `state_names`, when the caller
    already has them.
    """
    if rows is None:
        rows = ranking_rows(report, card_href=card_href or {}, state_names=state_names or {})
    return page(
        "ranking.html.j2",
        lang=report.lang,
        title=title or translate(report.lang, "Ranking"),
        description=translate_count(
            report.lang,
            len(report.rows),
            "{count} jurisdiction ranked by how well it protects immigrant residents, as of {date}.",
            "{count} jurisdictions ranked by how well they protect immigrant residents, as of {date}.",
            date=report.as_of.isoformat(),
        ),
        nav=nav,
        script="ranking.js.j2",
        about=report.rubric,
        r=report,
        columns=ranking_columns(report),
        sort_links=sort_links or {},
        sorted_by=sorted_by,
        rows=[rows[index] for index in (order if order is not None else range(len(report.rows)))],
        extra=extra,
    )
