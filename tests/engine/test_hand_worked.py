"""SPEC §5 on tiny cases worked out by hand, checked on the reference and on the engine.

Each figure in a comment is computed by hand from the formulas of SPEC §5, so that the
reference itself is checked before it is used to check the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.engine import builders as b
from tests.engine.compare import evaluation_to_dict
from tests.engine.reference import evaluate_reference
from tui.domain.dataset import Dataset
from tui.domain.plan import Defaults, ElementPlan, Plan, ScheduleStep, Split, StressCase
from tui.engine import Engine

Evaluator = Callable[[Dataset, Plan], dict[str, Any]]


def _engine(dataset: Dataset, plan: Plan) -> dict[str, Any]:
    return evaluation_to_dict(Engine(dataset).evaluate(plan))


@pytest.fixture(params=[evaluate_reference, _engine], ids=["reference", "engine"])
def evaluate(request: pytest.FixtureRequest) -> Evaluator:
    return request.param


def _periods(result: dict[str, Any], case: int, element: str) -> list[dict[str, Any]]:
    return [row for row in result["cases"][case]["periods"] if row["element"] == element]


def _element(result: dict[str, Any], case: int, element: str) -> dict[str, Any]:
    return next(row for row in result["cases"][case]["elements"] if row["element"] == element)


# Nd: 90 t in each of 2027Q1 and 2027Q2, all from an unlimited China.
EMBARGO_DATA = b.dataset(
    [("Nd", "2027Q1", 90.0), ("Nd", "2027Q2", 90.0)],
    [("china", "Nd", p, None, 10.0, 1.0) for p in ("2027Q1", "2027Q2")],
    elements=("Nd",),
    sources=("china",),
)


def _embargo(months: int, severity: float = 100) -> Plan:
    case = StressCase("embargo", "china", "2027Q1", months, severity)
    return b.plan({"Nd": b.split(china=100)}, stress=[case])


def test_two_month_embargo_cuts_two_thirds_of_one_quarter(evaluate: Evaluator) -> None:
    result = evaluate(EMBARGO_DATA, _embargo(2))
    # f[2027Q1] = 100/100 × 2/3; unlimited: C = A × (1 − f) = 90 × 1/3 = 30 → gap 60
    # f[2027Q2] = 0 (the window Jan–Feb 2027 has no month in Apr–Jun) → S = 90
    q1, q2 = _periods(result, 1, "Nd")
    assert q1["supplied_t"] == pytest.approx(30.0)
    assert q1["gap_t"] == pytest.approx(60.0)
    assert q2["supplied_t"] == pytest.approx(90.0)
    assert q2["gap_t"] == pytest.approx(0.0)
    assert [c["case"] for c in result["cases"]] == ["base", "embargo"]
    assert result["cases"][0]["portfolio"]["gap_t"] == pytest.approx(0.0)
    # cost falls with deliveries: (30 + 90) t × 10 USD/kg × 1000
    assert result["cases"][1]["portfolio"]["cost_usd"] == pytest.approx(1_200_000.0)


def test_four_month_embargo_cuts_a_whole_quarter_then_a_third(evaluate: Evaluator) -> None:
    result = evaluate(EMBARGO_DATA, _embargo(4))
    # m = 3 in 2027Q1 → f = 1 → S = 0; m = 1 in 2027Q2 → f = 1/3 → S = 60
    q1, q2 = _periods(result, 1, "Nd")
    assert q1["supplied_t"] == pytest.approx(0.0)
    assert q2["supplied_t"] == pytest.approx(60.0)
    assert _element(result, 1, "Nd")["gap_t"] == pytest.approx(120.0)
    # coverage 60/180; days short: 90/(90/91.25) + 30/(90/91.25) = 91.25 + 30.4166…
    nd = _element(result, 1, "Nd")
    assert nd["coverage"] == pytest.approx(1 / 3)
    assert nd["days_short"] == pytest.approx(91.25 + 91.25 / 3)


def test_partial_severity_on_a_finite_capacity() -> None:
    data = b.dataset(
        [("Nd", "2027Q1", 90.0)],
        [("china", "Nd", "2027Q1", 60.0, 10.0, 1.0)],
        elements=("Nd",),
        sources=("china",),
    )
    plan = b.plan({"Nd": b.split(china=100)}, stress=[StressCase("half", "china", "2027Q1", 3, 50)])
    for result in (evaluate_reference(data, plan), _engine(data, plan)):
        # base: min(90, 60) = 60; stress f = 0.5 × 3/3 → C = 30 → S = 30
        assert _periods(result, 0, "Nd")[0]["supplied_t"] == pytest.approx(60.0)
        assert _periods(result, 1, "Nd")[0]["supplied_t"] == pytest.approx(30.0)


def test_window_across_a_year_end_and_listed_elements(evaluate: Evaluator) -> None:
    data = b.dataset(
        [(e, p, 30.0) for e in ("Nd", "Dy") for p in ("2026Q4", "2027Q1")],
        [("china", e, p, None, 1.0, 1.0) for e in ("Nd", "Dy") for p in ("2026Q4", "2027Q1")],
        sources=("china",),
    )
    case = StressCase("dy only", "china", "2026Q4", 5, 60, ("Dy",))
    plan = b.plan({"Nd": b.split(china=100), "Dy": b.split(china=100)}, stress=[case])
    result = evaluate(data, plan)
    # Oct–Feb: m = 3 in 2026Q4 (f = 0.6) and 2 in 2027Q1 (f = 0.6 × 2/3 = 0.4)
    dy = _periods(result, 1, "Dy")
    assert [r["supplied_t"] for r in dy] == pytest.approx([12.0, 18.0])
    # Nd is not listed: untouched
    assert [r["supplied_t"] for r in _periods(result, 1, "Nd")] == pytest.approx([30.0, 30.0])


# Nd: 100 t; 60 % China (unlimited, 10 USD/kg, share 1), 40 % Lynas (30 t, 20 USD/kg, 0.25)
SPLIT_DATA = b.dataset(
    [("Nd", "2026Q1", 100.0), ("Dy", "2026Q1", 0.0)],
    [("china", "Nd", "2026Q1", None, 10.0, 1.0), ("lynas", "Nd", "2026Q1", 30.0, 20.0, 0.25)],
)


def test_split_capacity_exposure_and_cost(evaluate: Evaluator) -> None:
    result = evaluate(SPLIT_DATA, b.plan({"Nd": b.split(china=60, lynas=40)}))
    base = result["cases"][0]
    (row,) = _periods(result, 0, "Nd")
    # A = 60 and 40; S = 60 and min(40, 30) = 30; gap 10
    assert row["supplied_by"] == pytest.approx({"china": 60.0, "lynas": 30.0})
    assert row["gap_t"] == pytest.approx(10.0)
    # X = 0.6 × 1 + 0.4 × 0.25 = 0.7, on planned volume (not on what arrives)
    assert row["china_exposure"] == pytest.approx(0.7)
    nd = _element(result, 0, "Nd")
    assert nd["coverage"] == pytest.approx(0.9)
    # cost: 60 t × 10 × 1000 + 30 t × 20 × 1000
    assert nd["cost_usd"] == pytest.approx(1_200_000.0)
    # by money: (60×1×10 + 40×0.25×20) / (60×10 + 40×20) = 800 / 1400
    assert base["portfolio"]["china_exposure_value"] == pytest.approx(4 / 7)
    assert base["portfolio"]["china_exposure"] == pytest.approx(0.7)
    # Dy has no demand: coverage 1, exposure null, nothing short; Dy is uncovered by the plan
    dy = _element(result, 0, "Dy")
    assert dy["coverage"] == 1.0
    assert dy["china_exposure"] is None
    assert dy["days_short"] == 0.0
    assert [e["element"] for e in base["elements"]] == ["Nd", "Dy"]


def test_missing_supply_row_means_no_capacity_and_no_exposure(evaluate: Evaluator) -> None:
    # Dy: 8 t, 75 % from Lynas which has no row → capacity 0, china_share 0, price 0
    data = b.dataset(
        [("Dy", "2026Q1", 8.0)],
        [("china", "Dy", "2026Q1", None, 200.0, 1.0)],
    )
    result = evaluate(data, b.plan({"Dy": b.split(china=25, lynas=75)}))
    (row,) = _periods(result, 0, "Dy")
    assert row["supplied_by"] == pytest.approx({"china": 2.0, "lynas": 0.0})
    assert row["gap_t"] == pytest.approx(6.0)
    # X = 0.25 × 1 + 0.75 × 0 = 0.25; cost only China's: 2 t × 200 × 1000
    assert row["china_exposure"] == pytest.approx(0.25)
    assert _element(result, 0, "Dy")["cost_usd"] == pytest.approx(400_000.0)
    # by money, Lynas counts price 0: 2×1×200 / 2×200 = 1
    assert result["cases"][0]["portfolio"]["china_exposure_value"] == pytest.approx(1.0)


def test_stockpile_covers_part_of_a_later_gap(evaluate: Evaluator) -> None:
    # Q1: 91.25 t, China unlimited → no gap; Q2: 182.5 t, no China row → gap 182.5
    data = b.dataset(
        [("Nd", "2026Q1", 91.25), ("Nd", "2026Q2", 182.5)],
        [("china", "Nd", "2026Q1", None, 1.0, 1.0)],
        elements=("Nd",),
        sources=("china",),
    )
    plan = b.plan({"Nd": ElementPlan(split=Split({"china": 100}), stockpile_days=73)})
    result = evaluate(data, plan)
    nd = _element(result, 0, "Nd")
    # stock = 73 × (91.25 + 182.5) / (91.25 × 2) = 73 × 1.5 = 109.5
    assert nd["stockpile_t"] == pytest.approx(109.5)
    q1, q2 = _periods(result, 0, "Nd")
    assert q1["stockpile_drawn_t"] == pytest.approx(0.0)
    assert q2["stockpile_drawn_t"] == pytest.approx(109.5)
    assert q2["shortfall_t"] == pytest.approx(73.0)
    # 73 / (182.5 / 91.25) = 36.5 days
    assert q2["days_short"] == pytest.approx(36.5)
    assert result["cases"][0]["portfolio"]["shortfall_t"] == pytest.approx(73.0)
    assert result["cases"][0]["portfolio"]["stockpile_drawn_t"] == pytest.approx(109.5)


def test_stock_is_drawn_in_period_order_and_never_refilled(evaluate: Evaluator) -> None:
    # two quarters of 50 t with no supply at all: gaps 50 and 50
    data = b.dataset(
        [("Nd", "2026Q1", 50.0), ("Nd", "2026Q2", 50.0)],
        [],
        elements=("Nd",),
        sources=("china",),
    )
    # stock = d × 100 / (91.25 × 2) = 60  ⇒  d = 109.5
    defaults = Defaults(split=Split({"china": 100}), stockpile_days=109.5)
    result = evaluate(data, b.plan(defaults=defaults))
    q1, q2 = _periods(result, 0, "Nd")
    assert (q1["stockpile_drawn_t"], q2["stockpile_drawn_t"]) == pytest.approx((50.0, 10.0))
    assert (q1["shortfall_t"], q2["shortfall_t"]) == pytest.approx((0.0, 40.0))


def test_schedule_uncovered_elements_and_default_horizon(evaluate: Evaluator) -> None:
    # demand 0 in 2026Q1 and 2026Q4: the default horizon is 2026Q2–2026Q3
    demand = [("Nd", "2026Q1", 0.0), ("Nd", "2026Q2", 10.0), ("Nd", "2026Q3", 10.0)]
    demand += [("Nd", "2026Q4", 0.0), ("Dy", "2026Q2", 4.0)]
    supply = [
        (s, "Nd", p, None, 1.0, 1.0 if s == "china" else 0.0)
        for s in ("china", "lynas")
        for p in ("2026Q1", "2026Q2", "2026Q3", "2026Q4")
    ]
    data = b.dataset(demand, supply)
    step = ScheduleStep("2026Q3", Split({"lynas": 100}))
    before = ScheduleStep("2026Q1", Split({"china": 50, "lynas": 50}))
    nd = ElementPlan(split=Split({"china": 100}), schedule=(before, step))
    result = evaluate(data, b.plan({"Nd": nd}))
    assert result["horizon"] == {"start": "2026Q2", "end": "2026Q3"}
    q2, q3 = _periods(result, 0, "Nd")
    # the step from 2026Q1 (before the horizon) is in force in 2026Q2; 2026Q3's from then on
    assert q2["supplied_by"] == pytest.approx({"china": 5.0, "lynas": 5.0})
    assert q2["china_exposure"] == pytest.approx(0.5)
    assert q3["supplied_by"] == pytest.approx({"china": 0.0, "lynas": 10.0})
    # Dy is uncovered (no entry, no defaults): its 4 t are all gap, exposure 0
    dy = _element(result, 0, "Dy")
    assert dy["gap_t"] == pytest.approx(4.0)
    assert dy["china_exposure"] == pytest.approx(0.0)
    # portfolio exposure: Σ A × cs / Σ D = 5 / (20 + 4)
    assert result["cases"][0]["portfolio"]["china_exposure"] == pytest.approx(5 / 24)


def test_no_demand_anywhere_uses_every_mentioned_quarter(evaluate: Evaluator) -> None:
    data = b.dataset(
        [("Nd", "2026Q2", 0.0)],
        [("china", "Nd", "2026Q4", None, 0.0, 1.0)],
        elements=("Nd",),
        sources=("china",),
    )
    result = evaluate(data, b.plan({"Nd": b.split(china=100)}))
    assert result["horizon"] == {"start": "2026Q2", "end": "2026Q4"}
    assert len(_periods(result, 0, "Nd")) == 3
    portfolio = result["cases"][0]["portfolio"]
    assert portfolio["coverage"] == 1.0
    assert portfolio["china_exposure"] is None
    assert portfolio["china_exposure_value"] is None


def test_products_add_demand_and_lose_units_pro_rata(evaluate: Evaluator) -> None:
    # motor: 1000 units in 2026Q1 with 0.5 kg Nd and 0.1 kg Dy per unit (and 0 kg of nothing)
    # D[Nd] = 1000 × 0.5 / 1000 = 0.5 t; D[Dy] = 0.9 + 1000 × 0.1 / 1000 = 1.0 t
    data = b.dataset(
        [("Dy", "2026Q1", 0.9)],
        [("china", "Nd", "2026Q1", 0.25, 1.0, 1.0), ("china", "Dy", "2026Q1", 0.8, 1.0, 1.0)],
        sources=("china",),
        products=[("motor", "2026Q1", 1000.0), ("lamp", "2026Q1", 10.0)],
        bom=[("motor", "Nd", 0.5), ("motor", "Dy", 0.1), ("lamp", "Dy", 0.0)],
    )
    result = evaluate(data, b.plan(defaults=Defaults(split=Split({"china": 100}))))
    assert _element(result, 0, "Nd")["demand_t"] == pytest.approx(0.5)
    assert _element(result, 0, "Dy")["demand_t"] == pytest.approx(1.0)
    # shortfall/D: Nd 0.25/0.5 = 0.5, Dy 0.2/1.0 = 0.2 → motor loses 1000 × 0.5 = 500
    # lamp's only element has kg 0: it loses nothing
    products = {p["product"]: p for p in result["cases"][0]["products"]}
    assert products["motor"]["units"] == pytest.approx(1000.0)
    assert products["motor"]["units_short"] == pytest.approx(500.0)
    assert products["lamp"]["units_short"] == pytest.approx(0.0)
    assert list(products) == ["motor", "lamp"]


def test_engine_warns_about_an_uncovered_element_with_demand() -> None:
    evaluation = Engine(SPLIT_DATA).evaluate(b.plan({"Dy": b.split(china=100)}))
    assert [(w.kind, w.element) for w in evaluation.warnings] == [("uncovered", "Nd")]


def test_a_twelve_day_window_cuts_twelve_days_of_a_quarter(evaluate: Evaluator) -> None:
    case = StressCase("halt", "china", "2027Q1", None, 100, days=12)
    result = evaluate(EMBARGO_DATA, b.plan({"Nd": b.split(china=100)}, stress=[case]))
    # f = 12/91.25; S = 90 × (1 − 12/91.25) = 78.1643…; gap = 90 × 12/91.25 = 11.8356…
    q1, q2 = _periods(result, 1, "Nd")
    assert q1["supplied_t"] == pytest.approx(90 * (1 - 12 / 91.25))
    assert q1["gap_t"] == pytest.approx(90 * 12 / 91.25)
    assert q2["gap_t"] == pytest.approx(0.0)


def test_a_day_window_across_a_quarter_boundary(evaluate: Evaluator) -> None:
    case = StressCase("halt", "china", "2027Q1", None, 50, days=100)
    result = evaluate(EMBARGO_DATA, b.plan({"Nd": b.split(china=100)}, stress=[case]))
    # 91.25 days in 2027Q1 (f = 0.5), 8.75 in 2027Q2 (f = 0.5 × 8.75/91.25)
    q1, q2 = _periods(result, 1, "Nd")
    assert q1["gap_t"] == pytest.approx(45.0)
    assert q2["gap_t"] == pytest.approx(90 * 0.5 * 8.75 / 91.25)


def test_months_and_the_same_days_give_the_same_cut(evaluate: Evaluator) -> None:
    by_months = StressCase("m", "china", "2027Q1", 4, 100)
    # 4 months = 121.666… days: not a whole number, so compare with the fractions instead
    assert by_months.cut_fractions() == (1.0, 1 / 3)
    by_days = StressCase("d", "china", "2027Q1", None, 100, days=122)
    assert by_days.cut_fractions() == pytest.approx((1.0, (122 - 91.25) / 91.25))
