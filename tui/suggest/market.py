"""What the solver needs to know of a dataset over one horizon, as plain Python values.

Read straight from the dataset's frames (demand, products and bill of materials,
supply), not from the engine's working arrays: the optimiser states the planner's
limits in its own terms and uses the engine only to check the plan it writes.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tui.domain.dataset import Dataset
from tui.domain.period import DAYS_PER_QUARTER, period_index, period_range


@dataclass(frozen=True)
class Row:
    """One supply row: what source s can deliver of element e in quarter p."""

    capacity: float | None  # tonnes; None = unlimited
    price: float  # USD per kg
    china_share: float  # 0–1


@dataclass(frozen=True, eq=False)
class Market:
    """Demand and supply on the horizon; indices follow dataset order.

    ``demand[e][p]`` is total demand (direct plus products × bill of materials) in
    tonnes; ``rows[(e, s, p)]`` exists only where ``supply.csv`` has a row; ``spot[s]``
    says whether source s also sells on the spot market.
    """

    elements: tuple[str, ...]
    sources: tuple[str, ...]
    periods: tuple[str, ...]
    demand: tuple[tuple[float, ...], ...]
    rows: dict[tuple[int, int, int], Row]
    spot: tuple[bool, ...]

    @property
    def total_demand(self) -> float:
        return sum(sum(row) for row in self.demand)

    def element_demand(self, e: int) -> float:
        return sum(self.demand[e])

    def stock(self, e: int, stockpile_days: float) -> float:
        """Starting stock in tonnes: days of the element's average quarterly demand."""
        n = len(self.periods)
        return stockpile_days * self.element_demand(e) / (DAYS_PER_QUARTER * n) if n else 0.0

    def row(self, e: int, s: int, p: int) -> Row | None:
        return self.rows.get((e, s, p))

    def years(self) -> list[tuple[int, list[int]]]:
        """The horizon's calendar years, each with the positions of its quarters."""
        by_year: dict[int, list[int]] = {}
        for p, period in enumerate(self.periods):
            by_year.setdefault(int(period[:4]), []).append(p)
        return list(by_year.items())


def build_market(dataset: Dataset, start: str, end: str) -> Market:
    periods = tuple(period_range(start, end))
    position = {period: p for p, period in enumerate(periods)}
    elements, sources = dataset.element_ids, dataset.source_ids
    e_of = {element: e for e, element in enumerate(elements)}
    s_of = {source: s for s, source in enumerate(sources)}

    demand = [[0.0] * len(periods) for _ in elements]
    for element, period, tonnes in _total_demand(dataset, periods).iter_rows():
        if element in e_of:
            demand[e_of[element]][position[period]] += tonnes

    rows: dict[tuple[int, int, int], Row] = {}
    supply = dataset.supply.filter(pl.col("period").is_in(periods))
    for source, element, period, capacity, price, share in supply.select(
        "source", "element", "period", "capacity_t", "price_usd_kg", "china_share"
    ).iter_rows():
        if element in e_of and source in s_of:
            rows[(e_of[element], s_of[source], position[period])] = Row(capacity, price, share)

    spot = tuple(source.sells_spot for source in dataset.sources)
    return Market(
        elements=elements,
        sources=sources,
        periods=periods,
        demand=tuple(tuple(row) for row in demand),
        rows=rows,
        spot=spot,
    )


def _total_demand(dataset: Dataset, periods: tuple[str, ...]) -> pl.DataFrame:
    """element, period, tonnes: direct demand and units × kg per unit / 1000, summed."""
    parts = [dataset.demand.select("element", "period", "tonnes")]
    if dataset.has_products:
        parts.append(
            dataset.products.join(dataset.bom, on="product").select(
                "element",
                "period",
                (pl.col("units") * pl.col("kg_per_unit") / 1000).alias("tonnes"),
            )
        )
    return (
        pl.concat(parts)
        .filter(pl.col("period").is_in(periods))
        .group_by("element", "period")
        .agg(pl.col("tonnes").sum())
    )


def horizon_of(market: Market) -> tuple[int, int]:
    """The horizon's first and last quarter on the absolute quarter axis."""
    return period_index(market.periods[0]), period_index(market.periods[-1])
