"""A dataset's typed frames written as the canonical CSV files of a dataset folder.

Numbers are written as a person would type them (``320``, not ``320.0``; the shortest
text that reads back as the same float), an empty cell as an empty field, and an
optional column only when some row fills it, so that the files diff well in git and
load back to the same frames.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tui.dataset.checks import NUMERIC, Column
from tui.dataset.files import ALL_FILES

_WHOLE_LIMIT = 1e15  # integers up to here are exact in a float and print without ".0"


def write_dataset_files(folder: Path, frames: dict[str, pl.DataFrame]) -> list[str]:
    """Write each frame as ``folder/<file>``, columns in the file's order; the names written."""
    written = []
    for spec in ALL_FILES:
        frame = frames.get(spec.name)
        if frame is None:
            continue
        columns = [
            number_text(pl.col(c.name)) if c.kind in NUMERIC else pl.col(c.name)
            for c in spec.columns
            if _written(c, frame)
        ]
        frame.select(columns).write_csv(folder / spec.name, null_value="", line_terminator="\n")
        written.append(spec.name)
    return written


def _written(column: Column, frame: pl.DataFrame) -> bool:
    """An optional column is left out when no row gives it (as older datasets have it)."""
    if column.name not in frame.columns:
        return False
    return not column.optional or frame.get_column(column.name).null_count() < frame.height


def number_text(value: pl.Expr) -> pl.Expr:
    """A number as text: ``320`` for a whole number, else the shortest exact form."""
    whole = (value == value.round(0)) & (value.abs() < _WHOLE_LIMIT)
    return (
        pl.when(whole)
        .then(value.cast(pl.Int64).cast(pl.String))
        .otherwise(value.cast(pl.String))
        .alias(value.meta.output_name())
    )
