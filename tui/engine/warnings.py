"""Things a planner should know about a plan that are not errors."""

from __future__ import annotations

import polars as pl

from tui.domain.period import period_index
from tui.domain.plan import Plan
from tui.engine.prepare import Grid


def plan_warnings(plan: Plan, grid: Grid, weights: pl.Series) -> list[str]:
    """Uncovered elements with demand, and shares placed where a source has nothing.

    Both leave part of the demand as a gap that the figures show but do not explain.
    """
    warnings: list[str] = []
    for e, (element, total) in enumerate(
        zip(grid.elements, grid.demand_by_element.to_list(), strict=True)
    ):
        if total <= 0:
            continue
        if not plan.is_covered(element):
            warnings.append(
                f"{element}: has demand but no split in the plan or [defaults]; "
                "its whole demand is a gap"
            )
        elif plan.base_split(element) is None:  # covered by a schedule that starts later
            starts = plan.schedule(element)[0].start
            before = period_index(starts) - grid.first
            n_p = len(grid.periods)
            demand_before = grid.quarters.get_column("D").slice(e * n_p, max(0, min(before, n_p)))
            if demand_before.sum() > 0:
                warnings.append(f"{element}: no split before {starts}; its demand there is a gap")
    # Series operations, not a query: this runs on every key press in the app.
    rows = grid.rows
    stranded = ((weights > 0) & ~rows.get_column("has_row") & (rows.get_column("D") > 0)).arg_true()
    n_p, n_s = len(grid.periods), len(grid.sources)
    spans: dict[tuple[int, int], list[int]] = {}
    for at in stranded.to_list():  # only the stranded rows: few, if any
        e, rest = divmod(at, n_p * n_s)
        p, s = divmod(rest, n_s)
        spans.setdefault((e, s), []).append(p + grid.first)
    for (e, s), quarters in sorted(spans.items()):
        first, last = (
            grid.periods[quarters[0] - grid.first],
            grid.periods[quarters[-1] - grid.first],
        )
        span = first if first == last else f"{first}–{last}"
        warnings.append(
            f"{grid.elements[e]}: {grid.sources[s]} has no supply in {span}; "
            "its share there is a gap"
        )
    return warnings
