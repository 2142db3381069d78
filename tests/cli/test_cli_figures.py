"""The JSON figures of ``replan evaluate`` against a calculation done by hand.

Dataset ``fixtures/tiny`` (two quarters, 2026Q1 and 2026Q2):

- demand: Nd 100 t, Dy 10 t per quarter; Lu none. Product ``motor``: 1,000 units per
  quarter, 2 kg Nd + 0.5 kg Dy each → D[Nd] = 102 t, D[Dy] = 10.5 t per quarter.
- supply (capacity t, USD/kg, china_share): china unlimited for all, Nd 50, Dy 300,
  Lu 900, share 1; lynas Nd 20 t at 60, share 0.1 (both quarters); lynas Dy only in
  2026Q2: 5 t at 400, share 0; recycling Dy 1 t at 200, share 0 (both quarters).

Plan ``fixtures/plans/tiny.toml``: Nd china 70 / lynas 30; Dy china 80 / recycling 20,
from 2026Q2 china 60 / lynas 20 / recycling 20, 30 stockpile days; stress "China cut":
china −50 % for 2 months from 2026Q2.

Base case, per quarter
  Nd: A china 71.4 (S 71.4), A lynas 30.6 but capacity 20 (S 20) → supplied 91.4,
      gap 10.6; cost 71.4×50,000 + 20×60,000 = 4,770,000; exposure .7 + .3×.1 = .73.
  Dy Q1: A china 8.4 (S 8.4), A recycling 2.1 capped at 1 → supplied 9.4, gap 1.1;
      cost 8.4×300,000 + 1×200,000 = 2,720,000.
  Dy Q2: china 6.3, lynas 2.1 (cap 5), recycling 1 (cap) → supplied 9.4, gap 1.1;
      cost 6.3×300,000 + 2.1×400,000 + 200,000 = 2,930,000.
  Dy stock = 30 × 21 / (91.25 × 2) = 3.452054794520548 t: draws 1.1 + 1.1, no shortfall.
  Nd has no stock: shortfall 10.6 per quarter; days short 10.6 × 91.25 / 102 each.
  China exposure (volume): Nd (71.4 + 30.6×.1)×2 = 148.92; Dy 8.4 + 6.3 = 14.7;
      portfolio 163.62 / 225. By value: Nd 2 × (71.4×50 + 30.6×60×.1) = 7,507.2 over
      2 × (71.4×50 + 30.6×60) = 10,812; Dy Q1 2,520 / 2,940; Dy Q2 1,890 / 3,150
      → 11,917.2 / 16,902.
  motor: units short per quarter 1,000 × 10.6/102 (Nd is the worst), 2,000 units.
  No source sells spot and the plan has no carrying cost: spot and stock cost are 0,
  total cost is the cost, and exposure as bought is that of what is delivered:
      Nd (71.4 + 20×.1) / 91.4 per quarter; Dy Q1 8.4 / 9.4, Q2 6.3 / 9.4;
      portfolio (2 × 73.4 + 14.7) / 201.6. The motor has no unit value: null.

Stress "China cut": f[2026Q2] = 0.5 × 2/3 = 1/3, so china delivers A × 2/3 in Q2
  Nd Q2: 47.6 + 20 = 67.6, gap 34.4, shortfall 34.4; cost 47.6×50,000 + 1,200,000.
  Dy Q2: 4.2 + 2.1 + 1 = 7.3, gap 3.2; stock left 3.452054794520548 − 1.1 is drawn,
      shortfall 3.2 − 2.352054794520548 = 0.847945205479452 t (= 77.375 / 91.25).
  China exposure is on planned volume, so it does not change under stress.
"""

from __future__ import annotations

import json

import pytest

from tests.cli.runner import FIXTURES, TINY_PLAN, replan

D_ND, D_DY = 102.0, 10.5
STOCK_DY = 30 * 21 / (91.25 * 2)


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-9, abs=1e-9)


@pytest.fixture(scope="module")
def document() -> dict:
    result = replan("evaluate", TINY_PLAN, "--format", "json", "--periods")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _element(case: dict, symbol: str) -> dict:
    return next(e for e in case["elements"] if e["element"] == symbol)


def _period(case: dict, symbol: str, period: str) -> dict:
    return next(p for p in case["periods"] if p["element"] == symbol and p["period"] == period)


def _no_buying(bought_exposure: float | None, cost: float) -> dict:
    """An element's buying figures when nothing sells spot and stock costs nothing."""
    return {
        "spot_t": 0.0,
        "spot_cost_usd": 0.0,
        "china_exposure_bought": None if bought_exposure is None else approx(bought_exposure),
        "stock_cost_usd": 0.0,
        "total_cost_usd": approx(cost),
    }


def test_header(document: dict) -> None:
    assert document["plan"] == "Tiny plan"
    assert document["dataset"] == "tiny"
    assert document["horizon"] == {"start": "2026Q1", "end": "2026Q2"}
    assert document["warnings"] == []


def test_base_portfolio(document: dict) -> None:
    base = document["cases"][0]["portfolio"]
    assert base == {
        "demand_t": approx(225.0),
        "supplied_t": approx(2 * 91.4 + 2 * 9.4),
        "gap_t": approx(2 * 10.6 + 2 * 1.1),
        "coverage": approx(201.6 / 225),
        "china_exposure": approx(163.62 / 225),
        "china_exposure_value": approx(11_917.2 / 16_902),
        "cost_usd": approx(2 * 4_770_000 + 2_720_000 + 2_930_000),
        "stockpile_drawn_t": approx(2.2),
        "shortfall_t": approx(21.2),
        "spot_t": 0.0,
        "spot_cost_usd": 0.0,
        "china_exposure_bought": approx(161.5 / 201.6),
        "stock_cost_usd": 0.0,
        "total_cost_usd": approx(2 * 4_770_000 + 2_720_000 + 2_930_000),
        "value_short_usd": None,
    }


def test_base_elements(document: dict) -> None:
    base = document["cases"][0]
    assert _element(base, "Nd") == {
        "element": "Nd",
        "demand_t": approx(204.0),
        "supplied_t": approx(182.8),
        "gap_t": approx(21.2),
        "coverage": approx(182.8 / 204),
        "china_exposure": approx(0.73),
        "cost_usd": approx(9_540_000),
        "stockpile_t": approx(0.0),
        "stockpile_drawn_t": approx(0.0),
        "shortfall_t": approx(21.2),
        "days_short": approx(2 * 10.6 * 91.25 / D_ND),
        **_no_buying(73.4 / 91.4, 9_540_000),
    }
    assert _element(base, "Dy") == {
        "element": "Dy",
        "demand_t": approx(21.0),
        "supplied_t": approx(18.8),
        "gap_t": approx(2.2),
        "coverage": approx(18.8 / 21),
        "china_exposure": approx(14.7 / 21),
        "cost_usd": approx(5_650_000),
        "stockpile_t": approx(STOCK_DY),
        "stockpile_drawn_t": approx(2.2),
        "shortfall_t": approx(0.0),
        "days_short": approx(0.0),
        **_no_buying(14.7 / 18.8, 5_650_000),
    }
    # Lu: no demand at all — still listed; its exposure is null (Σ D = 0), coverage 1.
    assert _element(base, "Lu") == {
        "element": "Lu",
        "demand_t": 0.0,
        "supplied_t": 0.0,
        "gap_t": 0.0,
        "coverage": 1.0,
        "china_exposure": None,
        "cost_usd": 0.0,
        "stockpile_t": 0.0,
        "stockpile_drawn_t": 0.0,
        "shortfall_t": 0.0,
        "days_short": 0.0,
        **_no_buying(None, 0.0),
    }


def test_base_periods(document: dict) -> None:
    base = document["cases"][0]
    assert _period(base, "Dy", "2026Q1") == {
        "element": "Dy",
        "period": "2026Q1",
        "demand_t": approx(D_DY),
        "supplied_t": approx(9.4),
        "gap_t": approx(1.1),
        "china_exposure": approx(0.8),
        "shortfall_t": approx(0.0),
        "supplied_by": {"china": approx(8.4), "lynas": approx(0.0), "recycling": approx(1.0)},
        "spot_t": 0.0,
        "china_exposure_bought": approx(8.4 / 9.4),
        "spot_by": {},
    }
    assert _period(base, "Dy", "2026Q2")["supplied_by"] == {
        "china": approx(6.3),
        "lynas": approx(2.1),
        "recycling": approx(1.0),
    }
    assert _period(base, "Dy", "2026Q2")["china_exposure"] == approx(0.6)
    nd = _period(base, "Nd", "2026Q2")
    assert nd["supplied_by"] == {"china": approx(71.4), "lynas": approx(20.0), "recycling": 0.0}
    assert nd["shortfall_t"] == approx(10.6)


def test_base_products(document: dict) -> None:
    assert document["cases"][0]["products"] == [
        {
            "product": "motor",
            "units": approx(2000.0),
            "units_short": approx(2000 * 10.6 / D_ND),
            "value_short_usd": None,
        }
    ]


def test_stress_case(document: dict) -> None:
    stress = document["cases"][1]
    assert stress["case"] == "China cut"
    dy_left = STOCK_DY - 1.1
    dy_short = 3.2 - dy_left
    assert stress["portfolio"] == {
        "demand_t": approx(225.0),
        "supplied_t": approx(91.4 + 67.6 + 9.4 + 7.3),
        "gap_t": approx(10.6 + 34.4 + 1.1 + 3.2),
        "coverage": approx((91.4 + 67.6 + 9.4 + 7.3) / 225),
        "china_exposure": approx(163.62 / 225),
        "china_exposure_value": approx(11_917.2 / 16_902),
        "cost_usd": approx(4_770_000 + 3_580_000 + 2_720_000 + 2_300_000),
        "stockpile_drawn_t": approx(STOCK_DY),
        "shortfall_t": approx(10.6 + 34.4 + dy_short),
        "spot_t": 0.0,
        "spot_cost_usd": 0.0,
        "china_exposure_bought": approx((73.4 + 49.6 + 8.4 + 4.2) / (91.4 + 67.6 + 9.4 + 7.3)),
        "stock_cost_usd": 0.0,
        "total_cost_usd": approx(4_770_000 + 3_580_000 + 2_720_000 + 2_300_000),
        "value_short_usd": None,
    }
    dy = _element(stress, "Dy")
    assert dy["shortfall_t"] == approx(0.847945205479452)
    assert dy["days_short"] == approx(77.375 / D_DY)
    assert _element(stress, "Nd")["days_short"] == approx((10.6 + 34.4) * 91.25 / D_ND)
    assert _period(stress, "Nd", "2026Q2")["supplied_by"]["china"] == approx(47.6)
    # Q2: Nd is short 34.4/102 of its demand, Dy 0.848/10.5 → the motor loses 34.4/102.
    assert stress["products"][0]["units_short"] == approx(1000 * 10.6 / D_ND + 1000 * 34.4 / D_ND)


def test_all_china_plan_through_data_dir() -> None:
    """A plain dataset name is looked up under --data-dir (SPEC §6)."""
    result = replan(
        "evaluate", FIXTURES / "plans" / "all-china.toml", "--format", "json",
        "--data-dir", FIXTURES,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    base, stress = json.loads(result.stdout)["cases"]
    assert base["portfolio"]["china_exposure"] == approx(1.0)
    assert base["portfolio"]["gap_t"] == approx(0.0)
    assert base["portfolio"]["cost_usd"] == approx(204 * 50_000 + 21 * 300_000)
    # Q2 china delivers 2/3: Nd short 34 t, Dy short 3.5 t, no stock.
    assert stress["portfolio"]["shortfall_t"] == approx(34 + 3.5)
    assert stress["products"][0]["units_short"] == approx(1000 / 3)
