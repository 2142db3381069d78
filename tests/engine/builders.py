"""Tiny datasets and plans written out by hand, for the hand-worked tests."""

from __future__ import annotations

from collections.abc import Iterable

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
from tui.domain.plan import Defaults, ElementPlan, Horizon, Plan, Split, StressCase

Supply = tuple[str, str, str, float | None, float, float]


def dataset(
    demand: Iterable[tuple[str, str, float]],
    supply: Iterable[Supply],
    *,
    elements: tuple[str, ...] = ("Nd", "Dy"),
    sources: tuple[str, ...] = ("china", "lynas"),
    products: Iterable[tuple] = (),
    bom: Iterable[tuple[str, str, float]] = (),
    spot_premiums: dict[str, float] | None = None,
) -> Dataset:
    """Rows as tuples in the CSV column order of the dataset files (a product row may
    leave out its unit value); ``spot_premiums`` names the sources that sell spot."""
    premiums = spot_premiums or {}
    product_rows = [(*row, None) if len(row) == 3 else tuple(row) for row in products]
    return Dataset(
        name="hand",
        path=None,
        elements=tuple(Element(e, e, "light") for e in elements),
        sources=tuple(Source(s, s, "CN", premiums.get(s)) for s in sources),
        demand=pl.DataFrame(list(demand), schema=DEMAND_SCHEMA, orient="row"),
        supply=pl.DataFrame(list(supply), schema=SUPPLY_SCHEMA, orient="row"),
        products=pl.DataFrame(product_rows, schema=PRODUCTS_SCHEMA, orient="row"),
        bom=pl.DataFrame(list(bom), schema=BOM_SCHEMA, orient="row"),
    )


def plan(
    elements: dict[str, ElementPlan] | None = None,
    *,
    horizon: tuple[str, str] | None = None,
    defaults: Defaults | None = None,
    stress: Iterable[StressCase] = (),
) -> Plan:
    return Plan(
        name="hand",
        dataset="hand",
        horizon=Horizon(*horizon) if horizon else None,
        defaults=defaults,
        elements=elements or {},
        stress=tuple(stress),
    )


def split(**shares: int | float) -> ElementPlan:
    return ElementPlan(split=Split(dict(shares)))
