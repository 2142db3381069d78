"""Tonnes, percents, money and days as a person reads them: short, stable, one rule each.

The app's narrow cells and the command line's tables use these same functions, so a
figure never reads ``1,234`` in one place and ``1,234.5`` in another. Where a table
puts the unit in its header, ``unit=""`` leaves it out of the cell; the number itself
is the same. ``sign=True`` writes a change: ``+12.3``, and a change too small to show
keeps its direction (``+0.0``) so that "unchanged" is never claimed for a real move.
"""

from __future__ import annotations

import math

NOISE_T = 1e-6
"""Tonnes below this are float noise from summing (5.7e-14 t), not a gap to flag."""

_NOISE = 1e-9
"""Below this a change (in the figure's own unit) is arithmetic noise: no change."""

DASH = "—"
"""Stands for a figure that does not exist (no demand, no such case)."""


def tidy(value: float | None) -> float | None:
    """Zero for float noise, so a plan without a gap never shows a red ``<0.01``."""
    if value is None:
        return None
    return 0.0 if abs(value) < NOISE_T else value


def is_short(value: float | None) -> bool:
    """A gap or shortfall worth flagging: more than float noise."""
    return value is not None and value > NOISE_T


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _signed(text: str, value: float, sign: bool) -> str:
    if text.startswith("-") or not sign:
        return text
    return "+" + text if value > 0 else text


def _fixed(value: float, decimals: int, sign: bool) -> str:
    """Fixed decimals with separators; a change that rounds to zero keeps its sign."""
    if abs(value) < _NOISE:
        return f"{0.0:,.{decimals}f}"
    text = f"{value:,.{decimals}f}"
    if not sign and float(text.replace(",", "")) == 0:
        return f"{0.0:,.{decimals}f}"
    return _signed(text, value, sign)


def tonnes(value: float | None, *, sign: bool = False, dash: str = DASH) -> str:
    """``1234.5`` → ``1,234``, ``12.34`` → ``12.3``, ``0.04`` → ``0.04``, ``0.004`` →
    ``<0.01``: three significant figures or so, never a misleading zero for a real gap."""
    if _missing(value):
        return dash
    assert value is not None
    size = abs(value)
    if size < NOISE_T:
        return "0"
    if size >= 100:
        text = f"{value:,.0f}"
    elif size >= 1:
        text = f"{value:,.1f}"
    elif size >= 0.005:
        text = f"{value:.2f}"
    else:
        text = "<0.01" if value > 0 else ">-0.01"
    return _signed(text, value, sign)


def percent(
    fraction: float | None,
    digits: int = 1,
    *,
    sign: bool = False,
    unit: str = "%",
    dash: str = DASH,
) -> str:
    """A fraction 0–1 as a percent: ``0.4823`` → ``48.2%``; a change in points with
    ``sign``: ``-1.5%``; null → the dash."""
    if _missing(fraction):
        return dash
    assert fraction is not None
    return _fixed(fraction * 100, digits, sign) + unit


def percent_range(low: float, high: float) -> str:
    """``5%``, or ``5–12%`` when a figure (a source's China share) changes over time."""
    if round(low * 100) == round(high * 100):
        return f"{low * 100:.0f}%"
    return f"{low * 100:.0f}–{high * 100:.0f}%"


def coverage(fraction: float | None, digits: int = 1, *, unit: str = "%", dash: str = DASH) -> str:
    """Like ``percent``, but never rounds a shortfall up to a clean 100%: ``>99.9%``."""
    text = percent(fraction, digits, unit=unit, dash=dash)
    if fraction is not None and fraction < 1 and text == percent(1.0, digits, unit=unit):
        return ">" + percent(1 - 10 ** -(digits + 2), digits, unit=unit)
    return text


def usd(value: float | None, *, sign: bool = False, dash: str = DASH) -> str:
    """Money in three significant figures: ``$1.23B``, ``$456M``, ``$12.3k``, ``$950``."""
    if _missing(value):
        return dash
    assert value is not None
    size = abs(value)
    text = f"${size:.0f}"
    for suffix, scale in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if size >= scale:
            scaled = size / scale
            decimals = 2 if scaled < 10 else 1 if scaled < 100 else 0
            text = f"${scaled:.{decimals}f}{suffix}"
            break
    if value < 0 and text != "$0":
        return "-" + text
    return "+" + text if sign and value > 0 else text


def days(value: float | None, *, sign: bool = False, unit: str = " d", dash: str = DASH) -> str:
    """Days of cover or short: whole days from one day on, tenths below (``0.5 d``)."""
    if _missing(value):
        return dash
    assert value is not None
    size = abs(value)
    if size < _NOISE:
        return "0" + unit
    text = f"{value:,.0f}" if size >= 1 else f"{value:.1f}"
    return _signed(text, value, sign) + unit


def units(value: float | None, *, dash: str = DASH) -> str:
    """Product units, whole: ``12,500``."""
    if _missing(value):
        return dash
    assert value is not None
    return f"{value:,.0f}"
