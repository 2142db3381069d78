"""The selected element in words: what it is, its split, schedule, stock and note.

The table shows numbers; this panel answers "why is Dy like that?" — the schedule
steps and the planner's note travel with the plan file for the team to read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import Static

from tui.app.palette import DEFAULT, Palette
from tui.app.plain import shown
from tui.domain.dataset import Element
from tui.domain.plan import Plan
from tui.engine.warnings import EngineWarning
from tui.present.numbers import days, percent, percent_range, tonnes
from tui.present.splits import split_text


class ElementInfo(Static):
    DEFAULT_CSS = """
    ElementInfo { height: 1fr; }
    """

    def show(self, text: Text) -> None:
        self.update(text, layout=False)  # a fixed-size panel: no need to re-layout the screen


def describe_element(
    element: Element,
    plan: Plan,
    sources: Sequence[str],
    figures: dict[str, object],
    warnings: Sequence[EngineWarning] = (),
    *,
    case: str | None = None,
    horizon: str = "",
    china_shares: Mapping[str, tuple[float, float]] | None = None,
    colours: Palette = DEFAULT,
) -> Text:
    """Name, split, schedule, stockpile, note and warnings of one element.

    ``figures`` is the element's row of the case the chart shows — the base case, or
    the stress case ``case`` (named on the first line, so that the stock drawn and the
    demand read are never mistaken for the base case's); ``warnings`` are the engine's
    (those that start with the element's symbol are shown: they explain its gaps).
    """
    out = Text(no_wrap=False)
    out.append(f"{shown(element.symbol)} ", "bold")
    out.append(shown(element.name), "bold")
    out.append(f" · {shown(element.group)}\n", "dim")
    if case is not None:
        out.append("In stress case ", "dim")
        out.append(shown(case) + "\n", "bold")
    demand = figures.get("demand_t")
    out.append(f"Demand {tonnes(demand)} t" if isinstance(demand, float) else "Demand —")
    exposure = figures.get("china_exposure")
    out.append(f" · China {percent(exposure)}\n" if isinstance(exposure, float) else "\n")
    split = plan.base_split(element.symbol)
    own = plan.elements.get(element.symbol)
    out.append("Split ", "dim")
    out.append(split_text(split, sources), "" if split is not None else colours.bad)
    if split is not None and (own is None or own.split is None):
        out.append(" (default)", "dim")
    out.append("\n")
    if china_shares and split is not None:
        used = [s for s in sources if split.share(s) and s in china_shares]
        if used:  # why the split's exposure is what it is
            out.append("China share ", "dim")
            out.append(" · ".join(f"{s} {percent_range(*china_shares[s])}" for s in used) + "\n")
    for step in plan.schedule(element.symbol):
        out.append(f"from {step.start} ", "dim")
        out.append(split_text(step.split, sources) + "\n")
    stockpile = plan.stockpile_days(element.symbol)
    stock_t = figures.get("stockpile_t")
    out.append("Stock ", "dim")
    out.append(days(float(stockpile)))
    if isinstance(stock_t, float) and stock_t > 0:
        out.append(f" = {tonnes(stock_t)} t")
    drawn = figures.get("stockpile_drawn_t")
    if isinstance(drawn, float) and drawn > 0:
        out.append(f", {tonnes(drawn)} t drawn", colours.stock)
    out.append("\n")
    short = figures.get("shortfall_t")
    if isinstance(short, float) and short > 1e-6:
        out.append("Short ", "dim")
        out.append(f"{tonnes(short)} t after stock", colours.bad)
        days_short = figures.get("days_short")
        if isinstance(days_short, float):
            out.append(f" ({days(days_short)})")
        out.append("\n")
    note = own.note if own is not None else None
    if note:
        out.append("Note ", "dim")
        out.append(shown(note) + "\n", "italic")
    if horizon:
        out.append(f"Demand and short: totals over {horizon}\n", "dim")
    for warning in warnings:
        if warning.element == element.symbol:
            out.append("⚠ " + shown(warning.message) + "\n", colours.warn)
    return out
