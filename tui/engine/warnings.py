"""Things a planner should know about a plan that are not errors, as typed values.

Callers group or filter warnings by their fields (``element``, ``kind``); ``str`` gives
the line shown to the planner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

from tui.domain.period import period_from_index, period_index
from tui.domain.plan import Plan
from tui.engine.prepare import HorizonFrames

WarningKind = Literal["uncovered", "no_split_before", "no_supply"]


@dataclass(frozen=True)
class EngineWarning:
    """``uncovered``: an element with demand and no split; ``no_split_before``: its
    schedule starts after demand does (``quarters`` is that start); ``no_supply``: a
    share placed on ``source`` where it has no supply (``quarters``: ``2026Q1`` or
    ``2026Q1–2026Q4``)."""

    kind: WarningKind
    element: str
    source: str | None = None
    quarters: str | None = None

    @property
    def message(self) -> str:
        """The warning without the element's name (for a view of that element)."""
        if self.kind == "uncovered":
            return "has demand but no split in the plan or [defaults]; its whole demand is a gap"
        if self.kind == "no_split_before":
            return f"no split before {self.quarters}; its demand there is a gap"
        return f"{self.source} has no supply in {self.quarters}; its share there is a gap"

    def __str__(self) -> str:
        return f"{self.element}: {self.message}"


def plan_warnings(plan: Plan, frames: HorizonFrames, weights: pl.Series) -> list[EngineWarning]:
    """Uncovered elements with demand, and shares placed where a source has nothing.

    Both leave part of the demand as a gap that the figures show but do not explain.
    """
    warnings: list[EngineWarning] = []
    demand = frames.quarters
    for element, total in zip(frames.elements, frames.element_demand, strict=True):
        if total <= 0:
            continue
        if not plan.is_covered(element):
            warnings.append(EngineWarning("uncovered", element))
        elif plan.base_split(element) is None:  # covered by a schedule that starts later
            starts = plan.schedule(element)[0].start
            before = demand.filter(
                (pl.col("element") == element) & (pl.col("p") < period_index(starts))
            )
            if before.get_column("demand_t").sum() > 0:
                warnings.append(EngineWarning("no_split_before", element, quarters=starts))
    stranded = frames.unsupplied.filter(weights.gather(frames.unsupplied.get_column("row")) > 0)
    if stranded.height == 0:
        return warnings
    stranded = (
        stranded.group_by("e", "s", "element", "source")
        .agg(pl.col("p").min().alias("first"), pl.col("p").max().alias("last"))
        .sort("e", "s")
    )
    for element, source, first, last in stranded.select(
        "element", "source", "first", "last"
    ).iter_rows():
        span = period_from_index(first)
        if last != first:
            span += f"–{period_from_index(last)}"
        warnings.append(EngineWarning("no_supply", element, source, span))
    return warnings
