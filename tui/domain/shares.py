"""Shares in integer hundredths of a percent: exact sums, and how a share is written.

A split that sums to 100 must still sum to exactly 100 after an edit, and a share typed
as ``33.33`` must read back as ``33.33``; both need the same rounding, so it lives once,
here, for the edits and for every text that shows a share.
"""

from __future__ import annotations

from decimal import Decimal

from tui.domain.plan import Number


def to_cents(value: Number | Decimal) -> int:
    """A percent as integer hundredths (``33.33`` → ``3333``), rounding half away from zero."""
    return int(Decimal(str(value)).scaleb(2).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def from_cents(cents: int) -> Number:
    """Back to a percent: an int when whole, else a float with at most two decimals."""
    if cents % 100 == 0:
        return cents // 100
    return round(cents / 100, 2)
