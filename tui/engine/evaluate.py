"""The engine: prepare a dataset once, then evaluate plans against it."""

from __future__ import annotations

import polars as pl

from tui.domain.dataset import Dataset
from tui.domain.figures import (
    ELEMENT_FIGURES,
    PERIOD_FIGURES,
    PORTFOLIO_FIGURES,
    PRODUCT_FIGURES,
    planned_column,
    spot_column,
    supplied_column,
)
from tui.domain.period import DAYS_PER_QUARTER
from tui.domain.plan import ALL_CHINA, BASE_CASE, Defaults, Plan, StressCase
from tui.engine import calculate, plan_frames
from tui.engine.calculate import Figures, ProductFrames
from tui.engine.plan_frames import Disruptions
from tui.engine.prepare import HorizonFrames, PreparedDataset
from tui.engine.results import CaseResult, Evaluation, Portfolio
from tui.engine.warnings import plan_warnings


class Engine:
    """Prepares a dataset once; evaluates plans against it (every case at once)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.prepared = PreparedDataset(dataset)
        self._all_china: dict[tuple[int, int], float] = {}
        self._disruptions: tuple[tuple[object, ...], Disruptions] | None = None

    def horizon(self, plan: Plan) -> tuple[str, str]:
        if plan.horizon is not None:
            return plan.horizon.start, plan.horizon.end
        return self.prepared.default_horizon

    def evaluate(self, plan: Plan) -> Evaluation:
        frames = self.prepared.horizon(*self.horizon(plan))
        weights = plan_frames.split_fractions(plan, frames)
        figures = self._figures(plan, frames, weights, with_stress=True)
        stock_cost = float(figures.portfolio.get_column("stock_cost_usd")[0])
        return Evaluation(
            plan=plan,
            start=frames.periods[0],
            end=frames.periods[-1],
            periods=frames.periods,
            sources=frames.sources,
            spot_sources=frames.spot_sources,
            warnings=tuple(plan_warnings(plan, frames, weights)),
            cases=self._cases(plan, frames, figures),
            all_china=lambda: self._all_china_cost(frames) + stock_cost,
        )

    # ------------------------------------------------------------------------------

    def _figures(
        self, plan: Plan, frames: HorizonFrames, weights: pl.Series, *, with_stress: bool
    ) -> Figures:
        disruptions = self._disruptions_of(plan.stress if with_stress else (), frames)
        products = (
            ProductFrames(frames.products_frame, frames.product_needs, frames.need_spans)
            if frames.products
            else None
        )
        stacked = frames.every_case(disruptions.f.len() // frames.rows.height)
        return calculate.compute(stacked, weights, disruptions, self._stock(plan, frames), products)

    def _disruptions_of(self, stress: tuple[StressCase, ...], frames: HorizonFrames) -> Disruptions:
        """The stress cases' columns, kept for the next evaluation: a key press edits a
        split far more often than the stress cases, and writing the columns is a loop
        over every stacked row."""
        key = (stress, frames.first, frames.last)
        if self._disruptions is None or self._disruptions[0] != key:
            self._disruptions = (key, plan_frames.disruptions(stress, frames))
        return self._disruptions[1]

    def _stock(self, plan: Plan, frames: HorizonFrames) -> pl.DataFrame:
        """Starting stock per element, ``days × Σ_p D / (91.25 × n)``, and what holding
        it costs: ``stock × p_min × 1000 × carrying/100 × n/4`` (n quarters). Worked out
        in Python: a dozen elements cost less as floats than as two polars queries."""
        n = len(frames.periods)
        carrying = float(plan.stock_carrying_cost or 0)
        stock = [
            float(plan.stockpile_days(element)) * demand / (DAYS_PER_QUARTER * n)
            for element, demand in zip(frames.elements, frames.element_demand, strict=True)
        ]
        cost = [
            units * p_min * 1000 * carrying / 100 * n / 4
            for units, p_min in zip(stock, frames.element_p_min, strict=True)
        ]
        return pl.DataFrame(
            {"stockpile_t": stock, "stock_cost_usd": cost},
            schema={"stockpile_t": pl.Float64, "stock_cost_usd": pl.Float64},
        )

    def _all_china_cost(self, frames: HorizonFrames) -> float:
        """Cost (contract and spot) of the base case of a plan buying everything from
        China over the same horizon; 0 when the dataset has no ``china`` source. Stock
        costs the same in both plans, so the caller adds the plan's own stock cost."""
        key = (frames.first, frames.last)
        if key not in self._all_china:
            cost = 0.0
            if "china" in frames.sources:
                plan = Plan("all China", self.dataset.name, defaults=Defaults(split=ALL_CHINA))
                weights = plan_frames.split_fractions(plan, frames)
                figures = self._figures(plan, frames, weights, with_stress=False)
                cost = float(figures.portfolio.get_column("cost_usd")[0])
            self._all_china[key] = cost
        return self._all_china[key]

    def _cases(self, plan: Plan, frames: HorizonFrames, figures: Figures) -> tuple[CaseResult, ...]:
        n_elements = len(frames.elements)
        n_quarters = n_elements * len(frames.periods)
        n_sources = len(frames.sources)
        n_products = len(frames.products)
        # Rows are dense and sorted by (case, element, period, source): source k's
        # tonnes per quarter are every n-th value from position k. One select takes
        # them all; picking columns by name (``frame[names]``) runs no query.
        by_source = figures.rows.select(
            *[
                pl.col("supplied_t").gather_every(n_sources, k).alias(supplied_column(source))
                for k, source in enumerate(frames.sources)
            ],
            *[
                pl.col("planned_t").gather_every(n_sources, k).alias(planned_column(source))
                for k, source in enumerate(frames.sources)
            ],
            *[
                pl.col("spot_t")
                .gather_every(n_sources, frames.sources.index(source))
                .alias(spot_column(source))
                for source in frames.spot_sources
            ],
        )
        periods = figures.quarters[list(PERIOD_FIGURES)].hstack(by_source)
        elements = figures.elements[list(ELEMENT_FIGURES)]
        products = figures.products[list(PRODUCT_FIGURES)]
        portfolio = figures.portfolio.select(PORTFOLIO_FIGURES).to_dicts()
        results = []
        for k, figures_k in enumerate(portfolio):
            stress = plan.stress[k - 1] if k else None
            results.append(
                CaseResult(
                    case=stress.name if stress else BASE_CASE,
                    stress=stress,
                    portfolio=Portfolio(**figures_k),
                    elements=elements.slice(k * n_elements, n_elements),
                    periods=periods.slice(k * n_quarters, n_quarters),
                    products=products.slice(k * n_products, n_products),
                )
            )
        return tuple(results)
