"""Hypothesis strategies: small datasets and valid plans for them.

Small on purpose (1–4 elements, 1–3 sources, 1–6 quarters) so that hypothesis can
explore the awkward corners of SPEC §5 quickly: unlimited and zero capacities, missing
supply rows, zero demand, products without a bom, uncovered elements, schedules that
start before the horizon, stress windows that span quarters and years.
"""

from __future__ import annotations

import polars as pl
from hypothesis import strategies as st

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
from tui.domain.plan import Defaults, ElementPlan, Horizon, Plan, ScheduleStep, Split, StressCase

SYMBOLS = ("Nd", "Dy", "Tb", "Sm")
SOURCES = ("china", "lynas", "recycling")

tonnes = st.one_of(
    st.just(0.0),
    st.integers(1, 5000).map(float),
    st.floats(min_value=0.001, max_value=5000, allow_nan=False, allow_infinity=False),
)
prices = st.one_of(
    st.just(0.0), st.floats(min_value=0.01, max_value=4000, allow_nan=False, allow_infinity=False)
)
china_shares = st.one_of(
    st.sampled_from([0.0, 1.0, 0.5]),
    st.floats(min_value=0, max_value=1, allow_nan=False, allow_infinity=False),
)
# None = an empty capacity_t cell: unlimited
capacities = st.one_of(st.none(), st.just(0.0), tonnes)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    n_elements = draw(st.integers(1, 4))
    n_sources = draw(st.integers(1, 3))
    n_periods = draw(st.integers(1, 6))
    first = draw(st.integers(period_index("2025Q1"), period_index("2027Q4")))
    elements = SYMBOLS[:n_elements]
    sources = SOURCES[:n_sources]
    periods = [period_from_index(first + i) for i in range(n_periods)]

    demand = [
        {"element": e, "period": p, "tonnes": draw(tonnes)}
        for e in elements
        for p in periods
        if draw(st.integers(0, 4)) > 0  # a row about four times in five
    ]
    if not demand:  # the dataset must mention some quarter
        demand = [{"element": elements[0], "period": periods[0], "tonnes": draw(tonnes)}]
    supply = [
        {
            "source": s,
            "element": e,
            "period": p,
            "capacity_t": draw(capacities),
            "price_usd_kg": draw(prices),
            "china_share": 1.0 if s == "china" else draw(china_shares),
        }
        for s in sources
        for e in elements
        for p in periods
        if draw(st.integers(0, 3)) > 0  # missing rows: capacity 0
    ]
    products, bom = draw(_products(elements, periods))
    return Dataset(
        name="hypothesis",
        path=None,
        elements=tuple(Element(e, e, "light" if e in ("Nd", "Sm") else "heavy") for e in elements),
        sources=tuple(Source(s, s.title(), "CN" if s == "china" else "AU") for s in sources),
        demand=pl.DataFrame(demand, schema=DEMAND_SCHEMA, orient="row"),
        supply=pl.DataFrame(supply, schema=SUPPLY_SCHEMA, orient="row"),
        products=pl.DataFrame(products, schema=PRODUCTS_SCHEMA),
        bom=pl.DataFrame(bom, schema=BOM_SCHEMA, orient="row"),
    )


@st.composite
def _products(
    draw: st.DrawFn, elements: tuple[str, ...], periods: list[str]
) -> tuple[list[dict], list[dict]]:
    """0–3 products; some quarters unbuilt, some products without a bom, some kg 0."""
    names = [f"prod-{i}" for i in range(draw(st.integers(0, 3)))]
    products = [
        {"product": q, "period": p, "units": draw(st.sampled_from([0.0, 1.0, 250.0, 1e4]))}
        for q in names
        for p in periods
        if draw(st.booleans())
    ]
    listed = {row["product"] for row in products}
    bom = [
        {"product": q, "element": e, "kg_per_unit": draw(st.sampled_from([0.0, 0.05, 0.5, 2.0]))}
        for q in names
        if q in listed
        for e in elements
        if draw(st.booleans())
    ]
    return products, bom


def quarter_span(dataset: Dataset) -> list[str]:
    """Every quarter from the first to the last the dataset mentions."""
    mentioned = dataset.periods
    return [
        period_from_index(i)
        for i in range(period_index(mentioned[0]), period_index(mentioned[-1]) + 1)
    ]


@st.composite
def splits(draw: st.DrawFn, sources: tuple[str, ...]) -> Split:
    """Shares in half-percent steps that sum to exactly 100 (ints when whole)."""
    chosen = draw(st.lists(st.sampled_from(sources), min_size=1, unique=True))
    cuts = sorted(
        draw(st.lists(st.integers(0, 200), min_size=len(chosen) - 1, max_size=len(chosen) - 1))
    )
    bounds = [0, *cuts, 200]
    shares: dict[str, int | float] = {}
    for i, source in enumerate(chosen):
        halves = bounds[i + 1] - bounds[i]
        shares[source] = halves // 2 if halves % 2 == 0 else halves / 2
    return Split(shares)


@st.composite
def element_plans(draw: st.DrawFn, sources: tuple[str, ...], span: list[str]) -> ElementPlan:
    has_split = draw(st.booleans()) or len(span) < 2
    steps = sorted(set(draw(st.lists(st.sampled_from(span), max_size=2))), key=period_index)
    if not has_split and not steps:
        steps = [span[-1]]
    return ElementPlan(
        split=draw(splits(sources)) if has_split else None,
        stockpile_days=draw(st.one_of(st.none(), st.sampled_from([0, 30, 45.5, 180, 400]))),
        schedule=tuple(ScheduleStep(p, draw(splits(sources))) for p in steps),
    )


@st.composite
def stress_cases(
    draw: st.DrawFn,
    index: int,
    elements: tuple[str, ...],
    sources: tuple[str, ...],
    span: list[str],
) -> StressCase:
    listed = draw(
        st.one_of(st.none(), st.lists(st.sampled_from(elements), min_size=1, unique=True))
    )
    return StressCase(
        name=f"stress {index}",
        source=draw(st.sampled_from(sources)),
        start=draw(st.sampled_from(span)),
        months=draw(st.integers(1, 12)),
        severity=draw(st.sampled_from([100, 100, 50, 0, 75.5, 99.9])),
        elements=tuple(listed) if listed is not None else None,
    )


@st.composite
def plans(draw: st.DrawFn, dataset: Dataset) -> Plan:
    """A valid plan: splits sum to 100, sources and quarters come from the dataset."""
    elements = dataset.element_ids
    sources = dataset.source_ids
    span = quarter_span(dataset)
    horizon = None
    if draw(st.booleans()):
        start, end = sorted(
            draw(st.lists(st.sampled_from(span), min_size=2, max_size=2)), key=period_index
        )
        horizon = Horizon(start, end)
    defaults = None
    if draw(st.booleans()):
        defaults = Defaults(
            split=draw(st.one_of(st.none(), splits(sources))),
            stockpile_days=draw(st.one_of(st.none(), st.sampled_from([0, 20, 91.25]))),
        )
    listed = draw(st.lists(st.sampled_from(elements), unique=True))
    entries = {e: draw(element_plans(sources, span)) for e in listed}
    n_stress = draw(st.integers(0, 2))
    return Plan(
        name="generated",
        dataset=dataset.name,
        horizon=horizon,
        defaults=defaults,
        elements=entries,
        stress=tuple(draw(stress_cases(i, elements, sources, span)) for i in range(n_stress)),
    )


@st.composite
def datasets_and_plans(draw: st.DrawFn) -> tuple[Dataset, Plan]:
    dataset = draw(datasets())
    return dataset, draw(plans(dataset))
