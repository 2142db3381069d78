"""SPEC §5 as polars expressions over the dense grid.

Rows are in a fixed order — case, element, period, source — so sums over sources,
periods or elements are reshapes into fixed-width arrays followed by ``arr.sum()``,
and no group-by or join runs per evaluation. The stockpile draw, the one
sequential rule, is a prefix sum within each (case, element) array.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tui.domain.period import DAYS_PER_QUARTER
from tui.engine.prepare import Grid

ROUNDING_NOISE = 1e-12
"""Relative size below which a gap is floating-point noise, not a shortage."""


@dataclass(frozen=True)
class Figures:
    """What one evaluation computed, every case stacked (case 0 = base)."""

    quarters: pl.DataFrame  # per (case, e, p): element, period, D, supplied, gap, X, ...
    elements: pl.DataFrame  # per (case, e)
    portfolio: pl.DataFrame  # per case


def _over(column: str | pl.Expr, width: int) -> pl.Expr:
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.reshape((-1, width)).arr.sum()


def compute(grid: Grid, w: pl.Series, f: pl.Series, stock_days: list[float]) -> Figures:
    n_e, n_p, n_s = len(grid.elements), len(grid.periods), len(grid.sources)
    n_cases = len(f) // grid.size
    tiled = grid.tiled(n_cases)

    # The plan's own figures do not depend on the case: planned volume and exposure.
    plan_rows = grid.rows.select("D", "cs", "price").with_columns(w.alias("w"))
    planned = pl.col("D") * pl.col("w")
    plan = plan_rows.select(
        _over(pl.col("w") * pl.col("cs"), n_s).alias("X"),
        _over(planned * pl.col("cs"), n_s).alias("Acs"),
        _over(planned * pl.col("cs") * pl.col("price"), n_s).alias("Acsp"),
        _over(planned * pl.col("price"), n_s).alias("Ap"),
    )
    volume = plan_rows.select(planned.alias("A")).get_column("A")

    # Deliveries per case: S = min(A, C × (1 − f)), C = A for an unlimited source.
    capacity = pl.when(pl.col("unlimited")).then(pl.col("A")).otherwise(pl.col("cap"))
    delivered = tiled.rows.with_columns(
        pl.concat([volume] * n_cases).alias("A"), f.alias("f")
    ).select(pl.min_horizontal(pl.col("A"), capacity * (1 - pl.col("f"))).alias("S"), "price")
    by_quarter = delivered.select(
        _over("S", n_s).alias("supplied"),
        _over(pl.col("S") * pl.col("price"), n_s).mul(1000).alias("cost"),
        *[pl.col("S").reshape((-1, n_s)).arr.get(s).alias(f"S{s}") for s in range(n_s)],
    )

    stock = [
        days * total / (DAYS_PER_QUARTER * n_p)
        for days, total in zip(stock_days, grid.demand_by_element.to_list(), strict=True)
    ]
    # A split such as 80/20 delivers D×0.8 + D×0.2, which can miss D by a rounding
    # error; a gap within that noise is no gap (it would flag products short).
    missing = pl.col("D") - pl.col("supplied")
    gap = pl.when(missing > pl.col("D") * ROUNDING_NOISE).then(missing).otherwise(0.0)
    # Gap of the earlier quarters of the same (case, element): the stock already drawn.
    gap_before = pl.col("gap").shift(1, fill_value=0.0).cum_sum().over("block")
    stock_here = pl.lit(pl.Series(stock, dtype=pl.Float64)).gather(pl.col("element_at"))
    drawn = pl.min_horizontal(pl.col("gap"), (stock_here - gap_before).clip(lower_bound=0.0))
    shortfall = pl.col("gap") - pl.col("drawn")
    days_short = (
        pl.when(pl.col("D") > 0).then(shortfall / (pl.col("D") / DAYS_PER_QUARTER)).otherwise(0.0)
    )
    quarters = (
        pl.concat([tiled.quarters, by_quarter], how="horizontal")
        .with_columns(gap.alias("gap"), pl.concat([plan.get_column("X")] * n_cases).alias("X"))
        .with_columns(drawn.alias("drawn"))
        .with_columns(shortfall.alias("shortfall"), days_short.alias("days_short"))
    )

    per_element = plan.select(_over("Acs", n_p).alias("Acs"))
    elements = quarters.select(
        _over("D", n_p).alias("demand_t"),
        _over("supplied", n_p).alias("supplied_t"),
        _over("gap", n_p).alias("gap_t"),
        _over("cost", n_p).alias("cost_usd"),
        _over("drawn", n_p).alias("stockpile_drawn_t"),
        _over("shortfall", n_p).alias("shortfall_t"),
        _over("days_short", n_p).alias("days_short"),
    ).with_columns(
        tiled.element_names,
        pl.Series("stockpile_t", stock * n_cases, dtype=pl.Float64),
        pl.concat([per_element.get_column("Acs")] * n_cases).alias("Acs"),
    )
    demand = pl.col("demand_t")
    elements = elements.with_columns(
        pl.when(demand > 0).then(pl.col("supplied_t") / demand).otherwise(1.0).alias("coverage"),
        pl.when(demand > 0).then(pl.col("Acs") / demand).otherwise(None).alias("china_exposure"),
    )
    totals = plan.select(pl.col("Acs").sum(), pl.col("Acsp").sum(), pl.col("Ap").sum()).row(0)
    acs, acsp, ap = totals
    portfolio = elements.select(
        _over("demand_t", n_e).alias("demand_t"),
        _over("supplied_t", n_e).alias("supplied_t"),
        _over("gap_t", n_e).alias("gap_t"),
        _over("cost_usd", n_e).alias("cost_usd"),
        _over("stockpile_drawn_t", n_e).alias("stockpile_drawn_t"),
        _over("shortfall_t", n_e).alias("shortfall_t"),
    ).with_columns(
        pl.when(demand > 0).then(pl.col("supplied_t") / demand).otherwise(1.0).alias("coverage"),
        pl.when(demand > 0).then(acs / demand).otherwise(None).alias("china_exposure"),
        pl.lit(acsp / ap if ap > 0 else None, dtype=pl.Float64).alias("china_exposure_value"),
    )
    return Figures(quarters=quarters, elements=elements, portfolio=portfolio)


def units_short(grid: Grid, quarters: pl.DataFrame, n_cases: int) -> list[pl.Series]:
    """Per case, units short per product (dataset order), summed over the horizon.

    ``units_short[q,p] = units[q,p] × max over q's elements of shortfall/D``: the
    ratios are gathered through the fixed product slots (see ``Grid``), the max taken
    across each product's slots and the units summed per product, all cases at once.
    """
    tiled = grid.tiled(n_cases)
    plane = len(grid.elements) * len(grid.periods)
    ratio = quarters.select(
        pl.when(pl.col("D") > 0).then(pl.col("shortfall") / pl.col("D")).otherwise(0.0)
    ).to_series()
    padding = pl.Series([0.0])
    ratios = pl.concat(
        [part for k in range(n_cases) for part in (ratio.slice(k * plane, plane), padding)]
    )
    short = tiled.product_slots.select(
        (
            pl.lit(ratios).gather(pl.col("slot")).reshape((-1, grid.slot_width)).arr.max()
            * tiled.product_units
        )
        .reshape((-1, len(grid.periods)))
        .arr.sum()
        .alias("units_short")
    ).to_series()
    n_q = len(grid.products)
    return [short.slice(k * n_q, n_q) for k in range(n_cases)]
