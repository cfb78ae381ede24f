"""Why `rank` lays out big tables as plain text: rich's table layout against the plain one.

`scorecard rank --include-baseline` ranks every US county (about 3,200 rows).
rich lays a table out in time that grows faster than its rows; past
`to_terminal.LARGE` rows the terminal renderer switches to a plain layout with
the same columns. This prints both timings for the shipped data and for the
first N rows, so the threshold can be checked again:

    .venv/bin/python benchmarks/large_tables.py
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Callable

from rich.console import Console

from scorecard.input.locations import DataPaths, embedded_data_dir
from scorecard.render import to_terminal
from scorecard.report import RankReport
from scorecard.service.many import rank_all
from scorecard.vocab import Basis, Scoring


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def rich_layout(report: RankReport) -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(to_terminal.rich_rank(report))


def main() -> None:
    today = dt.date.today()
    how = Scoring(as_of=today, basis=Basis.policy, weights=None, lang="en")
    full = rank_all(DataPaths.at(embedded_data_dir()), how, rubric=None, today=today, include_baseline=True)
    print(
        f"rows  plain (s)  rich (s)   (the terminal renderer switches to plain past {to_terminal.LARGE} rows)"
    )
    for size in (100, 300, 1000, len(full.rows)):
        report = full.model_copy(update={"rows": full.rows[:size]})
        plain = seconds(lambda r=report: to_terminal.plain_rank(r))
        rich = seconds(lambda r=report: rich_layout(r))
        print(f"{size:>5}  {plain:9.3f}  {rich:8.3f}")


if __name__ == "__main__":
    main()
