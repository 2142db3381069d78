"""Evaluations as one tidy CSV table, for spreadsheets and scripts.

One header row, then one row per plan × case × element (or, with ``--periods``, per
plan × case × element × period). Several plans go into the same table; the ``file``
and ``plan`` columns tell them apart. Figures are unrounded; an empty field is a
missing figure (``china_exposure`` of an element without demand). Shares are fractions.

Columns without ``--periods``::

    file, plan, dataset, case, element, demand_t, supplied_t, gap_t, coverage,
    china_exposure, cost_usd, stockpile_t, stockpile_drawn_t, shortfall_t, days_short

Columns with ``--periods``::

    file, plan, dataset, case, element, period, demand_t, supplied_t, gap_t,
    china_exposure, stockpile_drawn_t, shortfall_t, days_short,
    supplied_<source> … (tonnes delivered by each dataset source, in dataset order)

Portfolio totals and products are not repeated here; they are in the table and JSON
outputs. Plans on datasets with different sources cannot share a ``--periods`` table,
so their source columns are the union, in order of first appearance, empty where a
plan's dataset lacks the source.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.domain.figures import ELEMENT_FIGURES, PERIOD_FIGURES
from tui.domain.text import visible

if TYPE_CHECKING:
    from tui.engine.results import Evaluation

ID_COLUMNS = ("file", "plan", "dataset", "case")


@dataclass(frozen=True)
class CsvInput:
    file: str
    dataset: str
    evaluation: Evaluation


def _cell(value: object) -> object:
    return "" if value is None else value


def render_csv(items: Sequence[CsvInput], *, periods: bool) -> str:
    source_columns: dict[str, None] = {}
    if periods:
        for item in items:
            for source in item.evaluation.sources:
                source_columns.setdefault(f"supplied_{source}", None)
    figures = PERIOD_FIGURES if periods else ELEMENT_FIGURES
    header = [*ID_COLUMNS, *figures, *source_columns]

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for item in items:
        for case in item.evaluation.cases:
            frame = case.periods if periods else case.elements
            ids = [visible(item.file), visible(item.evaluation.plan.name), visible(item.dataset),
                   visible(case.case)]  # fmt: skip
            for row in frame.iter_rows(named=True):
                values = [_cell(row.get(column)) for column in (*figures, *source_columns)]
                writer.writerow([*ids, *values])
    return out.getvalue()
