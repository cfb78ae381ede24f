"""Does a ranking survive other weightings? Best and worst ranks, and rank correlations.

Pure maths on the credits each jurisdiction earns per demand: every
alternative weighting re-scores with the same formula as `scoring`
(100 * sum(w * credit) / sum(w), rounded by `round1`) and re-ranks with the
same rule (equal scores share a rank). Spearman's rho compares each
alternative ranking with the default one (ties get their average rank).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
from collections.abc import Callable, Mapping, Sequence

from scorecard.i18n import translate, translate_count
from scorecard.input.rubric import Rubric
from scorecard.report import SensitivityReport, SensitivityRow, Weighting
from scorecard.scoring.card import competition_ranks, rubric_info
from scorecard.scoring.engine import round1
from scorecard.scoring.ranking import Scored
from scorecard.vocab import Basis

GRID = (1.0, 2.0, 3.0)
# The most weightings one run tries (each re-ranks every jurisdiction and is listed in the report):
# the full grid up to 8 demands (3^8 = 6,561); past that, and for --samples, a random sample.
MAX_WEIGHTINGS = 10_000
STEP = 500  # weightings between two progress reports


def grid_weightings(demands: Sequence[str], values: Sequence[float] = GRID) -> list[dict[str, float]]:
    """Every combination of `values` per demand (3^5 = 243 for five demands)."""
    return [
        dict(zip(demands, combo, strict=True)) for combo in itertools.product(values, repeat=len(demands))
    ]


def random_weightings(demands: Sequence[str], count: int, seed: int) -> list[dict[str, float]]:
    """`count` weightings drawn uniformly from the simplex (Dirichlet(1, ..., 1)), reproducibly."""
    rng = random.Random(seed)  # noqa: S311 (reproducible sampling, not secrets)
    drawn = []
    for _ in range(count):
        raw = [rng.expovariate(1.0) for _ in demands]
        total = sum(raw)
        drawn.append({d: round(value / total, 6) for d, value in zip(demands, raw, strict=True)})
    return drawn


def weightings_for(
    demands: Sequence[str], samples: int | None, seed: int, lang: str = "en"
) -> tuple[list[dict[str, float]], str]:
    """The weightings to try and how they were chosen (in `lang`): the grid while it is small, else a sample.

    A rubric of 14 demands would have a grid of 3^14 = 4.8 million weightings; past `MAX_WEIGHTINGS`
    a reproducible random sample of that many stands in for it, and the method says so.
    """
    if samples:
        count = min(samples, MAX_WEIGHTINGS)
        return random_weightings(demands, count, seed), translate_count(
            lang,
            count,
            "{count} random weighting, uniform on the simplex, seed {seed}",
            "{count} random weightings, uniform on the simplex, seed {seed}",
            seed=seed,
        )
    grid_size = len(GRID) ** len(demands)
    if grid_size <= MAX_WEIGHTINGS:
        return grid_weightings(demands), translate(lang, "every weighting with weights 1, 2 or 3 per demand")
    return random_weightings(demands, MAX_WEIGHTINGS, seed), translate_count(
        lang,
        MAX_WEIGHTINGS,
        "{count} random weighting, uniform on the simplex, seed {seed} "
        "(the grid of 1, 2 or 3 per demand would have {size})",
        "{count} random weightings, uniform on the simplex, seed {seed} "
        "(the grid of 1, 2 or 3 per demand would have {size})",
        seed=seed,
        size=f"{grid_size:,}",
    )


def ranks_for(
    credits: Mapping[str, Mapping[str, float]], names: Mapping[str, str], weights: Mapping[str, float]
) -> dict[str, int]:
    """Competition ranks of every jurisdiction under one weighting."""
    total = sum(weights.values())
    scores = {
        j: round1(100.0 * sum(weights[d] * c[d] for d in weights) / total) if total else 0.0
        for j, c in credits.items()
    }
    ordered = sorted(scores, key=lambda j: (-scores[j], names[j], j))
    return dict(zip(ordered, competition_ranks([scores[j] for j in ordered]), strict=True))


def _average_ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(left: Sequence[float], right: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson on average ranks); 1.0 when either side is constant."""
    a, b = _average_ranks(left), _average_ranks(right)
    mean_a, mean_b = statistics.fmean(a), statistics.fmean(b)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    if var_a == 0 or var_b == 0:
        return 1.0
    return round(float(cov / (var_a * var_b) ** 0.5), 4)


def sensitivity(
    rubric: Rubric,
    scored: Sequence[Scored],
    weightings: Sequence[Mapping[str, float]],
    *,
    default_weights: Mapping[str, float],
    method: str,
    as_of: dt.date,
    basis: Basis,
    on_step: Callable[[int, int], None] | None = None,
) -> SensitivityReport:
    """Each jurisdiction's best, worst and median rank over `weightings`, and each ranking's rho.

    `on_step(done, total)`, when given, hears of the progress every `STEP` weightings and at the end.
    """
    demand_ids = [d.id for d in rubric.demands]
    credits = {brief.id: dict(zip(demand_ids, score.credits, strict=True)) for brief, score in scored}
    names = {brief.id: brief.name for brief, _ in scored}
    default = ranks_for(credits, names, default_weights)
    ids = sorted(credits)
    seen: dict[str, list[int]] = {j: [] for j in ids}
    correlations = []
    for done, weights in enumerate(weightings, start=1):
        if on_step is not None and (done % STEP == 0 or done == len(weightings)):
            on_step(done, len(weightings))
        ranks = ranks_for(credits, names, weights)
        for j in ids:
            seen[j].append(ranks[j])
        rho = spearman([default[j] for j in ids], [ranks[j] for j in ids]) if len(ids) > 1 else 1.0
        correlations.append(Weighting(weights=dict(weights), spearman=rho))
    by_id = {brief.id: (brief, score) for brief, score in scored}
    rows = sorted(
        (
            SensitivityRow(
                id=j,
                name=names[j],
                state=by_id[j][0].state,
                default_rank=default[j],
                best_rank=min(seen[j], default=default[j]),
                worst_rank=max(seen[j], default=default[j]),
                median_rank=statistics.median(seen[j]) if seen[j] else float(default[j]),
                score=by_id[j][1].score,
                provisional=by_id[j][1].standing.provisional,
            )
            for j in ids
        ),
        key=lambda row: (row.default_rank, row.name, row.id),
    )
    rhos = [c.spearman for c in correlations] or [1.0]
    return SensitivityReport(
        rubric=rubric_info(rubric, default_weights),
        as_of=as_of,
        basis=basis,
        method=method,
        weightings=len(weightings),
        rows=rows,
        correlations=correlations,
        min_spearman=min(rhos),
        median_spearman=statistics.median(rhos),
    )
