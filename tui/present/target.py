"""The goal line: when a China exposure counts as above the plan's target."""

from __future__ import annotations

TOLERANCE = 1e-9
"""An exposure that equals the target up to summation noise is within it: 50% planned
exactly must not read "above target 50%" because 0.5000000000000001 was summed."""


def target_fraction(target_percent: float | None) -> float | None:
    """A plan's ``target_china_exposure`` (percent) as a fraction, or None."""
    return None if target_percent is None else target_percent / 100


def above_target(exposure: float | None, target: float | None) -> bool:
    """``exposure`` and ``target`` are fractions (0–1); no target or no exposure (no
    demand) is never above it."""
    return target is not None and exposure is not None and exposure > target + TOLERANCE
