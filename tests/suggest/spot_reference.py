"""Shortfall under a stress case with spot purchases, read plainly off the rules.

Per element and quarter: contracts deliver ``S = min(D·w, C·(1 − f))`` (an unlimited
source ``D·w·(1 − f)``); the gap ``G = D − ΣS`` is bought spot from the sources that
sell spot, each up to what its cut capacity has left (``C·(1 − f) − S``) or, when
unlimited, ``(1 − f)·G``; the stock, never refilled, covers what is still missing in
quarter order; the rest is the shortfall. Prices do not matter for tonnes.
"""

from __future__ import annotations

from tui.domain.dataset import Dataset
from tui.domain.period import DAYS_PER_QUARTER, period_index, period_range
from tui.domain.plan import Plan, StressCase


def shortfalls(dataset: Dataset, plan: Plan, case: StressCase) -> dict[tuple[str, str], float]:
    assert plan.horizon is not None
    periods = period_range(plan.horizon.start, plan.horizon.end)
    demand: dict[tuple[str, str], float] = {}
    for element, period, tonnes in dataset.demand.iter_rows():
        demand[(element, period)] = demand.get((element, period), 0.0) + tonnes
    rows = {
        (s, e, p): (capacity, share)
        for s, e, p, capacity, _price, share in dataset.supply.iter_rows()
    }
    spot = {source.id: source.spot_premium is not None for source in dataset.sources}
    first = period_index(case.start)
    cut = {period_from(first + k): f for k, f in enumerate(case.cut_fractions())}
    result = {}
    for element in dataset.element_ids:
        total = sum(demand.get((element, p), 0.0) for p in periods)
        stock = plan.stockpile_days(element) * total / (DAYS_PER_QUARTER * len(periods))
        for period in periods:
            d = demand.get((element, period), 0.0)
            split = plan.split_at(element, period)
            delivered, room, unlimited_spot = {}, {}, []
            for source in dataset.source_ids:
                f = (
                    cut.get(period, 0.0)
                    if source == case.source and case.applies_to(element)
                    else 0.0
                )
                row = rows.get((source, element, period))
                w = split.fraction(source) if split is not None else 0.0
                if row is None:
                    delivered[source] = 0.0
                    continue
                capacity = row[0]
                if capacity is None:
                    delivered[source] = d * w * (1 - f)
                    if spot[source]:
                        unlimited_spot.append(1 - f)
                else:
                    delivered[source] = min(d * w, capacity * (1 - f))
                    if spot[source]:
                        room[source] = capacity * (1 - f) - delivered[source]
            gap = max(0.0, d - sum(delivered.values()))
            limit = sum(room.values()) + sum(u * gap for u in unlimited_spot)
            missing = gap - min(gap, limit)
            drawn = min(stock, missing)
            stock -= drawn
            result[(element, period)] = missing - drawn
    return result


def period_from(index: int) -> str:
    return f"{index // 4}Q{index % 4 + 1}"
