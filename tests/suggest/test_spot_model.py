"""The survive rows with spot purchases, checked against a plain reading of the rules.

The engine's own spot purchases are checked by the properties in test_properties; here
the model's plan (solved in tenths) is read by ``spot_reference`` so that the spot
part of the model is tested on its own.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from hypothesis import HealthCheck, event, given, settings

from tests.suggest import strategies
from tests.suggest.spot_reference import shortfalls
from tui.domain.dataset import Dataset, Source
from tui.domain.plan import Plan
from tui.engine import Engine
from tui.suggest import Limits
from tui.suggest.market import build_market
from tui.suggest.model import Model
from tui.suggest.solver import solve
from tui.suggest.written import written_plan


def _with_spot(dataset: Dataset, premiums: list[float | None]) -> Dataset:
    """Spot premiums as drawn, and China unlimited, so that most markets have a split."""
    sources = tuple(
        Source(s.id, s.name, s.origin, premium)
        for s, premium in zip(dataset.sources, premiums, strict=False)
    )
    china = pl.col("source") == "china"
    supply = dataset.supply.with_columns(
        pl.when(china).then(None).otherwise(pl.col("capacity_t")).alias("capacity_t")
    )
    return replace(dataset, sources=sources, supply=supply)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=strategies.problems(), premiums=strategies.premium_lists())
def test_a_plan_that_survives_in_the_model_survives_by_the_rules(problem, premiums) -> None:
    dataset, plan, limits = problem
    dataset = _with_spot(dataset, premiums)
    if not plan.stress:
        return
    limits = Limits(survive=plan.stress, yearly=limits.yearly)
    assert plan.horizon is not None
    market = build_market(dataset, *Engine(dataset).horizon(plan))
    model = Model(market, plan, limits)
    built = model.build("cost", integer=True)
    solution = solve(built.programme)
    event(f"a split survives: {solution.optimal}")
    if not solution.optimal:
        return
    suggested, _ = written_plan(model, solution.values, built.share_columns)
    _check(dataset, suggested, limits)


def _check(dataset: Dataset, plan: Plan, limits: Limits) -> None:
    demand = {(e, p): t for e, p, t in dataset.demand.iter_rows()}
    for case in limits.survive:
        for key, short in shortfalls(dataset, plan, case).items():
            assert short <= 1e-6 * demand.get(key, 0.0) + 1e-9, (case, key, short)
