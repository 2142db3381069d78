"""A plan turned into arrays aligned with the engine's dense grid.

The grid holds one row per (element, period, source), in that order, so a plan's
split fraction for a row sits at a computable position. These loops run over what
the plan says (elements, schedule steps, stress cases) — tens of entries — and hand
the positions to polars, which places the values in one vectorised scatter.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from tui.domain.period import period_index
from tui.domain.plan import Plan, Split, StressCase
from tui.engine.prepare import Grid


def weight_segments(
    plan: Plan, elements: Iterable[int], grid: Grid
) -> list[tuple[int, int, int, int, float]]:
    """(e, s, lo, hi, w): source s gets fraction w of element e in quarters lo..hi−1.

    Quarters are positions within the horizon. A schedule step applies from its
    ``from`` quarter until the next step; the base split (the element's own, else the
    defaults) applies before the first step; a step before the horizon applies from
    its start.
    """
    source_index = {source: i for i, source in enumerate(grid.sources)}
    n_p = len(grid.periods)
    segments: list[tuple[int, int, int, int, float]] = []
    for e in elements:
        element = grid.elements[e]
        steps: list[tuple[int, Split | None]] = [(0, plan.base_split(element))]
        for step in plan.schedule(element):
            steps.append((min(max(0, period_index(step.start) - grid.first), n_p), step.split))
        for k, (lo, split) in enumerate(steps):
            hi = steps[k + 1][0] if k + 1 < len(steps) else n_p
            if split is None or hi <= lo:
                continue
            for source, share in split.nonzero().items():
                s = source_index.get(source)
                if s is not None:  # unknown sources are reported by the plan checks
                    segments.append((e, s, lo, hi, share / 100))
    return segments


def weights(plan: Plan, grid: Grid, base: pl.Series | None = None, element: int | None = None):
    """The split fraction of every grid row, as a Float64 series of the grid's length.

    With ``base`` and ``element``, only that element's rows are recomputed and the
    rest is taken from ``base`` (the previous plan's weights).
    """
    if base is None or element is None:
        values = grid.tiled(1).zeros.clone()
        segments = weight_segments(plan, range(len(grid.elements)), grid)
    else:
        values = base.clone()
        block = grid.element_block(element)
        values = values.scatter(pl.int_range(block.start, block.stop, eager=True), 0.0)
        segments = weight_segments(plan, [element], grid)
    if not segments:
        return values
    # Each segment's rows are an arithmetic progression of positions: (e·P + p)·S + s.
    n_p, n_s = len(grid.periods), len(grid.sources)
    positions: list[int] = []
    fractions: list[float] = []
    for e, s, lo, hi, w in segments:
        positions.extend(range((e * n_p + lo) * n_s + s, (e * n_p + hi) * n_s + s, n_s))
        fractions.extend([w] * (hi - lo))
    return values.scatter(positions, fractions)


def cut_fractions(case: StressCase, first: int, last: int) -> dict[int, float]:
    """``f[p]`` for the quarters (absolute indices, within first..last) the case cuts."""
    opens = period_index(case.start)
    return {
        opens + k: f
        for k, f in enumerate(case.cut_fractions())
        if first <= opens + k <= last and f > 0
    }


def cuts(plan: Plan, grid: Grid) -> pl.Series:
    """The cut fraction of every (case, grid row): zero but where a stress case bites.

    Case 0 is the base case; case k is ``plan.stress[k − 1]``.
    """
    n_e, n_p, n_s = len(grid.elements), len(grid.periods), len(grid.sources)
    element_index = {element: i for i, element in enumerate(grid.elements)}
    positions: list[int] = []
    values: list[float] = []
    for k, case in enumerate(plan.stress, start=1):
        if case.source not in grid.sources:
            continue
        s = grid.sources.index(case.source)
        if case.elements is None:
            targets = range(n_e)
        else:
            targets = [element_index[e] for e in case.elements if e in element_index]
        for p, f in cut_fractions(case, grid.first, grid.last).items():
            for e in targets:
                positions.append(((k * n_e + e) * n_p + (p - grid.first)) * n_s + s)
                values.append(f)
    f_all = grid.tiled(1 + len(plan.stress)).zeros.clone()
    if positions:
        f_all = f_all.scatter(positions, values)
    return f_all
