"""A plan turned into small frames the engine joins onto the dataset's rows.

These loops run over what the plan says (elements, schedule steps, stress cases) — tens
of entries — over the horizon's quarters, and give polars each frame in one
constructor: on a few hundred rows that costs less than joins doing the expansion.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from tui.domain.period import period_index
from tui.domain.plan import BASE_CASE, Plan
from tui.engine.prepare import HorizonFrames

_BEFORE_EVERYTHING = -1
"""The ``from`` quarter of an element's own split: before any schedule step."""


def split_fractions(plan: Plan, frames: HorizonFrames) -> pl.DataFrame:
    """``w``: the split fraction in force per (e, p, s), nonzero only (e, s: the
    element's and source's positions in the dataset, p the quarter's number).

    Each element's steps (its own split, else the default, from before the horizon;
    then its schedule) each hold from their ``from`` quarter until the next step's, as
    ``Plan.split_at`` says. Sources not in the dataset are left out (the plan checks
    report them). Built in one constructor: the loops run over the plan's few steps
    and the horizon's quarters, cheaper than the joins that would do the same.
    """
    columns: dict[str, list[Any]] = {"e": [], "p": [], "s": [], "w": []}
    source_at = {source: s for s, source in enumerate(frames.sources)}
    after_horizon = frames.last + 1
    for e, element in enumerate(frames.elements):
        steps = [(_BEFORE_EVERYTHING, plan.base_split(element))]
        steps += sorted(
            ((period_index(step.start), step.split) for step in plan.schedule(element)),
            key=lambda step: step[0],
        )
        ends = [start for start, _ in steps[1:]] + [after_horizon]
        for (start, split), end in zip(steps, ends, strict=True):
            shares = [
                (source_at[source], share / 100)
                for source, share in (split.nonzero() if split else {}).items()
                if source in source_at
            ]
            for p in range(max(start, frames.first), min(end, after_horizon)):
                for s, w in shares:
                    columns["e"].append(e)
                    columns["p"].append(p)
                    columns["s"].append(s)
                    columns["w"].append(w)
    return pl.DataFrame(
        columns, schema={"e": pl.Int32, "p": pl.Int32, "s": pl.Int32, "w": pl.Float64}
    )


def case_names(plan: Plan) -> pl.DataFrame:
    """The evaluated cases in order: 0 is the base case, k is ``plan.stress[k − 1]``."""
    names = [BASE_CASE, *(case.name for case in plan.stress)]
    return pl.DataFrame(
        {"case": list(range(len(names))), "case_name": names},
        schema={"case": pl.Int32, "case_name": pl.String},
    )


def disruptions(plan: Plan, frames: HorizonFrames) -> pl.DataFrame:
    """Per (case, e, p) a stress case touches: the cut source's position ``cut_s``, the
    cut fraction ``f`` and the spot ``price_factor``. Quarters with ``f = 0`` are left
    out, and so are cases on a source the dataset does not have (the plan checks say so)."""
    rows: dict[str, list[Any]] = {
        "case": [],
        "e": [],
        "p": [],
        "cut_s": [],
        "f": [],
        "price_factor": [],
    }
    element_at = {element: e for e, element in enumerate(frames.elements)}
    for k, case in enumerate(plan.stress, start=1):
        if case.source not in frames.sources:
            continue
        cut_s = frames.sources.index(case.source)
        targets = frames.elements if case.elements is None else case.elements
        opens = period_index(case.start)
        for offset, f in enumerate(case.cut_fractions()):
            p = opens + offset
            if f <= 0 or not frames.first <= p <= frames.last:
                continue
            for element in targets:
                if element in element_at:
                    rows["case"].append(k)
                    rows["e"].append(element_at[element])
                    rows["p"].append(p)
                    rows["cut_s"].append(cut_s)
                    rows["f"].append(f)
                    rows["price_factor"].append(float(case.price_factor))
    return pl.DataFrame(
        rows,
        schema={
            "case": pl.Int32,
            "e": pl.Int32,
            "p": pl.Int32,
            "cut_s": pl.Int32,
            "f": pl.Float64,
            "price_factor": pl.Float64,
        },
    )
