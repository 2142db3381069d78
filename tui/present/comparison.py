"""Comparing figures between plans: which figures, in which unit, and which way is better.

``replan diff`` and the app's compare view read the same catalogue, so a figure has one
label, one unit and one good direction wherever two plans meet; a change is judged
better or worse (or neutral) by the same rule, and written by ``figure_text``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.present import numbers

if TYPE_CHECKING:
    from tui.engine.results import CaseResult, Evaluation

LOWER_IS_BETTER, NEUTRAL, HIGHER_IS_BETTER = -1, 0, 1


@dataclass(frozen=True)
class Figure:
    """How to read one figure off a case: its JSON key, label, unit and good direction."""

    key: str
    label: str
    unit: str  # "%" (a fraction shown as percent), "t", "USD", "days"
    better: int
    read: Callable[[CaseResult, Evaluation], float | None]
    base_only: bool = False


def _portfolio(key: str) -> Callable[[CaseResult, Evaluation], float | None]:
    return lambda case, _evaluation: getattr(case.portfolio, key)


CASE_FIGURES = (
    Figure("china_exposure", "China exposure", "%", LOWER_IS_BETTER, _portfolio("china_exposure")),
    Figure(
        "china_exposure_bought",
        "China exposure as bought",
        "%",
        LOWER_IS_BETTER,
        _portfolio("china_exposure_bought"),
    ),
    Figure(
        "china_exposure_value",
        "China exposure by value",
        "%",
        LOWER_IS_BETTER,
        _portfolio("china_exposure_value"),
    ),
    Figure("demand_t", "Demand", "t", NEUTRAL, _portfolio("demand_t")),
    Figure("supplied_t", "Supplied", "t", HIGHER_IS_BETTER, _portfolio("supplied_t")),
    Figure("gap_t", "Gap", "t", LOWER_IS_BETTER, _portfolio("gap_t")),
    Figure("coverage", "Coverage", "%", HIGHER_IS_BETTER, _portfolio("coverage")),
    Figure("spot_t", "Bought spot", "t", NEUTRAL, _portfolio("spot_t")),
    Figure("spot_cost_usd", "Spot cost", "USD", LOWER_IS_BETTER, _portfolio("spot_cost_usd")),
    Figure("cost_usd", "Cost, contract and spot", "USD", NEUTRAL, _portfolio("cost_usd")),
    Figure("stock_cost_usd", "Stock cost", "USD", NEUTRAL, _portfolio("stock_cost_usd")),
    Figure("total_cost_usd", "Total cost", "USD", NEUTRAL, _portfolio("total_cost_usd")),
    Figure(
        "premium_usd",
        "Premium over all-China",
        "USD",
        NEUTRAL,
        lambda _case, evaluation: evaluation.premium_usd,
        base_only=True,
    ),
    Figure("stockpile_drawn_t", "Stockpile drawn", "t", NEUTRAL, _portfolio("stockpile_drawn_t")),
    Figure("shortfall_t", "Shortfall", "t", LOWER_IS_BETTER, _portfolio("shortfall_t")),
    Figure(
        "value_short_usd",
        "Value of units short",
        "USD",
        LOWER_IS_BETTER,
        _portfolio("value_short_usd"),
    ),
    Figure(
        "worst_days_short",
        "Worst days short",
        "days",
        LOWER_IS_BETTER,
        lambda case, _evaluation: case.worst_days_short,
    ),
)

ELEMENT_FIGURES = (
    ("china_exposure", "China exposure", "%", LOWER_IS_BETTER),
    ("china_exposure_bought", "China exposure as bought", "%", LOWER_IS_BETTER),
    ("supplied_t", "Supplied", "t", HIGHER_IS_BETTER),
    ("gap_t", "Gap", "t", LOWER_IS_BETTER),
    ("spot_t", "Bought spot", "t", NEUTRAL),
    ("shortfall_t", "Shortfall", "t", LOWER_IS_BETTER),
    ("days_short", "Days short", "days", LOWER_IS_BETTER),
    ("cost_usd", "Cost", "USD", NEUTRAL),
    ("total_cost_usd", "Total cost", "USD", NEUTRAL),
)


@dataclass(frozen=True)
class FigureChange:
    """One figure of plan A against plan B (None where a plan has no such case)."""

    key: str
    label: str
    unit: str
    better: int
    a: float | None
    b: float | None

    @property
    def change(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def moved(self) -> bool:
        """Changed beyond arithmetic noise, or present on one side only."""
        if (self.a is None) != (self.b is None):
            return True
        change = self.change
        return change is not None and abs(change) > 1e-9 * max(1.0, abs(self.a or 0.0))

    @property
    def verdict(self) -> int:
        """+1 better, -1 worse, 0 neutral or unchanged (B against A)."""
        change = self.change
        if change is None or not self.moved or self.better == NEUTRAL:
            return 0
        return 1 if change * self.better > 0 else -1


def figure_text(
    unit: str, value: float | None, *, sign: bool = False, in_cell: bool = False, dash: str = "—"
) -> str:
    """A compared figure's value: ``%`` shares in percent (changes in points), ``USD``
    as money, ``days`` and tonnes; ``in_cell`` adds the unit where no header carries it."""
    if unit == "%":
        return numbers.percent(value, sign=sign, unit="%" if in_cell else "", dash=dash)
    if unit == "USD":
        return numbers.usd(value, sign=sign, dash=dash)
    if unit == "days":
        return numbers.days(value, sign=sign, unit=" d" if in_cell else "", dash=dash)
    text = numbers.tonnes(value, sign=sign, dash=dash)
    return f"{text} t" if in_cell and value is not None else text


def unit_header(unit: str) -> str:
    """The unit a table header shows for a figure (money carries its own ``$``)."""
    return "" if unit == "USD" else unit
