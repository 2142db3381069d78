"""The names of the figures a plan's evaluation gives, in the order they are shown.

The engine builds its result frames with these columns and the command line writes
them out in this order (SPEC §6), so the list lives once, here, free of polars.
"""

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
)
"""Per element and quarter; the engine adds a ``supplied_<source>`` column per source."""
PRODUCT_FIGURES = ("product", "units", "units_short")
