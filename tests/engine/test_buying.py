"""Buying in practice on tiny cases worked out by hand: spot purchases, price factors,
stock drawn after spot, stock carrying cost, value of units short, exposure as bought.

Each figure in a docstring or comment is computed by hand, and checked on both the
plain-Python model and the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from bench.plain_model import evaluate_reference
from tests.engine import builders as b
from tests.engine.compare import evaluation_to_dict
from tui.domain.dataset import Dataset
from tui.domain.plan import ElementPlan, Plan, Split, StressCase
from tui.engine import Engine
from tui.present.reason import exposure_reason

Evaluator = Callable[[Dataset, Plan], dict[str, Any]]


def _engine(dataset: Dataset, plan: Plan) -> dict[str, Any]:
    return evaluation_to_dict(Engine(dataset).evaluate(plan))


@pytest.fixture(params=[evaluate_reference, _engine], ids=["model", "engine"])
def evaluate(request: pytest.FixtureRequest) -> Evaluator:
    return request.param


def _period(result: dict[str, Any], case: int, element: str, period: str) -> dict[str, Any]:
    rows = result["cases"][case]["periods"]
    return next(r for r in rows if r["element"] == element and r["period"] == period)


def _element(result: dict[str, Any], case: int, element: str) -> dict[str, Any]:
    return next(r for r in result["cases"][case]["elements"] if r["element"] == element)


# Nd 100 t in 2027Q1. china: unlimited at 10 USD/kg, spot premium 0.5 (spot 15);
# lynas: 40 t at 20 USD/kg, China share 0, spot premium 0.2 (spot 24).
SPOT_DATA = b.dataset(
    [("Nd", "2027Q1", 100.0)],
    [("china", "Nd", "2027Q1", None, 10.0, 1.0), ("lynas", "Nd", "2027Q1", 40.0, 20.0, 0.0)],
    elements=("Nd",),
    sources=("china", "lynas"),
    spot_premiums={"china": 0.5, "lynas": 0.2},
)
HALF_AND_HALF = b.plan({"Nd": b.split(china=50, lynas=50)})


def test_spot_buys_what_the_contracts_leave(evaluate: Evaluator) -> None:
    """Contracts: china 50 t, lynas 40 of its 50 t → gap 10 t. Spot: lynas has nothing
    left (40 − 40), china sells (1 − 0) × 10 = 10 t at 15 USD/kg = 150,000 USD.
    Cost 50×10,000 + 40×20,000 + 150,000 = 1,450,000. Nothing is short.
    Exposure planned 0.5 × 1 + 0.5 × 0 = 0.5; as bought (50 + 10) / 100 = 0.6."""
    result = evaluate(SPOT_DATA, HALF_AND_HALF)
    q1 = _period(result, 0, "Nd", "2027Q1")
    assert q1["supplied_t"] == pytest.approx(90.0)
    assert q1["gap_t"] == pytest.approx(10.0)
    assert q1["spot_t"] == pytest.approx(10.0)
    assert q1["spot_by"] == {"china": pytest.approx(10.0), "lynas": 0.0}
    assert q1["shortfall_t"] == 0.0
    assert q1["china_exposure"] == pytest.approx(0.5)
    assert q1["china_exposure_bought"] == pytest.approx(0.6)
    portfolio = result["cases"][0]["portfolio"]
    assert portfolio["spot_cost_usd"] == pytest.approx(150_000)
    assert portfolio["cost_usd"] == pytest.approx(1_450_000)
    assert portfolio["total_cost_usd"] == pytest.approx(1_450_000)
    assert portfolio["china_exposure_bought"] == pytest.approx(0.6)
    # all China: 100 t × 10 USD/kg, no gap → premium 450,000
    assert result["all_china_cost_usd"] == pytest.approx(1_000_000)


def test_the_cheapest_spot_source_sells_first_up_to_its_limit(evaluate: Evaluator) -> None:
    """All 100 t planned from a third source that has nothing: gap 100. Spot offers:
    lynas 40 t at 24, china unlimited at 15 → china 100 t (cheapest, no limit)."""
    data = b.dataset(
        [("Nd", "2027Q1", 100.0)],
        [
            ("china", "Nd", "2027Q1", None, 10.0, 1.0),
            ("lynas", "Nd", "2027Q1", 40.0, 20.0, 0.0),
            ("iluka", "Nd", "2027Q1", 0.0, 30.0, 0.0),
        ],
        elements=("Nd",),
        sources=("china", "lynas", "iluka"),
        spot_premiums={"china": 0.5, "lynas": 0.2},
    )
    cheap_china = evaluate(data, b.plan({"Nd": b.split(iluka=100)}))
    assert _period(cheap_china, 0, "Nd", "2027Q1")["spot_by"] == {
        "china": pytest.approx(100.0),
        "lynas": 0.0,
    }
    # With china's premium at 2 (spot 30), lynas (spot 24) is cheaper: it sells its 40 t
    # first, china the other 60 t.
    dearer = b.dataset(
        data.demand.rows(),
        data.supply.rows(),
        elements=("Nd",),
        sources=("china", "lynas", "iluka"),
        spot_premiums={"china": 2.0, "lynas": 0.2},
    )
    result = evaluate(dearer, b.plan({"Nd": b.split(iluka=100)}))
    q1 = _period(result, 0, "Nd", "2027Q1")
    assert q1["spot_by"] == {"china": pytest.approx(60.0), "lynas": pytest.approx(40.0)}
    # 40 t × 24 + 60 t × 30 USD/kg
    assert result["cases"][0]["portfolio"]["spot_cost_usd"] == pytest.approx(2_760_000)
    assert q1["china_exposure_bought"] == pytest.approx(0.6)


def test_equal_spot_prices_are_taken_in_dataset_order(evaluate: Evaluator) -> None:
    """china spot 10 × 1.5 = 15; recycling spot 15 × 1 = 15: a tie. Gap 50 t (the plan
    asks iluka, which has nothing). Dataset order puts china first: it sells all 50."""
    supply = [
        ("china", "Nd", "2027Q1", None, 10.0, 1.0),
        ("recycling", "Nd", "2027Q1", 30.0, 15.0, 0.0),
        ("iluka", "Nd", "2027Q1", 0.0, 1.0, 0.0),
    ]
    plan = b.plan({"Nd": b.split(iluka=100)})
    china_first = b.dataset(
        [("Nd", "2027Q1", 50.0)],
        supply,
        elements=("Nd",),
        sources=("china", "recycling", "iluka"),
        spot_premiums={"china": 0.5, "recycling": 0.0},
    )
    q1 = _period(evaluate(china_first, plan), 0, "Nd", "2027Q1")
    assert q1["spot_by"] == {"china": pytest.approx(50.0), "recycling": 0.0}
    recycling_first = b.dataset(
        [("Nd", "2027Q1", 50.0)],
        supply,
        elements=("Nd",),
        sources=("recycling", "china", "iluka"),
        spot_premiums={"china": 0.5, "recycling": 0.0},
    )
    q1 = _period(evaluate(recycling_first, plan), 0, "Nd", "2027Q1")
    assert q1["spot_by"] == {"recycling": pytest.approx(30.0), "china": pytest.approx(20.0)}


def test_a_large_spot_limit_behind_a_small_gap_buys_nothing(evaluate: Evaluator) -> None:
    """Gap 0.00005 t (the plan asks iluka, which has nothing); china and lynas tie at
    spot price 0, china first. china sells all of it; lynas, with 4096 t to sell, has
    nothing left to fill: it buys exactly 0, and the exposure as bought is exactly 1
    (a running total taken as 4096.00005 − 4096 left lynas a sliver of 3.5e-13 t)."""
    data = b.dataset(
        [("Nd", "2027Q1", 0.00005)],
        [
            ("china", "Nd", "2027Q1", None, 0.0, 1.0),
            ("lynas", "Nd", "2027Q1", 4096.0, 0.0, 0.0),
            ("iluka", "Nd", "2027Q1", 0.0, 1.0, 0.0),
        ],
        elements=("Nd",),
        sources=("china", "lynas", "iluka"),
        spot_premiums={"china": 0.0, "lynas": 0.0},
    )
    q1 = _period(evaluate(data, b.plan({"Nd": b.split(iluka=100)})), 0, "Nd", "2027Q1")
    assert q1["spot_by"] == {"china": 0.00005, "lynas": 0.0}
    assert q1["china_exposure_bought"] == 1.0


# Nd 90 t a quarter from an unlimited China at 10 USD/kg with spot premium 0.5.
SHOCK_DATA = b.dataset(
    [("Nd", "2027Q1", 90.0), ("Nd", "2027Q2", 90.0)],
    [("china", "Nd", p, None, 10.0, 1.0) for p in ("2027Q1", "2027Q2")],
    elements=("Nd",),
    sources=("china",),
    spot_premiums={"china": 0.5},
)


def test_a_twelve_day_stop_with_a_price_shock(evaluate: Evaluator) -> None:
    """f = 12/91.25 in 2027Q1. Contract: 90 (1 − f); gap 90 f. China, unlimited, sells
    spot (1 − f) of the gap: 90 f (1 − f), at 10 × 1.5 × 3 = 45 USD/kg. Left short:
    90 f² (no stock). 2027Q2 is untouched: no gap, no spot."""
    f = 12 / 91.25
    case = StressCase("halt", "china", "2027Q1", None, 100, days=12, price_factor=3)
    result = evaluate(SHOCK_DATA, b.plan({"Nd": b.split(china=100)}, stress=[case]))
    q1 = _period(result, 1, "Nd", "2027Q1")
    assert q1["gap_t"] == pytest.approx(90 * f)
    assert q1["spot_t"] == pytest.approx(90 * f * (1 - f))
    assert q1["shortfall_t"] == pytest.approx(90 * f * f)
    assert _period(result, 1, "Nd", "2027Q2")["spot_t"] == 0.0
    stress = result["cases"][1]["portfolio"]
    assert stress["spot_cost_usd"] == pytest.approx(90 * f * (1 - f) * 45_000)
    contract = (90 * (1 - f) + 90) * 10_000
    assert stress["cost_usd"] == pytest.approx(contract + 90 * f * (1 - f) * 45_000)
    # an embargo now costs more than the base case, not less
    assert stress["cost_usd"] > result["cases"][0]["portfolio"]["cost_usd"]


def test_the_price_factor_applies_only_where_and_when_the_case_cuts(evaluate: Evaluator) -> None:
    """A lynas outage of 2027Q1 listing Dy only: Nd's spot from china keeps its price,
    and so does Dy's in 2027Q2 (f = 0 there)."""
    data = b.dataset(
        [(e, p, 10.0) for e in ("Nd", "Dy") for p in ("2027Q1", "2027Q2")],
        [("china", e, p, None, 10.0, 1.0) for e in ("Nd", "Dy") for p in ("2027Q1", "2027Q2")],
        elements=("Nd", "Dy"),
        sources=("china", "lynas"),
        spot_premiums={"china": 0.0},
    )
    case = StressCase("outage", "lynas", "2027Q1", 3, 100, ("Dy",), price_factor=2)
    plan = b.plan({"Nd": b.split(lynas=100), "Dy": b.split(lynas=100)}, stress=[case])
    result = evaluate(data, plan)
    # lynas has no rows: every tonne is bought spot from china, 40 t in all
    assert _element(result, 1, "Nd")["spot_cost_usd"] == pytest.approx(20 * 10_000)
    # Dy: 10 t at 20 USD/kg in 2027Q1 (factor 2), 10 t at 10 in 2027Q2
    assert _element(result, 1, "Dy")["spot_cost_usd"] == pytest.approx(10 * 20_000 + 10 * 10_000)
    assert _element(result, 0, "Dy")["spot_cost_usd"] == pytest.approx(20 * 10_000)


def test_stock_is_drawn_after_spot_and_costs_its_carrying(evaluate: Evaluator) -> None:
    """Dy 10 t a quarter, 2 quarters. china 6 t at 100 USD/kg (contract only); lynas
    2 t at 200 with spot premium 0.1, nothing planned from it. Gap 4 t a quarter; lynas
    sells its 2 t spot at 220; stock draws the other 2 t. Stock: 91.25 days × 20 t /
    (91.25 × 2) = 10 t; holding it at 10 % a year for 2 quarters: 10 t × 100 USD/kg
    (the lowest price of the first quarter) × 1000 × 0.10 × 2/4 = 50,000 USD."""
    data = b.dataset(
        [("Dy", p, 10.0) for p in ("2026Q1", "2026Q2")],
        [
            *(("china", "Dy", p, 6.0, 100.0, 1.0) for p in ("2026Q1", "2026Q2")),
            *(("lynas", "Dy", p, 2.0, 200.0, 0.0) for p in ("2026Q1", "2026Q2")),
        ],
        elements=("Dy",),
        sources=("china", "lynas"),
        spot_premiums={"lynas": 0.1},
    )
    own = ElementPlan(split=Split({"china": 100}), stockpile_days=91.25)
    plan = replace(b.plan({"Dy": own}), stock_carrying_cost=10)
    result = evaluate(data, plan)
    dy = _element(result, 0, "Dy")
    assert dy["spot_t"] == pytest.approx(4.0)
    assert dy["stockpile_t"] == pytest.approx(10.0)
    assert dy["stockpile_drawn_t"] == pytest.approx(4.0)
    assert dy["shortfall_t"] == 0.0
    assert dy["stock_cost_usd"] == pytest.approx(50_000)
    cost = 2 * (6 * 100_000 + 2 * 220_000)
    assert dy["cost_usd"] == pytest.approx(cost)
    assert dy["total_cost_usd"] == pytest.approx(cost + 50_000)
    # bought: 6 t China, 2 t lynas a quarter → 0.75
    assert dy["china_exposure_bought"] == pytest.approx(0.75)
    # the all-China plan is this plan: same stock, same cost → no premium
    assert result["all_china_cost_usd"] == pytest.approx(cost + 50_000)


def test_an_uncovered_element_is_bought_spot(evaluate: Evaluator) -> None:
    result = evaluate(SHOCK_DATA, b.plan({}))
    nd = _element(result, 0, "Nd")
    assert (nd["supplied_t"], nd["gap_t"]) == (0.0, pytest.approx(180.0))
    assert nd["spot_t"] == pytest.approx(180.0)
    assert nd["china_exposure"] is None or nd["china_exposure"] == 0.0
    assert nd["china_exposure_bought"] == pytest.approx(1.0)


def test_value_of_units_short_and_unknown_values(evaluate: Evaluator) -> None:
    """motor: 1,000 units a quarter of 90 kg Nd (D = 90 t), worth 500 USD each. China
    stops for all of 2027Q1 and nobody sells spot: 1,000 units short, 500,000 USD.
    fan: 10 g Nd, 2027Q1 without a unit value → its value is unknown (null), and the
    portfolio sums the motor alone."""
    data = b.dataset(
        [],
        [("china", "Nd", p, None, 10.0, 1.0) for p in ("2027Q1", "2027Q2")],
        elements=("Nd",),
        sources=("china",),
        products=[
            ("motor", "2027Q1", 1000.0, 500.0),
            ("motor", "2027Q2", 1000.0, 500.0),
            ("fan", "2027Q1", 1000.0, None),
            ("fan", "2027Q2", 1000.0, 40.0),
        ],
        bom=[("motor", "Nd", 90.0), ("fan", "Nd", 0.01)],
    )
    case = StressCase("stop", "china", "2027Q1", 3, 100)
    result = evaluate(data, b.plan({"Nd": b.split(china=100)}, stress=[case]))
    motor, fan = result["cases"][1]["products"]
    assert motor["units_short"] == pytest.approx(1000.0)
    assert motor["value_short_usd"] == pytest.approx(500_000)
    assert fan["units_short"] == pytest.approx(1000.0)
    assert fan["value_short_usd"] is None
    assert result["cases"][1]["portfolio"]["value_short_usd"] == pytest.approx(500_000)
    assert result["cases"][0]["portfolio"]["value_short_usd"] == 0.0


def test_without_products_the_value_short_is_unknown(evaluate: Evaluator) -> None:
    result = evaluate(SHOCK_DATA, b.plan({"Nd": b.split(china=100)}))
    assert result["cases"][0]["portfolio"]["value_short_usd"] is None


def test_the_reason_exposure_as_bought_differs() -> None:
    evaluation = Engine(SPOT_DATA).evaluate(HALF_AND_HALF)
    assert exposure_reason(evaluation) == (
        "Nd: lynas can deliver 40.0 t of the 50.0 t planned in 2027Q1; "
        "the rest is bought spot from china"
    )
    all_china = Engine(SPOT_DATA).evaluate(b.plan({"Nd": b.split(china=100)}))
    assert exposure_reason(all_china) is None
