"""Headroom: each source's capacity, price and China share per quarter, and the largest
share it can deliver throughout the horizon."""

from __future__ import annotations

import pytest

from tests.engine.builders import dataset
from tui.domain.plan import Split
from tui.suggest.headroom import element_headroom, undeliverable

PERIODS = ("2026Q1", "2026Q2", "2026Q3")


def data():
    return dataset(
        [("Nd", "2026Q1", 100.0), ("Nd", "2026Q2", 50.0), ("Nd", "2026Q3", 0.0)],
        [
            *[("china", "Nd", p, None, 10.0, 1.0) for p in PERIODS],
            ("lynas", "Nd", "2026Q1", 60.0, 20.0, 0.1),
            ("lynas", "Nd", "2026Q2", 20.0, 21.0, 0.1),
            ("recycling", "Nd", "2026Q2", 80.0, 30.0, 0.0),
        ],
        elements=("Nd",),
        sources=("china", "lynas", "recycling"),
    )


def test_per_quarter_rows_and_the_largest_share_throughout() -> None:
    china, lynas, recycling = element_headroom(data(), "2026Q1", "2026Q3", "Nd")
    assert china.max_share == 1.0 and china.limiting_period is None
    # Lynas: 60/100 in Q1, 20/50 in Q2; Q3 has no demand and does not count.
    assert lynas.max_share == pytest.approx(0.4)
    assert lynas.limiting_period == "2026Q2"
    q1 = lynas.quarters[0]
    assert (q1.period, q1.capacity_t, q1.price_usd_kg, q1.china_share) == (
        "2026Q1",
        60.0,
        20.0,
        0.1,
    )
    assert q1.deliverable_share == pytest.approx(0.6)
    assert lynas.quarters[2].deliverable_share is None  # no demand
    # Recycling has no row in Q1, where there is demand: it cannot take a share.
    assert recycling.max_share == 0.0
    assert recycling.limiting_period == "2026Q1"
    assert recycling.quarters[0].available is False
    assert recycling.quarters[1].deliverable_share == 1.0


def test_marks_shares_that_a_source_cannot_deliver() -> None:
    sources = element_headroom(data(), "2026Q1", "2026Q3", "Nd")
    assert undeliverable(sources, Split.of(china=60, lynas=40)) == {}
    marked = undeliverable(sources, Split.of(china=50, lynas=45, recycling=5))
    assert marked == {"lynas": pytest.approx(40.0), "recycling": 0.0}
    lynas = sources[1]
    assert lynas.short_quarters(45) == ("2026Q2",)
    assert lynas.short_quarters(61) == ("2026Q1", "2026Q2")
