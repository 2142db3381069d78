"""Plans side by side: the rows of the compare view, and which cells differ.

Each cell is text in the first plan's source order (``55/35/10``) so that columns line
up; a cell is flagged when it differs from the first plan's (the reference), which is
what the screen highlights. Free of Textual so the flags can be tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.domain.plan import Plan
from tui.engine import Evaluation
from tui.present.numbers import days, percent, tonnes, usd
from tui.present.splits import compact_split, share_text


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


def _element_cell(plan: Plan, element: str, sources: Sequence[str]) -> str:
    text = compact_split(plan.base_split(element), sources)
    for step in plan.schedule(element):
        text += f" → {step.start[2:]} {compact_split(step.split, sources)}"
    stock = plan.stockpile_days(element)
    if stock:
        text += f" · {share_text(stock)}d"
    return text


def _headline_cells(column: Column) -> dict[str, str]:
    evaluation, plan = column.evaluation, column.plan
    portfolio = evaluation.base.portfolio
    stress = evaluation.stress_cases
    # each plan's worst case is named: two plans' worst may be different disruptions
    by_short = max(stress, key=lambda c: c.portfolio.shortfall_t, default=None)
    by_days = max(stress, key=lambda c: c.worst_days_short, default=None)
    target = plan.target_china_exposure
    return {
        "China exposure": percent(portfolio.china_exposure),
        "Target": "—" if target is None else f"{share_text(target)}%",
        "Gap t": tonnes(portfolio.gap_t),
        "Shortfall t": tonnes(portfolio.shortfall_t),
        "Cost": usd(portfolio.cost_usd),
        "Premium vs all-China": usd(evaluation.premium_usd, sign=True),
        "Horizon": f"{evaluation.start}–{evaluation.end}",
        "Stress cases": str(len(stress)),
        "Worst stress shortfall t": "—"
        if by_short is None
        else f"{tonnes(by_short.portfolio.shortfall_t)} ({by_short.case})",
        "Worst days short": "—"
        if by_days is None
        else f"{days(by_days.worst_days_short)} ({by_days.case})",
    }


def compare_rows(columns: Sequence[Column]) -> list[Row]:
    """Headline rows first, then one row per element (the union, first plan's order)."""
    if not columns:
        return []
    rows: list[Row] = []
    heads = [_headline_cells(c) for c in columns]
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
