"""Evaluations as one tidy CSV table, for spreadsheets and scripts.

One header row, then one row per plan × case × element (or, with ``--periods``, per
plan × case × element × period). Several plans go into the same table; the ``file``
and ``plan`` columns tell them apart. Figures are rounded to 12 significant digits
(see ``rounding``); an empty field is a missing figure (``china_exposure`` of an
element without demand). Shares are fractions. The table is written by polars.

Columns without ``--periods``::

    file, plan, dataset, case, element, demand_t, supplied_t, gap_t, coverage,
    china_exposure, cost_usd, stockpile_t, stockpile_drawn_t, shortfall_t, days_short,
    spot_t, spot_cost_usd, china_exposure_bought, stock_cost_usd, total_cost_usd

Columns with ``--periods``::

    file, plan, dataset, case, element, period, demand_t, supplied_t, gap_t,
    china_exposure, stockpile_drawn_t, shortfall_t, days_short, spot_t,
    china_exposure_bought,
    supplied_<source> … (tonnes delivered by each dataset source, in dataset order),
    spot_<source> … (tonnes bought spot from each source that sells spot)

Portfolio totals and products are not repeated here; they are in the table and JSON
outputs. Plans on datasets with different sources cannot share a ``--periods`` table,
so their source columns are the union, in order of first appearance, empty where a
plan's dataset lacks the source (or the source does not sell spot).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from tui.cli.formats.rounding import rounded
from tui.domain.figures import ELEMENT_FIGURES, PERIOD_FIGURES, spot_column, supplied_column
from tui.domain.text import visible

if TYPE_CHECKING:
    from tui.engine.results import Evaluation

ID_COLUMNS = ("file", "plan", "dataset", "case")


@dataclass(frozen=True)
class CsvInput:
    file: str
    dataset: str
    evaluation: Evaluation


def render_csv(items: Sequence[CsvInput], *, periods: bool) -> str:
    supplied: dict[str, None] = {}
    spot: dict[str, None] = {}
    if periods:
        for item in items:
            supplied.update(dict.fromkeys(map(supplied_column, item.evaluation.sources)))
            spot.update(dict.fromkeys(map(spot_column, item.evaluation.spot_sources)))
    figures = PERIOD_FIGURES if periods else ELEMENT_FIGURES
    header = [*ID_COLUMNS, *figures, *supplied, *spot]
    frames = [
        (case.periods if periods else case.elements).select(
            pl.lit(visible(item.file)).alias("file"),
            pl.lit(visible(item.evaluation.plan.name)).alias("plan"),
            pl.lit(visible(item.dataset)).alias("dataset"),
            pl.lit(visible(case.case)).alias("case"),
            pl.all(),
        )
        for item in items
        for case in item.evaluation.cases
    ]
    if not frames:
        return ",".join(header) + "\n"
    table = pl.concat(frames, how="diagonal_relaxed").select(header)
    return rounded(table).write_csv()
