"""The polars engine against the plain-Python reference, on generated datasets and plans.

Every figure of every case, element, period, portfolio and product must agree to 1e-9
relative (with an absolute floor scaled to the data, for the cancellation in
gap = D − ΣS), and null where the reference says null.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from bench.plain_model import evaluate_reference
from bench.synthetic import make_dataset, make_plan
from tests.engine.compare import Scales, differences, evaluation_to_dict
from tests.engine.strategies import datasets_and_plans
from tests.properties import examples
from tui.domain.dataset import Dataset
from tui.domain.plan import Plan
from tui.engine import Engine

SETTINGS = settings(
    max_examples=examples(1.25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _compared(expected: dict[str, Any], engine: dict[str, Any]) -> list[str]:
    keys = ("plan", "horizon", "periods", "cases", "all_china_cost_usd")
    wanted = {key: expected[key] for key in keys}
    return differences(wanted, engine, Scales.of(expected))


def _assert_matches(dataset: Dataset, plan: Plan, engine: dict[str, Any]) -> None:
    found = _compared(evaluate_reference(dataset, plan), engine)
    assert not found, f"{len(found)} differences, first ones:\n" + "\n".join(found[:20])


@SETTINGS
@given(datasets_and_plans())
def test_engine_matches_reference(case: tuple[Dataset, Plan]) -> None:
    dataset, plan = case
    evaluation = Engine(dataset).evaluate(plan)
    assert evaluation.sources == dataset.source_ids
    assert [c.case for c in evaluation.cases] == ["base", *(s.name for s in plan.stress)]
    _assert_matches(dataset, plan, evaluation_to_dict(evaluation))


def test_large_synthetic_dataset_matches_reference() -> None:
    dataset = make_dataset(2000, 20, 6, 40, seed=7)
    plan = make_plan(dataset, n_stress=3, seed=7)
    evaluation = Engine(dataset).evaluate(plan)
    assert len(evaluation.cases) == 4
    assert evaluation.base.products.height == 2000
    _assert_matches(dataset, plan, evaluation_to_dict(evaluation))


def test_synthetic_generators_are_deterministic_and_sized() -> None:
    first, second = make_dataset(50, 5, 3, 8, seed=3), make_dataset(50, 5, 3, 8, seed=3)
    for name in ("demand", "supply", "products", "bom"):
        assert getattr(first, name).equals(getattr(second, name))
    assert first.element_ids == ("E01", "E02", "E03", "E04", "E05")
    assert first.source_ids == ("china", "s1", "s2")
    assert first.periods[0] == "2026Q1" and len(first.periods) == 8
    assert first.supply.get_column("capacity_t").null_count() > 0  # some unlimited
    assert make_plan(first, 3, seed=3) == make_plan(second, 3, seed=3)
    plan = make_plan(first, n_stress=3, seed=3)
    assert len(plan.stress) == 3
    assert all(split.is_complete() for split in _splits(plan))


def _splits(plan: Plan) -> list[Any]:
    found = [plan.defaults.split] if plan.defaults and plan.defaults.split else []
    for entry in plan.elements.values():
        found += [entry.split] if entry.split else []
        found += [step.split for step in entry.schedule]
    return found


@settings(
    max_examples=examples(0.5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(datasets_and_plans())
def test_one_engine_follows_the_stress_cases_from_plan_to_plan(
    case: tuple[Dataset, Plan],
) -> None:
    """The engine keeps the last plan's stress columns; a plan with other stress cases
    (reordered, or none) must not be evaluated with them."""
    dataset, plan = case
    engine = Engine(dataset)
    for stressed in (plan, plan.with_stress(reversed(plan.stress)), plan.with_stress(()), plan):
        _assert_matches(dataset, stressed, evaluation_to_dict(engine.evaluate(stressed)))
