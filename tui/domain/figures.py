"""The names of the figures a plan's evaluation gives, in the order they are shown.

The engine builds its result frames with these columns and the command line writes
them out in this order, so the list lives once, here, free of polars. The first names
of each list are the contract-only figures; the buying figures (spot purchases,
exposure as bought, stock cost, value of units short) follow them.
"""

BUYING_FIGURES = (
    "spot_t",
    "spot_cost_usd",
    "china_exposure_bought",
    "stock_cost_usd",
    "total_cost_usd",
)
"""Portfolio and element figures of buying in practice, after the contract ones."""

PORTFOLIO_FIGURES = (
    "demand_t",
    "supplied_t",
    "gap_t",
    "coverage",
    "china_exposure",
    "china_exposure_value",
    "cost_usd",
    "stockpile_drawn_t",
    "shortfall_t",
    *BUYING_FIGURES,
    "value_short_usd",
)
ELEMENT_FIGURES = (
    "element",
    "demand_t",
    "supplied_t",
    "gap_t",
    "coverage",
    "china_exposure",
    "cost_usd",
    "stockpile_t",
    "stockpile_drawn_t",
    "shortfall_t",
    "days_short",
    *BUYING_FIGURES,
)
PERIOD_FIGURES = (
    "element",
    "period",
    "demand_t",
    "supplied_t",
    "gap_t",
    "china_exposure",
    "stockpile_drawn_t",
    "shortfall_t",
    "days_short",
    "spot_t",
    "china_exposure_bought",
)
"""Per element and quarter; the engine adds a ``supplied_<source>`` column per source,
then a ``spot_<source>`` column per source that sells spot."""
PRODUCT_FIGURES = ("product", "units", "units_short", "value_short_usd")


def supplied_column(source: str) -> str:
    """The period column of tonnes delivered under contract by ``source``."""
    return f"supplied_{source}"


def planned_column(source: str) -> str:
    """The period column of tonnes the plan asks of ``source`` (demand × its share)."""
    return f"planned_{source}"


def spot_column(source: str) -> str:
    """The period column of tonnes bought spot from ``source``."""
    return f"spot_{source}"
