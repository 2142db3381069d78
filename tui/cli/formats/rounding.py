"""Figures as the command line writes them: rounded once, at output, never inside.

The engine keeps full precision (sums of many products of floats), so its figures
carry floating-point noise in their last digits: an all-China exposure of
0.9999999999999998, a demand of 2500.0000000000005. JSON and CSV show every figure
rounded to ``SIGNIFICANT_DIGITS`` significant digits, far more than any input has,
so the noise goes and nothing a planner typed is lost.
"""

from __future__ import annotations

import polars as pl

SIGNIFICANT_DIGITS = 12


def rounded(frame: pl.DataFrame) -> pl.DataFrame:
    """Every float column (and float field of a struct column) to 12 significant digits."""
    return frame.with_columns(
        pl.col(pl.Float64).round_sig_figs(SIGNIFICANT_DIGITS),
    )


def round_number(value: float | None) -> float | None:
    """One figure rounded as ``rounded`` rounds a column (for values outside frames)."""
    if value is None:
        return None
    return pl.Series([value], dtype=pl.Float64).round_sig_figs(SIGNIFICANT_DIGITS)[0]
