"""One way to write each figure, shared by the app and the command line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.present.numbers import coverage, days, is_short, percent, tidy, tonnes, units, usd
from tui.present.target import above_target, target_fraction


def test_tonnes_keep_about_three_significant_figures() -> None:
    assert tonnes(1234.5) == "1,234" and tonnes(12.34) == "12.3" and tonnes(0.04) == "0.04"
    assert tonnes(None) == "—" and tonnes(None, dash="-") == "-"
    assert tonnes(5.7e-14) == "0" and tonnes(-1e-12) == "0"  # float noise is no gap
    assert tonnes(0.003) == "<0.01" and tonnes(-0.003) == ">-0.01"  # never a false zero


def test_changes_carry_their_sign() -> None:
    assert tonnes(12.34, sign=True) == "+12.3" and tonnes(-2.25, sign=True) == "-2.2"
    assert tonnes(0.0, sign=True) == "0"
    assert percent(0.5, sign=True) == "+50.0%" and percent(-0.015, sign=True) == "-1.5%"
    assert percent(1e-13, sign=True) == "0.0%"  # noise, not a change
    assert percent(0.0004, sign=True) == "+0.0%"  # a real move too small to show
    assert usd(120e6, sign=True) == "+$120M" and usd(-2500, sign=True) == "-$2.50k"
    assert days(3.4, sign=True) == "+3 d" and days(-0.25, sign=True) == "-0.2 d"


def test_percent_coverage_and_units_in_the_header() -> None:
    assert percent(0.4823) == "48.2%" and percent(None) == "—"
    assert percent(0.7272, unit="") == "72.7" and percent(0.5, 0) == "50%"
    assert coverage(0.99996) == ">99.9%" and coverage(1.0) == "100.0%"
    assert coverage(0.996, 0) == ">99%" and coverage(0.5, unit="") == "50.0"


def test_money_days_and_units() -> None:
    assert usd(1.234e9) == "$1.23B" and usd(45.6e6) == "$45.6M" and usd(-2500) == "-$2.50k"
    assert usd(950) == "$950" and usd(-0.3) == "$0" and usd(None) == "—"
    assert days(18.965) == "19 d" and days(0.46) == "0.5 d" and days(0) == "0 d"
    assert days(12, unit="") == "12" and days(float("nan")) == "—"
    assert units(207.84) == "208" and units(12_500) == "12,500"


def test_noise_is_neither_short_nor_shown() -> None:
    assert not is_short(1e-12) and not is_short(None) and is_short(0.001)
    assert tidy(1e-9) == 0.0 and tidy(None) is None and tidy(0.5) == 0.5


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_a_figure_never_reads_as_minus_zero(value: float) -> None:
    for text in (tonnes(value), percent(value), usd(value), days(value)):
        assert not text.startswith(("-0", "-$0 ", "-0.0")) or abs(value) >= 1e-9
        assert text != "-0" and text != "-$0"


@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0, max_value=100))
def test_above_target_is_a_strict_comparison_beyond_noise(exposure: float, target: float) -> None:
    fraction = target_fraction(target)
    assert fraction == target / 100
    assert above_target(exposure, fraction) == (exposure > fraction + 1e-9)
    assert not above_target(fraction, fraction)  # exactly on the line is within it
    assert not above_target(None, fraction) and not above_target(exposure, None)
