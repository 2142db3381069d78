"""Hypothesis strategies for valid plans, and for documents that are anything but.

Valid plans exercise every optional field, int and float numbers, odd but legal element
symbols and text (quotes, newlines, non-ASCII), so that the round-trip properties cover
what a real plan file may hold. Shares are never zero: the writer leaves zero shares
out by design, so a plan with one would not compare equal after a round trip.
"""

from __future__ import annotations

import datetime as dt
import string
from itertools import pairwise

from hypothesis import strategies as st

from tui.domain.period import period_from_index, period_index
from tui.domain.plan import (
    Defaults,
    ElementPlan,
    Horizon,
    Number,
    Plan,
    ScheduleStep,
    Split,
    StressCase,
)

SOURCES = ("china", "lynas", "recycling", "iluka", "neo")
ELEMENTS = ("La", "Ce", "Pr", "Nd", "Sm", "Dy", "Tb", "Y")
FIRST, LAST = period_index("2000Q1"), period_index("2099Q4")

texts = st.text(st.characters(codec="utf-8"), max_size=30)
names = texts.filter(lambda text: text.strip() != "")
symbols = st.one_of(st.sampled_from(ELEMENTS), names)
# A source id is a lower-case letter then up to ten of [a-z0-9_-]. Built from two texts
# rather than ``st.from_regex``: tests/planfile/test_merge.py took 14.2 s with the regex
# and 10.2 s with this.
_LOWER = string.ascii_lowercase
source_ids = st.one_of(
    st.sampled_from(SOURCES),
    st.builds(
        str.__add__,
        st.sampled_from(_LOWER),
        st.text(alphabet=_LOWER + string.digits + "_-", max_size=10),
    ),
)
periods = st.integers(FIRST, LAST).map(period_from_index)
price_factors = st.one_of(
    st.just(1), st.integers(1, 1000), st.floats(1, 1000, allow_nan=False, allow_infinity=False)
)


@st.composite
def splits(draw: st.DrawFn) -> Split:
    """Nonzero shares summing to 100: whole numbers, or floats with up to 2 decimals."""
    sources = draw(st.lists(source_ids, min_size=1, max_size=4, unique=True))
    as_float = draw(st.booleans())
    if as_float:
        cuts = draw(st.lists(st.integers(1, 9_999), max_size=len(sources) - 1, unique=True))
        points = [0, *sorted(cuts), 10_000]
        shares: list[Number] = [(b - a) / 100 for a, b in pairwise(points)]
    else:
        cuts = draw(st.lists(st.integers(1, 99), max_size=len(sources) - 1, unique=True))
        points = [0, *sorted(cuts), 100]
        shares = [b - a for a, b in pairwise(points)]
    return Split(dict(zip(sources, shares, strict=False)))


numbers_0_100 = st.one_of(
    st.integers(0, 100), st.floats(0, 100, allow_nan=False, allow_infinity=False)
)
day_counts = st.one_of(
    st.integers(0, 10_000), st.floats(0, 10_000, allow_nan=False, allow_infinity=False)
)
severities = st.one_of(
    st.integers(1, 100),
    st.floats(0, 100, exclude_min=True, allow_nan=False, allow_infinity=False),
)


@st.composite
def schedules(draw: st.DrawFn) -> tuple[ScheduleStep, ...]:
    starts = draw(st.lists(st.integers(FIRST, LAST), max_size=3, unique=True))
    return tuple(ScheduleStep(period_from_index(index), draw(splits())) for index in sorted(starts))


@st.composite
def element_plans(draw: st.DrawFn, *, needs_split: bool) -> ElementPlan:
    has_split = needs_split or draw(st.booleans())
    return ElementPlan(
        split=draw(splits()) if has_split else None,
        stockpile_days=draw(st.none() | day_counts),
        note=draw(st.none() | texts),
        schedule=draw(schedules()),
    )


@st.composite
def horizons(draw: st.DrawFn) -> Horizon:
    start, end = sorted(draw(st.lists(st.integers(FIRST, LAST), min_size=2, max_size=2)))
    return Horizon(period_from_index(start), period_from_index(end))


@st.composite
def stress_cases(draw: st.DrawFn, name: str) -> StressCase:
    listed = draw(st.none() | st.lists(symbols, min_size=1, max_size=4, unique=True))
    in_days = draw(st.booleans())
    length = draw(st.integers(1, 120) if not in_days else st.integers(1, 3650))
    return StressCase(
        name=name,
        source=draw(source_ids),
        start=draw(periods),
        months=None if in_days else length,
        severity=draw(severities),
        elements=tuple(listed) if listed is not None else None,
        days=length if in_days else None,
        price_factor=draw(price_factors),
    )


@st.composite
def defaults(draw: st.DrawFn) -> Defaults:
    split = draw(st.none() | splits())
    days = draw(day_counts) if split is None else draw(st.none() | day_counts)
    return Defaults(split=split, stockpile_days=days)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Any plan the reader accepts (valid on its own; not checked against a dataset)."""
    plan_defaults = draw(st.none() | defaults())
    default_split = plan_defaults is not None and plan_defaults.split is not None
    element_symbols = draw(st.lists(symbols, max_size=6, unique=True))
    case_names = draw(st.lists(names.filter(lambda n: n != "base"), max_size=3, unique=True))
    return Plan(
        name=draw(names),
        dataset=draw(st.sampled_from(["reference", "../data/custom"]) | names),
        author=draw(st.none() | texts),
        description=draw(st.none() | texts),
        horizon=draw(st.none() | horizons()),
        target_china_exposure=draw(st.none() | numbers_0_100),
        defaults=plan_defaults,
        elements={
            symbol: draw(element_plans(needs_split=not default_split)) for symbol in element_symbols
        },
        stress=tuple(draw(stress_cases(name)) for name in case_names),
        stock_carrying_cost=draw(st.none() | numbers_0_100),
    )


def toml_values(max_leaves: int = 20) -> st.SearchStrategy[object]:
    """Any value TOML can hold (nan and inf included), nested a few levels."""
    scalars = st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        st.floats(),
        st.booleans(),
        texts,
        st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
        st.dates(),
        st.times(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
        max_leaves=max_leaves,
    )


toml_documents = st.dictionaries(
    st.one_of(st.sampled_from(["format", "name", "dataset", "elements", "stress"]), texts),
    toml_values(),
    max_size=8,
)
