"""Why China exposure as bought differs from the plan's: one line for a planner.

The plan's exposure counts every tonne it asks of a source; exposure as bought counts
what the contracts deliver and what the gap is then bought spot from. When the two
differ by more than a point, the largest undelivered share of the base case is named,
with who sells the rest spot (usually China).
"""

from __future__ import annotations

import polars as pl

from tui.domain.figures import spot_column, supplied_column
from tui.engine.results import Evaluation

THRESHOLD = 0.01
"""Exposures (fractions) this far apart or less need no explanation: one point."""


def _tonnes(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.3g}"


def exposure_reason(evaluation: Evaluation) -> str | None:
    """``"Nd: lynas can deliver 4 t of the 30 t planned in 2026Q1; the rest is bought
    spot from china"`` — or None when planned and bought exposure are within a point."""
    portfolio = evaluation.base.portfolio
    planned, bought = portfolio.china_exposure, portfolio.china_exposure_bought
    if planned is None or bought is None or abs(bought - planned) <= THRESHOLD:
        return None
    plan = evaluation.plan
    worst: tuple[float, str, str, str | None, float, float] | None = None
    periods = evaluation.base.periods.filter(pl.col("demand_t") > 0)
    for row in periods.iter_rows(named=True):
        element, period, demand = row["element"], row["period"], row["demand_t"]
        split = plan.split_at(element, period)
        if split is None:  # uncovered: the whole demand is left to spot
            if worst is None or demand > worst[0]:
                worst = (demand, element, period, None, 0.0, demand)
            continue
        for source, share in split.nonzero().items():
            if source not in evaluation.sources:
                continue
            asked = demand * share / 100
            delivered = row[supplied_column(source)]
            if worst is None or asked - delivered > worst[0]:
                worst = (asked - delivered, element, period, source, delivered, asked)
    if worst is None or worst[0] <= 0:
        return None
    _, element, period, source, delivered, asked = worst
    row = periods.filter((pl.col("element") == element) & (pl.col("period") == period)).row(
        0, named=True
    )
    sellers = [s for s in evaluation.spot_sources if row[spot_column(s)] > 0]
    if sellers:
        rest = f"the rest is bought spot from {' and '.join(sellers)}"
    else:
        rest = "nobody sells the rest spot"
    if source is None:
        return f"{element}: no split covers the {_tonnes(asked)} t needed in {period}; {rest}"
    return (
        f"{element}: {source} can deliver {_tonnes(delivered)} t of the {_tonnes(asked)} t "
        f"planned in {period}; {rest}"
    )
