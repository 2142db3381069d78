"""The model in plain Python: the independent reading the polars engine is checked
against (by the tests) and raced against (by the benchmark).

It is written from the model's description alone (docs/model.md), with dicts and
loops, so that a mistake in the vectorised engine shows up as a disagreement instead of
being copied: contracts, then spot purchases cheapest first, then stock, then products.
It is slow on purpose: clarity beats speed here. It reads the dataset frames once with
``to_dicts()`` and then uses only plain Python.

The result is a dict in the shape of ``replan evaluate --format json`` (``cases`` →
``portfolio``, ``elements``, ``periods`` with ``supplied_by``, ``planned_by`` and ``spot_by``,
``products``) plus ``all_china_cost_usd``. Period rows also carry
``stockpile_drawn_t`` and ``days_short`` so that every figure the engine returns can be
compared.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.plan import ElementPlan, Plan, Split, StressCase

if TYPE_CHECKING:  # the model itself never needs polars (see ``Tables.from_folder``)
    from tui.domain.dataset import Dataset

DAYS_PER_QUARTER = 365 / 4
BASE = "base"

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")

Row = dict[str, Any]


def quarter_index(period: str) -> int:
    """Quarters on one integer axis, so that ranges never depend on string order."""
    match = _QUARTER.match(period)
    if match is None:
        raise ValueError(f"not a quarter: {period!r}")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def quarter_name(index: int) -> str:
    return f"{index // 4}Q{index % 4 + 1}"


def quarters(start: str, end: str) -> list[str]:
    return [quarter_name(i) for i in range(quarter_index(start), quarter_index(end) + 1)]


def months_in_quarter(stress: StressCase, period: str) -> int:
    """Whole months of the cut window ``[first month of start, + months)`` inside ``period``."""
    window_start = quarter_index(stress.start) * 3
    window_end = window_start + (stress.months or 0)
    quarter_start = quarter_index(period) * 3
    quarter_end = quarter_start + 3
    return max(0, min(window_end, quarter_end) - max(window_start, quarter_start))


def days_in_quarter(stress: StressCase, period: str) -> float:
    """Days of the continuous window ``[first day of start, + days)`` inside ``period``,
    counted from the window's opening, every quarter 91.25 days long."""
    offset = quarter_index(period) - quarter_index(stress.start)
    quarter_start, quarter_end = offset * 91.25, (offset + 1) * 91.25
    return max(0.0, min(float(stress.days), quarter_end) - max(0.0, quarter_start))


def cut_fraction(stress: StressCase, period: str) -> float:
    """``f[p] = severity/100 × m[p]/3`` (months) or ``severity/100 × d[p]/91.25`` (days)."""
    if stress.days is not None:
        return stress.severity / 100 * days_in_quarter(stress, period) / 91.25
    return stress.severity / 100 * months_in_quarter(stress, period) / 3


@dataclass(frozen=True)
class SupplyRow:
    capacity: float | None  # None = unlimited
    price: float
    china_share: float


@dataclass
class Tables:
    """The dataset as plain dicts."""

    elements: list[str]
    sources: list[str]
    products: list[str]
    mentioned: list[str]
    demand: dict[tuple[str, str], float]  # total demand D[e, p]
    supply: dict[tuple[str, str, str], SupplyRow]  # (source, element, period)
    units: dict[tuple[str, str], float]  # (product, period)
    bom: dict[str, list[tuple[str, float]]]  # product -> [(element, kg_per_unit)]
    has_products: bool
    spot_premium: dict[str, float | None]  # source -> premium (None: contract only)
    unit_value: dict[tuple[str, str], float | None]  # (product, period) -> USD per unit

    @classmethod
    def read(cls, dataset: Dataset) -> Tables:
        return cls.from_rows(
            elements=[e.symbol for e in dataset.elements],
            spot_premium={s.id: s.spot_premium for s in dataset.sources},
            demand_rows=dataset.demand.to_dicts(),
            supply_rows=dataset.supply.to_dicts(),
            product_rows=dataset.products.to_dicts(),
            bom_rows=dataset.bom.to_dicts(),
        )

    @classmethod
    def from_folder(cls, folder: Path) -> Tables:
        """A valid dataset folder read with the ``csv`` module alone (no polars)."""

        def rows(name: str) -> list[dict[str, Any]]:
            path = folder / name
            if not path.exists():
                return []
            with path.open(encoding="utf-8", newline="") as file:
                return list(csv.DictReader(file))

        def number(text: str | None) -> float | None:
            return None if text is None or not text.strip() else float(text)

        numbers = {"tonnes", "capacity_t", "price_usd_kg", "china_share", "units"}
        numbers |= {"unit_value_usd", "kg_per_unit"}

        def typed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [
                {k: number(v) if k in numbers else v for k, v in record.items()}
                for record in records
            ]

        return cls.from_rows(
            elements=[row["element"] for row in rows("elements.csv")],
            spot_premium={
                row["source"]: number(row.get("spot_premium")) for row in rows("sources.csv")
            },
            demand_rows=typed(rows("demand.csv")),
            supply_rows=typed(rows("supply.csv")),
            product_rows=typed(rows("products.csv")),
            bom_rows=typed(rows("bom.csv")),
        )

    @classmethod
    def from_rows(
        cls,
        *,
        elements: list[str],
        spot_premium: dict[str, float | None],
        demand_rows: list[dict[str, Any]],
        supply_rows: list[dict[str, Any]],
        product_rows: list[dict[str, Any]],
        bom_rows: list[dict[str, Any]],
    ) -> Tables:
        demand: dict[tuple[str, str], float] = {}
        for row in demand_rows:
            key = (row["element"], row["period"])
            demand[key] = demand.get(key, 0.0) + row["tonnes"]
        supply = {
            (row["source"], row["element"], row["period"]): SupplyRow(
                row["capacity_t"], row["price_usd_kg"], row["china_share"]
            )
            for row in supply_rows
        }
        units: dict[tuple[str, str], float] = {}
        unit_value: dict[tuple[str, str], float | None] = {}
        for row in product_rows:
            key = (row["product"], row["period"])
            units[key] = units.get(key, 0.0) + row["units"]
            unit_value[key] = row.get("unit_value_usd")
        bom: dict[str, list[tuple[str, float]]] = {}
        for row in bom_rows:
            bom.setdefault(row["product"], []).append((row["element"], row["kg_per_unit"]))
        # D = demand.csv tonnes + Σ over products units × kg_per_unit / 1000
        for row in product_rows:
            for element, kg in bom.get(row["product"], []):
                key = (element, row["period"])
                demand[key] = demand.get(key, 0.0) + row["units"] * kg / 1000
        products: list[str] = []
        for row in [*product_rows, *bom_rows]:
            if row["product"] not in products:
                products.append(row["product"])
        mentioned = {row["period"] for row in demand_rows}
        mentioned |= {row["period"] for row in supply_rows}
        mentioned |= {row["period"] for row in product_rows}
        return cls(
            elements=elements,
            sources=list(spot_premium),
            products=products,
            mentioned=sorted(mentioned, key=quarter_index),
            demand=demand,
            supply=supply,
            units=units,
            bom=bom,
            has_products=bool(product_rows) and bool(bom_rows),
            spot_premium=spot_premium,
            unit_value=unit_value,
        )


def horizon(tables: Tables, plan: Plan) -> tuple[str, str]:
    """The plan's horizon, else first..last quarter with total demand, else all quarters."""
    if plan.horizon is not None:
        return plan.horizon.start, plan.horizon.end
    totals: dict[str, float] = {}
    for (_, period), tonnes in tables.demand.items():
        totals[period] = totals.get(period, 0.0) + tonnes
    with_demand = sorted((p for p, t in totals.items() if t > 0), key=quarter_index)
    if with_demand:
        return with_demand[0], with_demand[-1]
    return tables.mentioned[0], tables.mentioned[-1]


def split_in_force(plan: Plan, element: str, period: str) -> dict[str, float] | None:
    """Percent per source: last schedule step with ``from ≤ p``, else split, else defaults."""
    entry = plan.elements.get(element)
    index = quarter_index(period)
    if entry is not None:
        started = [step for step in entry.schedule if quarter_index(step.start) <= index]
        if started:
            latest = max(started, key=lambda step: quarter_index(step.start))
            return dict(latest.split.shares)
        if entry.split is not None:
            return dict(entry.split.shares)
    if plan.defaults is not None and plan.defaults.split is not None:
        return dict(plan.defaults.split.shares)
    return None


def stockpile_days(plan: Plan, element: str) -> float:
    entry = plan.elements.get(element)
    if entry is not None and entry.stockpile_days is not None:
        return entry.stockpile_days
    if plan.defaults is not None and plan.defaults.stockpile_days is not None:
        return plan.defaults.stockpile_days
    return 0


def evaluate_reference(dataset: Dataset, plan: Plan) -> dict[str, Any]:
    """Every case of ``plan`` on ``dataset``, in the JSON output's shape (plus ``periods``)."""
    result = evaluate_tables(Tables.read(dataset), plan)
    result["dataset"] = dataset.name
    return result


def evaluate_tables(tables: Tables, plan: Plan) -> dict[str, Any]:
    """Every case of ``plan`` on a dataset read into ``tables``."""
    start, end = horizon(tables, plan)
    periods = quarters(start, end)
    cases = [_case(tables, plan, periods, None)]
    cases += [_case(tables, plan, periods, stress) for stress in plan.stress]
    return {
        "plan": plan.name,
        "dataset": plan.dataset,
        "horizon": {"start": start, "end": end},
        "periods": periods,
        "cases": cases,
        "all_china_cost_usd": _all_china_cost(tables, plan, periods),
    }


def _all_china_cost(tables: Tables, plan: Plan, periods: list[str]) -> float:
    """Total cost of the base case of the same plan with every element 100 % China
    (same stock days, same carrying cost); 0 without a ``china`` source."""
    if "china" not in tables.sources:
        return 0.0
    all_china = Plan(
        name="all China",
        dataset=plan.dataset,
        elements={
            e: ElementPlan(split=Split({"china": 100}), stockpile_days=stockpile_days(plan, e))
            for e in tables.elements
        },
        stock_carrying_cost=plan.stock_carrying_cost,
    )
    return _case(tables, all_china, periods, None)["portfolio"]["total_cost_usd"]


def _case(tables: Tables, plan: Plan, periods: list[str], stress: StressCase | None) -> Row:
    element_rows: list[Row] = []
    period_rows: list[Row] = []
    shortfall_ratio: dict[tuple[str, str], float] = {}
    money = {"exposed": 0.0, "total": 0.0}
    for element in tables.elements:
        element_row, rows = _element(tables, plan, periods, stress, element, money)
        element_rows.append(element_row)
        period_rows.extend(rows)
        for row in rows:
            ratio = row["shortfall_t"] / row["demand_t"] if row["demand_t"] > 0 else 0.0
            shortfall_ratio[(element, row["period"])] = ratio
    result = {
        "case": BASE if stress is None else stress.name,
        "portfolio": _portfolio(element_rows, money),
        "elements": element_rows,
        "periods": period_rows,
        "products": _products(tables, periods, shortfall_ratio),
    }
    result["portfolio"]["value_short_usd"] = _value_short(result["products"])
    return result


def _price_factor(stress: StressCase | None, stressed: bool, period: str) -> float:
    """A case raises the spot price of the elements it covers in the quarters it cuts."""
    if stress is None or not stressed or cut_fraction(stress, period) <= 0:
        return 1.0
    return float(stress.price_factor)


def _first_quarter_price(tables: Tables, element: str, period: str) -> float:
    """The lowest contract price of any supply row of the element in ``period`` (0: none)."""
    prices = [row.price for (_, e, p), row in tables.supply.items() if e == element and p == period]
    return min(prices, default=0.0)


def _element(
    tables: Tables,
    plan: Plan,
    periods: list[str],
    stress: StressCase | None,
    element: str,
    money: dict[str, float],
) -> tuple[Row, list[Row]]:
    stressed = stress is not None and (stress.elements is None or element in stress.elements)
    rows: list[Row] = []
    exposed_volume = 0.0
    cost = 0.0
    spot_cost = 0.0
    bought_total = 0.0
    bought_china = 0.0
    for period in periods:
        demand = tables.demand.get((element, period), 0.0)
        split = split_in_force(plan, element, period) or {}
        supplied_by: dict[str, float] = {}
        planned_by: dict[str, float] = {}
        offers: list[tuple[float, int, str, float, float]] = []  # price, order, source, limit
        exposure = 0.0
        cut_capacity: dict[str, float | None] = {}
        for source in tables.sources:
            w = split.get(source, 0) / 100
            planned = demand * w
            planned_by[source] = planned
            row = tables.supply.get((source, element, period))
            if row is None:
                capacity: float | None = 0.0
                price = 0.0
                china_share = 0.0
            else:
                capacity, price, china_share = row.capacity, row.price, row.china_share
            f = cut_fraction(stress, period) if stressed and source == stress.source else 0.0
            # an unlimited source can still deliver (1 − f) of what was planned from it
            unlimited = row is not None and capacity is None
            capacity = planned * (1 - f) if capacity is None else capacity * (1 - f)
            delivered = min(planned, capacity)
            supplied_by[source] = delivered
            cut_capacity[source] = None if unlimited else capacity
            exposure += w * china_share
            exposed_volume += planned * china_share
            cost += delivered * price * 1000
            money["exposed"] += planned * china_share * price
            money["total"] += planned * price
        supplied = sum(supplied_by.values())
        gap = max(demand - supplied, 0.0)
        # Spot: every source with a premium and a supply row offers what it has left
        for order, source in enumerate(tables.sources):
            premium = tables.spot_premium.get(source)
            row = tables.supply.get((source, element, period))
            if premium is None or row is None:
                continue
            f = cut_fraction(stress, period) if stressed and source == stress.source else 0.0
            left = cut_capacity[source]
            limit = (1 - f) * gap if left is None else left - supplied_by[source]
            spot_price = row.price * (1 + premium) * _price_factor(stress, stressed, period)
            offers.append((spot_price, order, source, limit, row.china_share))
        spot_by: dict[str, float] = {
            s: 0.0 for s in tables.sources if tables.spot_premium.get(s) is not None
        }
        still_needed = gap
        for spot_price, _, source, limit, _ in sorted(offers):
            bought = max(0.0, min(limit, still_needed))
            spot_by[source] = bought
            still_needed -= bought
            spot_cost += bought * spot_price * 1000
        spot = sum(spot_by.values())
        china_shares = {
            s: (r.china_share if (r := tables.supply.get((s, element, period))) else 0.0)
            for s in tables.sources
        }
        bought_here = sum(supplied_by[s] + spot_by.get(s, 0.0) for s in tables.sources)
        china_here = sum(
            (supplied_by[s] + spot_by.get(s, 0.0)) * china_shares[s] for s in tables.sources
        )
        bought_total += bought_here
        bought_china += china_here
        rows.append(
            {
                "element": element,
                "period": period,
                "demand_t": demand,
                "supplied_t": supplied,
                "gap_t": gap,
                "china_exposure": exposure,
                "supplied_by": supplied_by,
                "planned_by": planned_by,
                "spot_t": spot,
                "china_exposure_bought": china_here / bought_here if bought_here > 0 else None,
                "spot_by": spot_by,
                "_left_after_spot": max(gap - spot, 0.0),
            }
        )
    total_demand = sum(row["demand_t"] for row in rows)
    n = len(periods)
    stock = stockpile_days(plan, element) * total_demand / (DAYS_PER_QUARTER * n)
    carrying = (plan.stock_carrying_cost or 0) / 100
    p_min = _first_quarter_price(tables, element, periods[0])
    stock_cost = stock * p_min * 1000 * carrying * n / 4
    left = stock
    for row in rows:
        needed = row.pop("_left_after_spot")
        drawn = min(left, needed)
        left -= drawn
        row["stockpile_drawn_t"] = drawn
        row["shortfall_t"] = needed - drawn
        demand = row["demand_t"]
        row["days_short"] = row["shortfall_t"] / (demand / DAYS_PER_QUARTER) if demand > 0 else 0.0
    supplied = sum(row["supplied_t"] for row in rows)
    element_row = {
        "element": element,
        "demand_t": total_demand,
        "supplied_t": supplied,
        "gap_t": sum(row["gap_t"] for row in rows),
        "coverage": supplied / total_demand if total_demand > 0 else 1.0,
        "china_exposure": exposed_volume / total_demand if total_demand > 0 else None,
        "cost_usd": cost + spot_cost,
        "stockpile_t": stock,
        "stockpile_drawn_t": sum(row["stockpile_drawn_t"] for row in rows),
        "shortfall_t": sum(row["shortfall_t"] for row in rows),
        "days_short": sum(row["days_short"] for row in rows),
        "spot_t": sum(row["spot_t"] for row in rows),
        "spot_cost_usd": spot_cost,
        "china_exposure_bought": bought_china / bought_total if bought_total > 0 else None,
        "stock_cost_usd": stock_cost,
        "total_cost_usd": cost + spot_cost + stock_cost,
        # kept for the portfolio's volume-weighted exposures; not part of the JSON row
        "_exposed_t": exposed_volume,
        "_bought_t": bought_total,
        "_bought_china_t": bought_china,
    }
    return element_row, rows


def _portfolio(element_rows: list[Row], money: dict[str, float]) -> Row:
    demand = sum(row["demand_t"] for row in element_rows)
    supplied = sum(row["supplied_t"] for row in element_rows)
    exposed = sum(row.pop("_exposed_t") for row in element_rows)
    bought = sum(row.pop("_bought_t") for row in element_rows)
    bought_china = sum(row.pop("_bought_china_t") for row in element_rows)
    return {
        "demand_t": demand,
        "supplied_t": supplied,
        "gap_t": sum(row["gap_t"] for row in element_rows),
        "coverage": supplied / demand if demand > 0 else 1.0,
        "china_exposure": exposed / demand if demand > 0 else None,
        "china_exposure_value": money["exposed"] / money["total"] if money["total"] > 0 else None,
        "cost_usd": sum(row["cost_usd"] for row in element_rows),
        "stockpile_drawn_t": sum(row["stockpile_drawn_t"] for row in element_rows),
        "shortfall_t": sum(row["shortfall_t"] for row in element_rows),
        "spot_t": sum(row["spot_t"] for row in element_rows),
        "spot_cost_usd": sum(row["spot_cost_usd"] for row in element_rows),
        "china_exposure_bought": bought_china / bought if bought > 0 else None,
        "stock_cost_usd": sum(row["stock_cost_usd"] for row in element_rows),
        "total_cost_usd": sum(row["total_cost_usd"] for row in element_rows),
    }


def _value_short(products: list[Row]) -> float | None:
    """The products whose value is known, summed; None when no product's value is."""
    known = [row["value_short_usd"] for row in products if row["value_short_usd"] is not None]
    return sum(known) if known else None


def _products(
    tables: Tables, periods: list[str], shortfall_ratio: dict[tuple[str, str], float]
) -> list[Row]:
    """Pro-rata rationing: a product loses the share of units of its worst-short element."""
    if not tables.has_products:
        return []
    rows = []
    for product in tables.products:
        elements = [e for e, kg in tables.bom.get(product, []) if kg > 0]
        units = 0.0
        short = 0.0
        value: float | None = 0.0
        for period in periods:
            if (product, period) not in tables.units:
                continue
            built = tables.units[(product, period)]
            worst = max((shortfall_ratio.get((e, period), 0.0) for e in elements), default=0.0)
            units += built
            short += built * worst
            unit_value = tables.unit_value.get((product, period))
            if unit_value is None:
                value = None  # one quarter without a value: the product's value is unknown
            elif value is not None:
                value += built * worst * unit_value
        rows.append(
            {"product": product, "units": units, "units_short": short, "value_short_usd": value}
        )
    return rows
