"""Properties on generated markets: a suggestion meets every limit through the engine,
is written in tenths, and costs no more than any plan the test builds that meets the
limits (the input plan among them); when there is none, the test finds none either
and the command explains why."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.suggest.helpers import broken_limits, meets_limits, run, tenths_ok
from tests.suggest.strategies import problems, whole_splits
from tui.domain.dataset import Dataset
from tui.domain.plan import Plan
from tui.engine import Engine
from tui.suggest import Limits, NoSuggestion

# How many examples: the suite's hypothesis profile decides.
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _candidates(draw: st.DrawFn, dataset: Dataset, plan: Plan, limits: Limits) -> list[Plan]:
    """The input plan and a few whole-percent plans with the kept elements as they are."""
    plans = [plan]
    for _ in range(4):
        candidate = plan
        for element in dataset.element_ids:
            if element not in limits.keep:
                candidate = candidate.with_split(element, draw(whole_splits(dataset.source_ids)))
        plans.append(candidate)
    return plans


@SETTINGS
@given(problem=problems(), data=st.data())
def test_suggestion_holds_and_is_never_beaten(problem, data) -> None:
    dataset, plan, limits = problem
    result = run(plan, dataset, limits)
    engine = Engine(dataset)  # one for all the candidates: each evaluated once
    evaluated = [(c, engine.evaluate(c)) for c in _candidates(data.draw, dataset, plan, limits)]
    feasible = [
        evaluation
        for candidate, evaluation in evaluated
        if meets_limits(candidate, evaluation, limits, plan)
    ]
    if isinstance(result, NoSuggestion):
        assert feasible == [], (dataset.demand.rows(), dataset.supply.rows(), result)
        lines = result.explanation.lines()
        assert lines[0] == "no split meets the limits" and len(lines) > 1
        return
    assert broken_limits(result.plan, result.evaluation, limits) == []
    assert tenths_ok(result.plan)
    for element in limits.keep:
        assert result.plan.elements.get(element) == plan.elements.get(element)
    cost = result.evaluation.base.portfolio.cost_usd
    assert cost >= result.optimum_cost_usd * (1 - 1e-9) - 1e-6  # tenths cannot beat it
    for evaluation in feasible:
        assert cost <= evaluation.base.portfolio.cost_usd * (1 + 1e-9) + 1e-6
