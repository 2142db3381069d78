"""Deterministic synthetic datasets and plans, for the benchmark and the engine tests.

The same ``seed`` always gives the same dataset and plan, so benchmark figures and test
failures can be reproduced. The data look like a rare-earth buyer's: China can supply
almost everything (often without a contracted limit), other sources ramp up over time
with limited capacity, a higher price and a small Chinese share, some rows are missing
(a source without material that quarter), and most demand comes from products through
a bill of materials.
"""

from __future__ import annotations

import random

import polars as pl

from tui.domain.dataset import (
    BOM_SCHEMA,
    DEMAND_SCHEMA,
    PRODUCTS_SCHEMA,
    SUPPLY_SCHEMA,
    Dataset,
    Element,
    Source,
)
from tui.domain.period import period_from_index, period_index
from tui.domain.plan import Defaults, ElementPlan, Plan, ScheduleStep, Split, StressCase

FIRST_PERIOD = "2026Q1"
_ORIGINS = ("AU", "MY", "recycled", "US", "FR", "VN")


def element_ids(n_elements: int) -> list[str]:
    return [f"E{i:02d}" for i in range(1, n_elements + 1)]


def source_ids(n_sources: int) -> list[str]:
    return ["china", *(f"s{i}" for i in range(1, n_sources))]


def period_ids(n_periods: int, first: str = FIRST_PERIOD) -> list[str]:
    start = period_index(first)
    return [period_from_index(start + i) for i in range(n_periods)]


def make_dataset(
    n_products: int, n_elements: int, n_sources: int, n_periods: int, seed: int = 0
) -> Dataset:
    """A dataset of the given size; ``n_sources`` counts ``china``."""
    rng = random.Random(seed)
    elements = element_ids(n_elements)
    sources = source_ids(n_sources)
    periods = period_ids(n_periods)
    heavy = {e for i, e in enumerate(elements) if i >= n_elements // 2}
    china_price = {
        e: rng.uniform(200, 1500) if e in heavy else rng.uniform(0.5, 90) for e in elements
    }
    demand = _demand(rng, elements, heavy, periods)
    products = _products(rng, n_products, elements, heavy, periods)
    return Dataset(
        name=f"synthetic-{seed}",
        path=None,
        elements=tuple(
            Element(e, f"Element {e[1:]}", "heavy" if e in heavy else "light") for e in elements
        ),
        sources=tuple(
            Source(s, "China" if s == "china" else f"Source {s[1:]}", _origin(s, i))
            for i, s in enumerate(sources)
        ),
        demand=demand,
        supply=_supply(rng, sources, periods, china_price, _mean_demand(demand, products)),
        **products,
    )


def _mean_demand(demand: pl.DataFrame, products: dict[str, pl.DataFrame]) -> dict[str, float]:
    """Each element's total demand per quarter on average, to size the capacities."""
    totals: dict[str, float] = {}
    for row in demand.to_dicts():
        totals[row["element"]] = totals.get(row["element"], 0.0) + row["tonnes"]
    units: dict[str, float] = {}
    for row in products["products"].to_dicts():
        units[row["product"]] = units.get(row["product"], 0.0) + row["units"]
    for row in products["bom"].to_dicts():
        extra = units.get(row["product"], 0.0) * row["kg_per_unit"] / 1000
        totals[row["element"]] = totals.get(row["element"], 0.0) + extra
    n_periods = max(1, demand.get_column("period").n_unique())
    return {e: t / n_periods for e, t in totals.items()}


def _origin(source: str, index: int) -> str:
    return "CN" if source == "china" else _ORIGINS[(index - 1) % len(_ORIGINS)]


def _demand(
    rng: random.Random, elements: list[str], heavy: set[str], periods: list[str]
) -> pl.DataFrame:
    """Direct demand growing a little each quarter; some quarters have no row."""
    rows = []
    for e in elements:
        base = rng.uniform(0.5, 40) if e in heavy else rng.uniform(20, 600)
        growth = rng.uniform(-0.01, 0.03)
        for i, p in enumerate(periods):
            if rng.random() < 0.05:
                continue  # no row: no direct demand that quarter
            rows.append({"element": e, "period": p, "tonnes": round(base * (1 + growth) ** i, 3)})
    return pl.DataFrame(rows, schema=DEMAND_SCHEMA, orient="row")


def _supply(
    rng: random.Random,
    sources: list[str],
    periods: list[str],
    china_price: dict[str, float],
    mean_demand: dict[str, float],
) -> pl.DataFrame:
    """China covers about all demand (often unlimited); the others ramp up to a part of it."""
    rows = []
    for s in sources:
        for e, need in mean_demand.items():
            if s == "china":
                unlimited = rng.random() < 0.7
                first, cap, premium, share = 0, need * rng.uniform(0.9, 1.6), 1.0, 1.0
            else:
                if rng.random() < 0.3:
                    continue  # this source never has this element
                unlimited = rng.random() < 0.1
                first = rng.randrange(0, max(1, len(periods) // 2))  # ramp-up starts later
                cap = need * rng.uniform(0.05, 0.4)
                premium = rng.uniform(1.2, 4.0)
                share = round(rng.choice([0.0, 0.0, rng.uniform(0, 0.5)]), 3)
            growth = rng.uniform(0, 0.04)
            for i, p in enumerate(periods[first:]):
                if rng.random() < 0.03:
                    continue  # a quarter without material (no row: capacity 0)
                capacity = None if unlimited else round(cap * (1 + growth) ** i, 3)
                price = round(china_price[e] * premium * rng.uniform(0.95, 1.05), 2)
                rows.append(
                    {
                        "source": s,
                        "element": e,
                        "period": p,
                        "capacity_t": capacity,
                        "price_usd_kg": price,
                        "china_share": share,
                    }
                )
    return pl.DataFrame(rows, schema=SUPPLY_SCHEMA, orient="row")


def _products(
    rng: random.Random,
    n_products: int,
    elements: list[str],
    heavy: set[str],
    periods: list[str],
) -> dict[str, pl.DataFrame]:
    """Products built every quarter (some skip quarters), each with 1–4 elements in its bom."""
    product_rows = []
    bom_rows = []
    for q in range(1, n_products + 1):
        product = f"P{q:04d}"
        base = rng.uniform(10, 5000)
        launch = rng.randrange(0, max(1, len(periods) // 4))
        for p in periods[launch:]:
            if rng.random() < 0.1:
                continue
            product_rows.append(
                {
                    "product": product,
                    "period": p,
                    "units": float(round(base * rng.uniform(0.8, 1.2))),
                }
            )
        for e in rng.sample(elements, k=min(len(elements), rng.randint(1, 4))):
            kg = rng.uniform(0.001, 0.05) if e in heavy else rng.uniform(0.05, 1.5)
            bom_rows.append({"product": product, "element": e, "kg_per_unit": round(kg, 4)})
    return {
        "products": pl.DataFrame(product_rows, schema=PRODUCTS_SCHEMA),
        "bom": pl.DataFrame(bom_rows, schema=BOM_SCHEMA, orient="row"),
    }


def random_split(rng: random.Random, candidates: list[str], n: int) -> Split:
    """Integer percent: China keeps 40–100, up to ``n - 1`` other candidates share the rest."""
    others = [s for s in candidates if s != "china"]
    chosen = rng.sample(others, k=min(len(others), n - 1))
    china = rng.randint(40, 100) if chosen else 100
    cuts = sorted(rng.randint(0, 100 - china) for _ in range(len(chosen) - 1))
    bounds = [0, *cuts, 100 - china]
    shares = {"china": china} | {s: bounds[i + 1] - bounds[i] for i, s in enumerate(chosen)}
    return Split({s: v for s, v in shares.items() if v})


def make_plan(dataset: Dataset, n_stress: int = 3, seed: int = 0) -> Plan:
    """A diversified plan: most elements split over 2–3 sources, some with schedules."""
    rng = random.Random(seed)
    sources = list(dataset.source_ids)
    elements = list(dataset.element_ids)
    periods = dataset.periods
    offered: dict[str, set[str]] = {}
    for source, element in dataset.supply.select("source", "element").unique().iter_rows():
        offered.setdefault(element, set()).add(source)
    entries: dict[str, ElementPlan] = {}
    for e in elements:
        roll = rng.random()
        if roll < 0.15:
            continue  # follows [defaults]
        candidates = [s for s in sources if s in offered.get(e, ())]
        days = rng.choice([None, 0, 30, 60, 90])
        schedule: tuple[ScheduleStep, ...] = ()
        if roll > 0.6 and len(periods) > 2:
            starts = sorted(rng.sample(range(1, len(periods)), k=min(2, len(periods) - 1)))
            schedule = tuple(
                ScheduleStep(periods[i], random_split(rng, candidates, rng.randint(2, 3)))
                for i in starts
            )
        entries[e] = ElementPlan(
            split=random_split(rng, candidates, rng.randint(1, 3)),
            stockpile_days=days,
            schedule=schedule,
        )
    return Plan(
        name=f"Synthetic plan {seed}",
        dataset=dataset.name,
        description="Generated for benchmarks and tests.",
        target_china_exposure=50,
        defaults=Defaults(split=Split({"china": 100}), stockpile_days=30),
        elements=entries,
        stress=tuple(_stress(rng, i, sources, elements, periods) for i in range(n_stress)),
    )


def _stress(
    rng: random.Random, i: int, sources: list[str], elements: list[str], periods: tuple[str, ...]
) -> StressCase:
    """An embargo of all of China, a licence lag on some elements, another source's outage."""
    start = periods[rng.randrange(0, max(1, 2 * len(periods) // 3))]
    kind = i % 3
    if kind == 0:
        return StressCase(f"China embargo {i + 1}", "china", start, 2, 100, None)
    if kind == 1:
        chosen = tuple(e for e in elements if rng.random() < 0.4) or (elements[-1],)
        return StressCase(f"Licence lag {i + 1}", "china", start, 4, 80, chosen)
    other = sources[1] if len(sources) > 1 else "china"
    chosen = tuple(e for e in elements if rng.random() < 0.5) or (elements[0],)
    return StressCase(f"{other} outage {i + 1}", other, start, 7, 50, chosen)
