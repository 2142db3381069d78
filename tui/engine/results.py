"""Typed results shared by the command line, the diff and the app.

Frames have fixed columns (shares as fractions 0–1, tonnes, USD), in dataset order:

- ``CaseResult.elements``: element, demand_t, supplied_t, gap_t, coverage,
  china_exposure (planned; null when demand is 0), cost_usd (contract and spot),
  stockpile_t, stockpile_drawn_t, shortfall_t, days_short, spot_t, spot_cost_usd,
  china_exposure_bought (null when nothing is bought), stock_cost_usd, total_cost_usd
- ``CaseResult.periods``: element, period, demand_t, supplied_t, gap_t,
  china_exposure, stockpile_drawn_t, shortfall_t, days_short, spot_t,
  china_exposure_bought, then one ``supplied_<source>`` column per dataset source
  (tonnes delivered under contract) and one ``spot_<source>`` column per source that
  sells spot (tonnes bought spot)
- ``CaseResult.products``: product, units, units_short (summed over the horizon),
  value_short_usd (null when a unit value is unknown); empty without products

``supplied_t``, ``gap_t`` and ``coverage`` are what the contracts deliver; spot
purchases are in the ``spot_*`` figures, and stock is drawn only from what spot left.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from tui.domain.plan import Plan, StressCase
from tui.engine.warnings import EngineWarning


@dataclass(frozen=True)
class Portfolio:
    demand_t: float
    supplied_t: float
    gap_t: float
    coverage: float
    china_exposure: float | None
    china_exposure_value: float | None
    cost_usd: float
    stockpile_drawn_t: float
    shortfall_t: float
    spot_t: float = 0.0
    spot_cost_usd: float = 0.0
    china_exposure_bought: float | None = None
    stock_cost_usd: float = 0.0
    total_cost_usd: float = 0.0
    value_short_usd: float | None = None


@dataclass(frozen=True, eq=False)
class CaseResult:
    case: str
    stress: StressCase | None
    portfolio: Portfolio
    elements: pl.DataFrame
    periods: pl.DataFrame
    products: pl.DataFrame

    def element(self, symbol: str) -> dict[str, object]:
        """One row of ``elements`` as a dict (raises KeyError if unknown)."""
        rows = self.elements.filter(pl.col("element") == symbol).to_dicts()
        if not rows:
            raise KeyError(symbol)
        return rows[0]

    def element_periods(self, symbol: str) -> pl.DataFrame:
        return self.periods.filter(pl.col("element") == symbol)

    @property
    def products_short(self) -> list[str]:
        """Products that lose units in this case, the worst first (ties in dataset
        order)."""
        return self.worst_products(self.products.height)[0]

    def worst_products(self, limit: int) -> tuple[list[str], int]:
        """The ``limit`` products that lose the most units in this case, the worst first
        (ties in dataset order), and how many lose any. Read in Python, and only the
        names shown: the headline asks for it of every case on every key press, and a
        dataset of 2,000 products left 1,300 short in a case."""
        units = self.products.get_column("units_short").to_list()
        short = [(-u, i) for i, u in enumerate(units) if u is not None and u > 0]
        worst = [i for _, i in heapq.nsmallest(limit, short)]
        return self.products.get_column("product").gather(worst).to_list(), len(short)

    @property
    def worst_days_short(self) -> float:
        if self.elements.height == 0:
            return 0.0
        worst = self.elements.get_column("days_short").max()
        return float(worst) if isinstance(worst, int | float) else 0.0

    @property
    def worst_element(self) -> str | None:
        """The element short for the most days, or None when nothing is short.

        Elements within rounding noise of the worst count as tied (sums in another order
        differ in the last bit), and a tie goes to the first in dataset order.
        """
        worst = self.worst_days_short
        if worst <= 0:
            return None
        days = self.elements.get_column("days_short").to_list()
        for element, value in zip(self.elements.get_column("element").to_list(), days, strict=True):
            if value is not None and value >= worst * (1 - 1e-9):
                return str(element)
        return None


@dataclass(frozen=True, eq=False)
class Evaluation:
    plan: Plan
    start: str
    end: str
    periods: tuple[str, ...]
    sources: tuple[str, ...]
    spot_sources: tuple[str, ...]
    """The sources that sell spot, in dataset order (each has a ``spot_<source>`` column)."""
    warnings: tuple[EngineWarning, ...]
    cases: tuple[CaseResult, ...]
    all_china: Callable[[], float] = field(repr=False)
    """Computes ``all_china_cost_usd`` when first asked (the JSON and CSV never do)."""

    @cached_property
    def all_china_cost_usd(self) -> float:
        """Total cost of the same plan with every element bought wholly from China: same
        horizon, stock days and carrying cost, its base case (contract, spot and stock)."""
        return self.all_china()

    @property
    def base(self) -> CaseResult:
        return self.cases[0]

    @property
    def stress_cases(self) -> tuple[CaseResult, ...]:
        return self.cases[1:]

    @property
    def premium_usd(self) -> float:
        """What the plan costs beyond buying everything from China (total costs)."""
        return self.base.portfolio.total_cost_usd - self.all_china_cost_usd

    @property
    def worst_stress_shortfall_t(self) -> float | None:
        """The largest shortfall over the stress cases; None when the plan has none."""
        return max((c.portfolio.shortfall_t for c in self.stress_cases), default=None)

    @property
    def worst_stress_days_short(self) -> float | None:
        return max((c.worst_days_short for c in self.stress_cases), default=None)
