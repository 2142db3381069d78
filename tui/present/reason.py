"""Why China exposure as bought differs from the plan's: one line for a planner.

The plan's exposure counts every tonne it asks of a source; exposure as bought counts
what the contracts deliver and what the gap is then bought spot from. When the two
differ by more than a point, the largest undelivered share of the base case is named,
with who sells the rest spot (usually China).
"""

from __future__ import annotations

import polars as pl

from tui.domain.figures import planned_column, spot_column, supplied_column
from tui.engine.results import Evaluation
from tui.present.numbers import tonnes

THRESHOLD = 0.01
"""Exposures (fractions) this far apart or less need no explanation: one point."""

UNCOVERED = "uncovered"
"""The column of a quarter whose demand no split covers (nothing planned at all)."""


def exposure_reason(evaluation: Evaluation) -> str | None:
    """``"Nd: lynas can deliver 4.0 t of the 30.0 t planned in 2026Q1; the rest is bought
    spot from china"`` — or None when planned and bought exposure are within a point.

    The search is one polars query over the base case's quarters (the app asks on every
    key press): per quarter, what each source was asked minus what it delivers, and the
    whole demand where no split asks anything; the first largest wins, in quarter order
    and then dataset order of the sources.
    """
    portfolio = evaluation.base.portfolio
    planned, bought = portfolio.china_exposure, portfolio.china_exposure_bought
    if planned is None or bought is None or abs(bought - planned) <= THRESHOLD:
        return None
    sources = list(evaluation.sources)
    quarters = evaluation.base.periods.filter(pl.col("demand_t") > 0)
    if quarters.is_empty() or not sources:
        return None
    asked = pl.sum_horizontal(planned_column(s) for s in sources)
    candidates = [
        pl.when(asked > 0).then(float("-inf")).otherwise(pl.col("demand_t")),
        *[pl.col(planned_column(s)) - pl.col(supplied_column(s)) for s in sources],
    ]
    worst = (
        quarters.with_columns(pl.concat_list(candidates).alias("missing"))
        .with_columns(
            pl.col("missing").list.max().alias("most"),
            pl.col("missing").list.arg_max().alias("which"),
        )
        .filter(pl.col("most") == pl.col("most").max())
        .row(0, named=True)
    )
    if worst["most"] <= 0:
        return None
    element, period = worst["element"], worst["period"]
    sellers = [s for s in evaluation.spot_sources if worst[spot_column(s)] > 0]
    if sellers:
        rest = f"the rest is bought spot from {' and '.join(sellers)}"
    else:
        rest = "nobody sells the rest spot"
    if worst["which"] == 0:
        needed = tonnes(worst["demand_t"])
        return f"{element}: no split covers the {needed} t needed in {period}; {rest}"
    source = sources[worst["which"] - 1]
    delivered, asked_t = worst[supplied_column(source)], worst[planned_column(source)]
    return (
        f"{element}: {source} can deliver {tonnes(delivered)} t of the {tonnes(asked_t)} t "
        f"planned in {period}; {rest}"
    )
