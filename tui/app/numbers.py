"""How figures read on screen: tonnes, percents, money and days, short and stable.

Kept apart from the widgets so that every view (table, headline, browser, compare)
writes the same figure the same way, and so that the wording can be unit-tested.
"""

from __future__ import annotations

import math

NOISE_T = 1e-6
"""Tonnes below this are float noise from summing (5.7e-14 t), not a gap to flag."""


def tidy(value: float | None) -> float | None:
    """Zero for float noise, so a plan without a gap never shows a red "<0.01"."""
    if value is None:
        return None
    return 0.0 if abs(value) < NOISE_T else value


def _bad(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def tonnes(value: float | None) -> str:
    """``1234.5`` → ``"1,234"``, ``12.34`` → ``"12.3"``, ``0.04`` → ``"0.04"``."""
    if _bad(value):
        return "—"
    assert value is not None
    size = abs(value)
    if size == 0:
        return "0"
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 1:
        return f"{value:,.1f}"
    if size < NOISE_T:
        return "0"
    if size < 0.005:
        return "<0.01" if value > 0 else ">-0.01"
    return f"{value:.2f}"


def percent(fraction: float | None, digits: int = 1) -> str:
    """A fraction 0–1 as a percent: ``0.4823`` → ``"48.2%"``; null → ``"—"``."""
    if _bad(fraction):
        return "—"
    assert fraction is not None
    return f"{fraction * 100:.{digits}f}%"


def coverage(fraction: float | None, digits: int = 1) -> str:
    """Like ``percent``, but never rounds a shortfall up to a clean 100%: ``>99.9%``."""
    text = percent(fraction, digits)
    if fraction is not None and fraction < 1 and text == percent(1.0, digits):
        return ">" + percent(1 - 10 ** -(digits + 2), digits)
    return text


def usd(value: float | None, *, signed: bool = False) -> str:
    """Money in a few characters: ``$1.23B``, ``$456M``, ``$12.3k``, ``$950``."""
    if _bad(value):
        return "—"
    assert value is not None
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    size = abs(value)
    for unit, scale in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if size >= scale:
            scaled = size / scale
            text = (
                f"{scaled:.2f}"
                if scaled < 10
                else f"{scaled:.1f}"
                if scaled < 100
                else f"{scaled:.0f}"
            )
            return f"{sign}${text}{unit}"
    return f"{sign}${size:.0f}"


def days(value: float | None) -> str:
    if _bad(value):
        return "—"
    assert value is not None
    return f"{value:.0f} d" if value >= 1 or value == 0 else f"{value:.1f} d"
