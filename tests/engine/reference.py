"""A plain-Python reference implementation of SPEC §5, to check the polars engine against.

It is written from the SPEC alone, with dicts and loops, so that a mistake in the
vectorised engine shows up as a disagreement instead of being copied. It is slow on
purpose: clarity beats speed here. It reads the dataset frames once with
``to_dicts()`` and then uses only plain Python and ``math``.

The result is a dict in the shape of SPEC §6's JSON (``cases`` → ``portfolio``,
``elements``, ``periods`` with ``supplied_by``, ``products``). Period rows also carry
``stockpile_drawn_t`` and ``days_short`` so that every figure the engine returns can be
compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tui.domain.dataset import Dataset
from tui.domain.plan import Plan, StressCase

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

    @classmethod
    def read(cls, dataset: Dataset) -> Tables:
        demand: dict[tuple[str, str], float] = {}
        for row in dataset.demand.to_dicts():
            key = (row["element"], row["period"])
            demand[key] = demand.get(key, 0.0) + row["tonnes"]
        supply = {
            (row["source"], row["element"], row["period"]): SupplyRow(
                row["capacity_t"], row["price_usd_kg"], row["china_share"]
            )
            for row in dataset.supply.to_dicts()
        }
        units: dict[tuple[str, str], float] = {}
        product_rows = dataset.products.to_dicts()
        for row in product_rows:
            key = (row["product"], row["period"])
            units[key] = units.get(key, 0.0) + row["units"]
        bom: dict[str, list[tuple[str, float]]] = {}
        bom_rows = dataset.bom.to_dicts()
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
        mentioned = {row["period"] for row in dataset.demand.to_dicts()}
        mentioned |= {row["period"] for row in dataset.supply.to_dicts()}
        mentioned |= {row["period"] for row in product_rows}
        return cls(
            elements=[e.symbol for e in dataset.elements],
            sources=[s.id for s in dataset.sources],
            products=products,
            mentioned=sorted(mentioned, key=quarter_index),
            demand=demand,
            supply=supply,
            units=units,
            bom=bom,
            has_products=bool(product_rows) and bool(bom_rows),
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
    """Every case of ``plan`` on ``dataset``, in SPEC §6's JSON shape (plus ``periods``)."""
    tables = Tables.read(dataset)
    start, end = horizon(tables, plan)
    periods = quarters(start, end)
    cases = [_case(tables, plan, periods, None)]
    cases += [_case(tables, plan, periods, stress) for stress in plan.stress]
    return {
        "plan": plan.name,
        "dataset": dataset.name,
        "horizon": {"start": start, "end": end},
        "periods": periods,
        "cases": cases,
    }


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
    return {
        "case": BASE if stress is None else stress.name,
        "portfolio": _portfolio(element_rows, money),
        "elements": element_rows,
        "periods": period_rows,
        "products": _products(tables, periods, shortfall_ratio),
    }


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
    for period in periods:
        demand = tables.demand.get((element, period), 0.0)
        split = split_in_force(plan, element, period) or {}
        supplied_by: dict[str, float] = {}
        exposure = 0.0
        for source in tables.sources:
            w = split.get(source, 0) / 100
            planned = demand * w
            row = tables.supply.get((source, element, period))
            if row is None:
                capacity: float | None = 0.0
                price = 0.0
                china_share = 0.0
            else:
                capacity, price, china_share = row.capacity, row.price, row.china_share
            f = cut_fraction(stress, period) if stressed and source == stress.source else 0.0
            # an unlimited source can still deliver (1 − f) of what was planned from it
            capacity = planned * (1 - f) if capacity is None else capacity * (1 - f)
            delivered = min(planned, capacity)
            supplied_by[source] = delivered
            exposure += w * china_share
            exposed_volume += planned * china_share
            cost += delivered * price * 1000
            money["exposed"] += planned * china_share * price
            money["total"] += planned * price
        supplied = sum(supplied_by.values())
        rows.append(
            {
                "element": element,
                "period": period,
                "demand_t": demand,
                "supplied_t": supplied,
                "gap_t": max(demand - supplied, 0.0),
                "china_exposure": exposure,
                "supplied_by": supplied_by,
            }
        )
    total_demand = sum(row["demand_t"] for row in rows)
    stock = stockpile_days(plan, element) * total_demand / (DAYS_PER_QUARTER * len(periods))
    left = stock
    for row in rows:
        drawn = min(left, row["gap_t"])
        left -= drawn
        row["stockpile_drawn_t"] = drawn
        row["shortfall_t"] = row["gap_t"] - drawn
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
        "cost_usd": cost,
        "stockpile_t": stock,
        "stockpile_drawn_t": sum(row["stockpile_drawn_t"] for row in rows),
        "shortfall_t": sum(row["shortfall_t"] for row in rows),
        "days_short": sum(row["days_short"] for row in rows),
        # kept for the portfolio's volume-weighted exposure; not part of the JSON row
        "_exposed_t": exposed_volume,
    }
    return element_row, rows


def _portfolio(element_rows: list[Row], money: dict[str, float]) -> Row:
    demand = sum(row["demand_t"] for row in element_rows)
    supplied = sum(row["supplied_t"] for row in element_rows)
    exposed = sum(row.pop("_exposed_t") for row in element_rows)
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
    }


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
        for period in periods:
            built = tables.units.get((product, period), 0.0)
            worst = max((shortfall_ratio.get((e, period), 0.0) for e in elements), default=0.0)
            units += built
            short += built * worst
        rows.append({"product": product, "units": units, "units_short": short})
    return rows
