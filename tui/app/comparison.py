"""Plans side by side: the rows of the compare view, and which cells differ.

Each cell is text in the first plan's source order (``55/35/10``) so that columns line
up; a cell is flagged when it differs from the first plan's (the reference), which is
what the screen highlights. The headline figures are those of ``replan diff``
(``tui.present.comparison``): same labels, same units, and each moved figure judged
better or worse than the first plan's by the same rule. Free of Textual so the flags
can be tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.domain.plan import Plan
from tui.engine import Evaluation
from tui.present.comparison import CASE_FIGURES, FigureChange, figure_text
from tui.present.numbers import days, tonnes
from tui.present.splits import compact_split, share_text

COMPARED_FIGURES = (
    "china_exposure",
    "china_exposure_bought",
    "gap_t",
    "shortfall_t",
    "total_cost_usd",
    "premium_usd",
)
"""The base-case figures the compare view shows, from ``replan diff``'s catalogue."""


@dataclass(frozen=True, eq=False)
class Column:
    label: str
    plan: Plan
    evaluation: Evaluation
    elements: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]
    differs: tuple[bool, ...]
    section: str  # "headline" or "element"
    verdicts: tuple[int, ...] = ()
    """Per cell, against the first plan: +1 better, -1 worse, 0 neutral or the same
    (empty for rows that have no good direction, such as splits)."""


def _element_cell(plan: Plan, element: str, sources: Sequence[str]) -> str:
    text = compact_split(plan.base_split(element), sources)
    for step in plan.schedule(element):
        text += f" → {step.start[2:]} {compact_split(step.split, sources)}"
    stock = plan.stockpile_days(element)
    if stock:
        text += f" · {share_text(stock)}d"
    return text


def _figure_rows(columns: Sequence[Column]) -> list[Row]:
    """The compared figures of each plan's base case, judged against the first plan."""
    rows = []
    for figure in (f for f in CASE_FIGURES if f.key in COMPARED_FIGURES):
        values = [figure.read(c.evaluation.base, c.evaluation) for c in columns]
        cells = tuple(figure_text(figure.unit, value, in_cell=True) for value in values)
        verdicts = tuple(
            0
            if i == 0
            else FigureChange(
                figure.key, figure.label, figure.unit, figure.better, values[0], value
            ).verdict
            for i, value in enumerate(values)
        )
        rows.append(Row(figure.label, cells, _differs(cells), "headline", verdicts))
    return rows


def _plan_cells(column: Column) -> dict[str, str]:
    """What each plan sets and its stress cases' worst, in words."""
    evaluation, plan = column.evaluation, column.plan
    stress = evaluation.stress_cases
    # each plan's worst case is named: two plans' worst may be different disruptions
    by_short = max(stress, key=lambda c: c.portfolio.shortfall_t, default=None)
    by_days = max(stress, key=lambda c: c.worst_days_short, default=None)
    target = plan.target_china_exposure
    return {
        "Target": "—" if target is None else f"{share_text(target)}%",
        "Horizon": f"{evaluation.start}–{evaluation.end}",
        "Stress cases": str(len(stress)),
        "Worst stress shortfall": "—"
        if by_short is None
        else f"{tonnes(by_short.portfolio.shortfall_t)} t ({by_short.case})",
        "Worst days short": "—"
        if by_days is None
        else f"{days(by_days.worst_days_short)} ({by_days.case})",
    }


def compare_rows(columns: Sequence[Column]) -> list[Row]:
    """Headline rows first, then one row per element (the union, first plan's order)."""
    if not columns:
        return []
    rows = _figure_rows(columns)
    heads = [_plan_cells(c) for c in columns]
    for label in heads[0]:
        cells = tuple(h[label] for h in heads)
        rows.append(Row(label, cells, _differs(cells), "headline"))
    sources = columns[0].sources
    order: dict[str, None] = {}
    for column in columns:
        order.update(dict.fromkeys(column.elements))
    for element in order:
        cells = tuple(
            _element_cell(c.plan, element, sources) if element in c.elements else "—"
            for c in columns
        )
        rows.append(Row(element, cells, _differs(cells), "element"))
    return rows


def _differs(cells: tuple[str, ...]) -> tuple[bool, ...]:
    return tuple(i > 0 and cell != cells[0] for i, cell in enumerate(cells))
