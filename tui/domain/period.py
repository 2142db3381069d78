"""Calendar quarters written ``YYYYQn``.

Periods are compared and stepped through an integer index (``year * 4 + quarter - 1``)
so that ranges and schedules never depend on string ordering.
"""

from __future__ import annotations

import re
from typing import TypeGuard

DAYS_PER_QUARTER = 365 / 4

_PERIOD = re.compile(r"^(\d{4})Q([1-4])$")


def is_period(text: object) -> TypeGuard[str]:
    return isinstance(text, str) and _PERIOD.match(text) is not None


def period_index(period: str) -> int:
    """The quarter's position on a single integer axis; raises ValueError if malformed."""
    match = _PERIOD.match(period)
    if match is None:
        raise ValueError(f"{period!r} is not a quarter like 2026Q1")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def period_from_index(index: int) -> str:
    return f"{index // 4}Q{index % 4 + 1}"


def period_range(start: str, end: str) -> list[str]:
    """Every quarter from ``start`` to ``end``, both included."""
    return [period_from_index(i) for i in range(period_index(start), period_index(end) + 1)]


def first_month(period: str) -> int:
    """The index of the quarter's first month on a months axis (``year * 12 + month - 1``)."""
    return period_index(period) * 3
