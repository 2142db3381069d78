"""The engine: prepare a dataset once, then evaluate plans against it quickly."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tui.domain.dataset import Dataset
from tui.domain.figures import ELEMENT_FIGURES, PORTFOLIO_FIGURES
from tui.domain.plan import BASE_CASE, Plan
from tui.engine import calculate, plan_frames
from tui.engine.prepare import Grid, PreparedDataset
from tui.engine.results import CaseResult, Evaluation, Portfolio
from tui.engine.warnings import plan_warnings


@dataclass(frozen=True, eq=False)
class _State:
    """The arrays an evaluation was computed from, reused by ``reevaluate``."""

    grid: Grid
    weights: pl.Series
    cuts: pl.Series


class Engine:
    """Prepares a dataset once; evaluates plans against it.

    ``evaluate`` computes every case of a plan; ``reevaluate`` rebuilds only the
    changed element's split weights and reuses the rest, which is what the app calls
    on every key press.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.prepared = PreparedDataset(dataset)

    def horizon(self, plan: Plan) -> tuple[str, str]:
        if plan.horizon is not None:
            return plan.horizon.start, plan.horizon.end
        return self.prepared.default_horizon

    def evaluate(self, plan: Plan) -> Evaluation:
        grid = self.prepared.grid(*self.horizon(plan))
        state = _State(grid, plan_frames.weights(plan, grid), plan_frames.cuts(plan, grid))
        return self._evaluate(plan, state)

    def reevaluate(self, previous: Evaluation, plan: Plan, element: str) -> Evaluation:
        """Recompute after only ``element``'s entry in ``plan`` changed.

        Falls back to a full evaluation when anything plan-wide (horizon, defaults,
        stress cases) differs from the plan ``previous`` was computed for.
        """
        old = previous.plan
        state = previous.state
        if (
            not isinstance(state, _State)
            or old.horizon != plan.horizon
            or old.defaults != plan.defaults
            or old.stress != plan.stress
            or element not in self.prepared.elements
        ):
            return self.evaluate(plan)
        e = self.prepared.elements.index(element)
        weights = plan_frames.weights(plan, state.grid, base=state.weights, element=e)
        return self._evaluate(plan, _State(state.grid, weights, state.cuts))

    # ------------------------------------------------------------------------------

    def _evaluate(self, plan: Plan, state: _State) -> Evaluation:
        grid = state.grid
        stock_days = [float(plan.stockpile_days(element)) for element in grid.elements]
        figures = calculate.compute(grid, state.weights, state.cuts, stock_days)
        n_e, n_m = len(grid.elements), len(grid.elements) * len(grid.periods)
        portfolio = figures.portfolio.to_dicts()
        elements = figures.elements.select(ELEMENT_FIGURES)
        periods = figures.quarters.select(
            "element",
            "period",
            pl.col("D").alias("demand_t"),
            pl.col("supplied").alias("supplied_t"),
            pl.col("gap").alias("gap_t"),
            pl.col("X").alias("china_exposure"),
            pl.col("drawn").alias("stockpile_drawn_t"),
            pl.col("shortfall").alias("shortfall_t"),
            "days_short",
            *[pl.col(f"S{s}").alias(f"supplied_{name}") for s, name in enumerate(grid.sources)],
        )
        products = self._products(grid, figures.quarters, len(portfolio))
        cases = []
        for k, figures_k in enumerate(portfolio):
            stress = plan.stress[k - 1] if k else None
            cases.append(
                CaseResult(
                    case=stress.name if stress else BASE_CASE,
                    stress=stress,
                    portfolio=Portfolio(**{name: figures_k[name] for name in PORTFOLIO_FIGURES}),
                    elements=elements.slice(k * n_e, n_e),
                    periods=periods.slice(k * n_m, n_m),
                    products=products[k],
                )
            )
        return Evaluation(
            plan=plan,
            start=grid.periods[0],
            end=grid.periods[-1],
            periods=grid.periods,
            sources=grid.sources,
            warnings=tuple(plan_warnings(plan, grid, state.weights)),
            cases=tuple(cases),
            all_china_cost_usd=grid.all_china_cost_usd,
            state=state,
        )

    def _products(self, grid: Grid, quarters: pl.DataFrame, n_cases: int) -> list[pl.DataFrame]:
        """Per case: product, units, units_short — every product, in dataset order."""
        if not grid.products:
            empty = grid.units_by_product.with_columns(pl.lit(0.0).alias("units_short"))
            return [empty] * n_cases
        return [
            grid.units_by_product.with_columns(short)
            for short in calculate.units_short(grid, quarters, n_cases)
        ]
