"""Hypothesis strategies: small markets, plans and limits for suggest.

2–4 elements, 2–3 sources (China first), 2–6 quarters that may cross a year end;
China mostly unlimited, other sources limited or missing in some quarters; stock
days, stress cases, kept elements, targets and share caps drawn at random. Shares
in plans are whole percents, so a plan the test builds can be compared with the
suggestion on the same footing.
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
from tui.domain.plan import ElementPlan, Horizon, Plan, Split, StressCase
from tui.suggest import Limits

SYMBOLS = ("Nd", "Dy", "Tb", "Sm")
SOURCES = ("china", "lynas", "recycling")
SPOT = True
"""Sources that sell spot; on once the engine buys spot (until then it cannot check)."""


@st.composite
def markets(draw: st.DrawFn) -> tuple[Dataset, tuple[str, ...]]:
    elements = SYMBOLS[: draw(st.integers(2, 4))]
    sources = SOURCES[: draw(st.integers(2, 3))]
    first = draw(st.integers(period_index("2026Q1"), period_index("2027Q4")))
    periods = tuple(period_from_index(first + i) for i in range(draw(st.integers(2, 6))))
    demand = [
        (e, p, float(draw(st.sampled_from([0, 5, 50, 100, 120, 333]))))
        for e in elements
        for p in periods
    ]
    supply = []
    for s in sources:
        for e in elements:
            for p in periods:
                if s == "china":
                    capacity = draw(st.sampled_from([None, None, None, 80.0, 400.0]))
                    share = draw(st.sampled_from([1.0, 1.0, 0.9]))
                else:
                    if draw(st.integers(0, 5)) == 0:
                        continue  # no supply row this quarter
                    capacity = draw(st.sampled_from([None, 0.0, 10.0, 33.3, 60.0, 150.0]))
                    share = draw(st.sampled_from([0.0, 0.0, 0.1, 0.35]))
                price = float(draw(st.integers(1, 60)))
                supply.append((s, e, p, capacity, price, share))
    source_objects = []
    for s in sources:
        premium = draw(st.sampled_from([None, 0.0, 0.5])) if SPOT else None
        source_objects.append(Source(s, s, "CN" if s == "china" else "AU", premium))
    dataset = Dataset(
        name="generated",
        path=None,
        elements=tuple(Element(e, e, "light") for e in elements),
        sources=tuple(source_objects),
        demand=pl.DataFrame(demand, schema=DEMAND_SCHEMA, orient="row"),
        supply=pl.DataFrame(supply, schema=SUPPLY_SCHEMA, orient="row"),
        products=pl.DataFrame([], schema=PRODUCTS_SCHEMA, orient="row"),
        bom=pl.DataFrame([], schema=BOM_SCHEMA, orient="row"),
    )
    return dataset, periods


@st.composite
def whole_splits(draw: st.DrawFn, sources: tuple[str, ...]) -> Split:
    """A split in whole percents: random cut points of 0..100."""
    cuts = sorted(
        draw(st.lists(st.integers(0, 100), min_size=len(sources) - 1, max_size=len(sources) - 1))
    )
    bounds = [0, *cuts, 100]
    return Split({s: bounds[i + 1] - bounds[i] for i, s in enumerate(sources)})


@st.composite
def problems(draw: st.DrawFn) -> tuple[Dataset, Plan, Limits]:
    dataset, periods = draw(markets())
    sources = dataset.source_ids
    elements = {
        e: ElementPlan(
            split=draw(whole_splits(sources)),
            stockpile_days=draw(st.sampled_from([0, 0, 10, 45, 120])),
        )
        for e in dataset.element_ids
    }
    stress = []
    for i in range(draw(st.integers(0, 2))):
        start = draw(st.sampled_from(periods))
        stress.append(
            StressCase(
                name=f"case {i}",
                source=draw(st.sampled_from(sources[:2])),
                start=start,
                months=draw(st.integers(1, 5)),
                severity=draw(st.sampled_from([50, 100])),
                elements=draw(
                    st.one_of(
                        st.none(),
                        st.lists(st.sampled_from(dataset.element_ids), min_size=1, unique=True).map(
                            tuple
                        ),
                    )
                ),
            )
        )
    plan = Plan(
        name="generated",
        dataset="generated",
        horizon=Horizon(periods[0], periods[-1]),
        elements=elements,
        stress=tuple(stress),
    )
    target = draw(st.one_of(st.none(), st.integers(20, 100).map(lambda v: v / 100)))
    limits = Limits(
        target=target,
        survive=tuple(case for case in stress if draw(st.booleans())),
        keep=frozenset(draw(st.lists(st.sampled_from(dataset.element_ids), max_size=1))),
        max_share=draw(st.sampled_from([None, None, 0.5, 0.65, 0.8])),
        yearly=draw(st.booleans()),
    )
    return dataset, plan, limits


def premium_lists() -> st.SearchStrategy[list[float | None]]:
    """A spot premium (or none: contract only) for each of up to three sources."""
    return st.lists(st.sampled_from([None, 0.0, 0.5]), min_size=3, max_size=3)
