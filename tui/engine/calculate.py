"""The model as a polars pipeline over long frames, step by step in the planner's words.

One row per (case, element, period, source) carries the plan's split fraction ``w``,
the case's cut ``f`` and price factor, and the dataset's capacity, prices and China
share. Sums over sources, quarters and elements are ``group_by``s; the two rules that
run in order — spot purchases filled cheapest first, stock drawn quarter by quarter —
are cumulative sums over the right groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import polars as pl

from tui.domain.period import DAYS_PER_QUARTER

ROUNDING_NOISE = 1e-12
"""Relative size below which a gap is floating-point noise, not a shortage."""

IN_MEMORY: Final = "in-memory"
"""polars' in-memory engine: on frames of thousands of rows it runs these queries in
about half the time of the streaming engine (the default of polars 2)."""

SMALL_FRAMES: Final = pl.QueryOptFlags.none(comm_subplan_elim=True)
"""The optimiser passes these queries are worth: on frames of a few thousand rows the
passes cost more than they save (pushdowns, expression rewrites), except sharing the
subplans that elements, products and portfolio have in common."""

QUARTER = ["case", "e", "p"]
ELEMENT = ["case", "e"]


@dataclass(frozen=True)
class Figures:
    """What one evaluation computed, every case stacked (case 0 = base), in order."""

    rows: pl.DataFrame  # per (case, element, period, source)
    quarters: pl.DataFrame  # per (case, element, period)
    elements: pl.DataFrame  # per (case, element)
    portfolio: pl.DataFrame  # per case
    products: pl.DataFrame  # per (case, product)


def _ratio(numerator: pl.Expr, denominator: pl.Expr, when_zero: float | None) -> pl.Expr:
    return pl.when(denominator > 0).then(numerator / denominator).otherwise(when_zero)


def _beyond_noise(missing: pl.Expr, demand: pl.Expr) -> pl.Expr:
    """A split such as 80/20 delivers D×0.8 + D×0.2, which can miss D by a rounding
    error; a gap within that noise is no gap (it would flag products short)."""
    return pl.when(missing > demand * ROUNDING_NOISE).then(missing).otherwise(0.0)


def compute(
    rows: pl.DataFrame,
    cases: pl.DataFrame,
    weights: pl.DataFrame,
    disruptions: pl.DataFrame,
    stock: pl.DataFrame,
    products: ProductFrames | None,
) -> Figures:
    """Every figure of every case: three polars collects, each on the last one's result
    (one query for everything would make polars compute the shared parts again). The
    last collects elements, products and the portfolio together: the portfolio's plan
    reuses the other two (polars caches the shared parts), which on these small frames
    saves a whole query's fixed cost.

    ``rows``: the horizon's (element, period, source) rows; ``weights``: w per
    (e, p, s); ``disruptions``: cut_s, f, price_factor per (case, e, p); ``stock``:
    per element (dataset order) stockpile_t and stock_cost_usd.
    """
    sells_spot = rows.get_column("spot_price_usd_kg").null_count() < rows.height
    by_row = _contracts_and_spot(
        rows.lazy(), cases.lazy(), weights.lazy(), disruptions.lazy(), sells_spot=sells_spot
    ).collect(engine=IN_MEMORY, optimizations=SMALL_FRAMES)
    quarters = _quarters(by_row.lazy(), stock.lazy()).collect(
        engine=IN_MEMORY, optimizations=SMALL_FRAMES
    )
    by_element = _elements(quarters.lazy(), stock.lazy())
    by_product = _products(quarters.lazy(), cases.lazy(), products)
    elements, product_figures, portfolio = pl.collect_all(
        [by_element, by_product, _portfolio(by_element, by_product)],
        engine=IN_MEMORY,
        optimizations=SMALL_FRAMES,
    )
    return Figures(by_row, quarters, elements, portfolio, product_figures)


def _contracts_and_spot(
    rows: pl.LazyFrame,
    cases: pl.LazyFrame,
    weights: pl.LazyFrame,
    disruptions: pl.LazyFrame,
    *,
    sells_spot: bool = True,
) -> pl.LazyFrame:
    """Planned volume, contract deliveries and spot purchases per source.

    - planned ``A = D × w``
    - cut capacity ``C' = C × (1 − f)``, or ``A × (1 − f)`` for an unlimited row
    - delivered under contract ``S = min(A, C')``; the gap ``G = D − Σ_s S``
    - spot limit: a limited row sells what its cut capacity has left, ``C' − S``; an
      unlimited one ``(1 − f) × G``; a source without a spot premium sells nothing
    - spot fills G from the cheapest spot price (price × (1 + premium) × price factor)
      first, ties in dataset order, each source up to its limit
    """
    planned = (
        rows.join(weights, on=["e", "p", "s"], how="left", maintain_order="left")
        .with_columns(pl.col("w").fill_null(0.0))
        .with_columns((pl.col("demand_t") * pl.col("w")).alias("planned_t"))
    )
    cut = pl.when(pl.col("s") == pl.col("cut_s")).then(pl.col("f")).otherwise(0.0)
    uncut = 1 - pl.col("f")
    frame = (
        cases.select("case")
        .join(planned, how="cross", maintain_order="left_right")  # case, element, period, source
        .join(disruptions, on=["case", "e", "p"], how="left", maintain_order="left")
        .with_columns(cut.fill_null(0.0).alias("f"), pl.col("price_factor").fill_null(1.0))
        .with_columns(
            pl.when(pl.col("unlimited"))
            .then(pl.col("planned_t") * uncut)
            .otherwise(pl.col("capacity_t") * uncut)
            .alias("cut_capacity_t")
        )
        .with_columns(
            pl.min_horizontal("planned_t", "cut_capacity_t").alias("supplied_t"),
            (pl.col("spot_price_usd_kg") * pl.col("price_factor")).alias("spot_price"),
        )
        .with_columns(
            _beyond_noise(
                pl.col("demand_t") - pl.col("supplied_t").sum().over(QUARTER), pl.col("demand_t")
            ).alias("gap_t")
        )
        .with_columns(
            pl.when(pl.col("spot_price").is_null())
            .then(0.0)
            .when(pl.col("unlimited"))
            .then(uncut * pl.col("gap_t"))
            .otherwise(pl.col("cut_capacity_t") - pl.col("supplied_t"))
            .alias("spot_limit_t")
        )
    )
    if not sells_spot:
        return frame.with_columns(pl.lit(0.0).alias("spot_t"))
    # Only rows that can sell into a gap take part in the fill, cheapest first.
    bought_before = pl.col("spot_limit_t").cum_sum().over(QUARTER) - pl.col("spot_limit_t")
    spot = (
        frame.filter((pl.col("spot_limit_t") > 0) & (pl.col("gap_t") > 0))
        .sort([*QUARTER, "spot_price", "s"])
        .select(
            *QUARTER,
            "s",
            pl.min_horizontal("spot_limit_t", pl.col("gap_t") - bought_before)
            .clip(lower_bound=0.0)
            .alias("spot_t"),
        )
    )
    return frame.join(spot, on=[*QUARTER, "s"], how="left", maintain_order="left").with_columns(
        pl.col("spot_t").fill_null(0.0)
    )


def _quarters(by_row: pl.LazyFrame, stock: pl.LazyFrame) -> pl.LazyFrame:
    """Per (case, element, period): totals over sources, then the stock draw.

    Stock is drawn from what spot left, in period order and never refilled:
    ``drawn = min(left after spot, stock − what earlier quarters needed)``.
    """
    bought = pl.col("supplied_t") + pl.col("spot_t")
    planned = pl.col("planned_t")
    remaining = pl.col("remaining_t")
    needed_before = remaining.cum_sum().over(ELEMENT) - remaining
    drawn = pl.min_horizontal(
        remaining, (pl.col("stockpile_t") - needed_before).clip(lower_bound=0.0)
    )
    shortfall = remaining - pl.col("stockpile_drawn_t")
    return (
        by_row.group_by(QUARTER, maintain_order=True)
        .agg(
            pl.col("element").first(),
            pl.col("period").first(),
            pl.col("demand_t").first(),
            pl.col("supplied_t").sum(),
            pl.col("gap_t").first(),
            (pl.col("w") * pl.col("china_share")).sum().alias("china_exposure"),
            (pl.col("supplied_t") * pl.col("price_usd_kg")).sum().mul(1000).alias("contract_usd"),
            pl.col("spot_t").sum(),
            (pl.col("spot_t") * pl.col("spot_price")).sum().mul(1000).alias("spot_cost_usd"),
            bought.sum().alias("bought_t"),
            (bought * pl.col("china_share")).sum().alias("bought_china_t"),
            (planned * pl.col("china_share")).sum().alias("planned_china_t"),
            (planned * pl.col("china_share") * pl.col("price_usd_kg")).sum().alias("china_usd"),
            (planned * pl.col("price_usd_kg")).sum().alias("planned_usd"),
        )
        .join(stock.select("e", "stockpile_t"), on="e", how="left", maintain_order="left")
        .with_columns(
            _beyond_noise(pl.col("gap_t") - pl.col("spot_t"), pl.col("demand_t")).alias(
                "remaining_t"
            ),
            _ratio(pl.col("bought_china_t"), pl.col("bought_t"), None).alias(
                "china_exposure_bought"
            ),
        )
        .with_columns(drawn.alias("stockpile_drawn_t"))
        .with_columns(shortfall.alias("shortfall_t"))
        .with_columns(
            _ratio(pl.col("shortfall_t"), pl.col("demand_t") / DAYS_PER_QUARTER, 0.0).alias(
                "days_short"
            )
        )
    )


_SUMMED = (
    "demand_t",
    "supplied_t",
    "gap_t",
    "contract_usd",
    "spot_t",
    "spot_cost_usd",
    "stockpile_drawn_t",
    "shortfall_t",
    "bought_t",
    "bought_china_t",
    "planned_china_t",
    "china_usd",
    "planned_usd",
)


def _shares_and_costs(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Coverage, exposures and costs from the summed tonnes and dollars."""
    return frame.with_columns(
        _ratio(pl.col("supplied_t"), pl.col("demand_t"), 1.0).alias("coverage"),
        _ratio(pl.col("planned_china_t"), pl.col("demand_t"), None).alias("china_exposure"),
        _ratio(pl.col("bought_china_t"), pl.col("bought_t"), None).alias("china_exposure_bought"),
        (pl.col("contract_usd") + pl.col("spot_cost_usd")).alias("cost_usd"),
    ).with_columns((pl.col("cost_usd") + pl.col("stock_cost_usd")).alias("total_cost_usd"))


def _elements(quarters: pl.LazyFrame, stock: pl.LazyFrame) -> pl.LazyFrame:
    totals = quarters.group_by(ELEMENT, maintain_order=True).agg(
        pl.col("element").first(), *[pl.col(name).sum() for name in (*_SUMMED, "days_short")]
    )
    with_stock = totals.join(
        stock.select("e", "stockpile_t", "stock_cost_usd"), on="e", maintain_order="left"
    )
    return _shares_and_costs(with_stock)


def _portfolio(elements: pl.LazyFrame, products: pl.LazyFrame) -> pl.LazyFrame:
    value_short = products.group_by("case").agg(
        pl.when(pl.col("value_short_usd").is_not_null().any())
        .then(pl.col("value_short_usd").sum())
        .alias("value_short_usd")
    )
    totals = elements.group_by("case", maintain_order=True).agg(
        *[pl.col(name).sum() for name in (*_SUMMED, "stock_cost_usd")]
    )
    return (
        _shares_and_costs(totals)
        .with_columns(
            _ratio(pl.col("china_usd"), pl.col("planned_usd"), None).alias("china_exposure_value")
        )
        .join(value_short, on="case", how="left", maintain_order="left")
    )


@dataclass(frozen=True)
class ProductFrames:
    """The horizon's products: ``products`` (q, product, units, value_known) in dataset
    order, and ``needs`` (q, p, e, units, unit_value_usd): each quarter a product is
    built, once per element it needs. q and e are the product's and element's
    positions, joined on as integers (faster than names)."""

    products: pl.DataFrame
    needs: pl.DataFrame


def _products(
    quarters: pl.LazyFrame, cases: pl.LazyFrame, products: ProductFrames | None
) -> pl.LazyFrame:
    """Pro-rata rationing: ``units_short[q,p] = units × max over q's elements of
    shortfall/D``, summed over the horizon; worth ``units_short × unit_value_usd``.

    Only the quarters that are short are joined to the bill of materials, so a plan
    without shortfall costs almost nothing here.
    """
    schema = {
        "case": pl.Int32,
        "product": pl.String,
        "units": pl.Float64,
        "units_short": pl.Float64,
        "value_short_usd": pl.Float64,
    }
    if products is None:
        return pl.LazyFrame(schema=schema)
    short = (
        quarters.filter((pl.col("shortfall_t") > 0) & (pl.col("demand_t") > 0))
        .select("case", "e", "p", (pl.col("shortfall_t") / pl.col("demand_t")).alias("r"))
        .join(products.needs.lazy(), on=["e", "p"])
        .group_by("case", "q", "p")
        .agg(pl.col("r").max(), pl.col("units").first(), pl.col("unit_value_usd").first())
        .with_columns((pl.col("units") * pl.col("r")).alias("units_short"))
        .group_by("case", "q")
        .agg(
            pl.col("units_short").sum(),
            (pl.col("units_short") * pl.col("unit_value_usd")).sum().alias("value"),
        )
    )
    return (
        cases.select("case")
        .join(products.products.lazy(), how="cross")
        .join(short, on=["case", "q"], how="left")
        .sort("case", "q")
        .select(
            "case",
            "product",
            "units",
            pl.col("units_short").fill_null(0.0),
            pl.when(pl.col("value_known"))
            .then(pl.col("value").fill_null(0.0))
            .alias("value_short_usd"),
        )
    )
