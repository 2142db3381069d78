"""Quarters: parsing, ordering and ranges."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.period import (
    first_month,
    is_period,
    period_from_index,
    period_index,
    period_range,
)


@pytest.mark.parametrize("text", ["2026Q1", "1999Q4", "2030Q2"])
def test_well_formed_quarters_are_periods(text):
    assert is_period(text)


@pytest.mark.parametrize("text", ["2026Q0", "2026Q5", "2026q1", "26Q1", "2026-Q1", "", 2026, None])
def test_malformed_quarters_are_not_periods(text):
    assert not is_period(text)


def test_period_index_rejects_malformed_text():
    with pytest.raises(ValueError, match="not a quarter"):
        period_index("2026Q7")


@given(st.integers(min_value=1000 * 4, max_value=9999 * 4 + 3))
def test_index_round_trips(index):
    assert period_index(period_from_index(index)) == index


def test_range_crosses_years_and_includes_both_ends():
    assert period_range("2026Q3", "2027Q2") == ["2026Q3", "2026Q4", "2027Q1", "2027Q2"]
    assert period_range("2027Q1", "2026Q4") == []


def test_first_month_of_a_quarter():
    assert first_month("2026Q2") - first_month("2026Q1") == 3
    assert first_month("2027Q1") - first_month("2026Q1") == 12
