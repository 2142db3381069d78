"""A plan turned into small frames the engine joins onto the dataset's rows.

These loops run over what the plan says (elements, schedule steps, stress cases) — tens
of entries — and give polars a few rows each; the expansion over quarters is a join.
"""

from __future__ import annotations

import polars as pl

from tui.domain.period import period_index
from tui.domain.plan import BASE_CASE, Plan, Split
from tui.engine.prepare import HorizonFrames

_BEFORE_EVERYTHING = -1
"""The ``from`` quarter of an element's own split: before any schedule step."""


def split_fractions(plan: Plan, frames: HorizonFrames) -> pl.DataFrame:
    """``w``: the split fraction in force per (element, period, source), nonzero only.

    Each element's steps (its own split, else the default, from before the horizon;
    then its schedule) are matched to the quarters with an as-of join: a quarter takes
    the last step whose ``from`` is not after it. Sources not in the dataset are left
    out (the plan checks report them).
    """
    steps: dict[str, list] = {"element": [], "step": [], "from_p": []}
    shares: dict[str, list] = {"element": [], "step": [], "source": [], "w": []}
    known_sources = set(frames.sources)

    def add(element: str, step: int, start: int, split: Split | None) -> None:
        steps["element"].append(element)
        steps["step"].append(step)
        steps["from_p"].append(start)
        for source, share in (split.nonzero() if split else {}).items():
            if source in known_sources:
                shares["element"].append(element)
                shares["step"].append(step)
                shares["source"].append(source)
                shares["w"].append(share / 100)

    for element in frames.elements:
        add(element, 0, _BEFORE_EVERYTHING, plan.base_split(element))
        for k, step in enumerate(plan.schedule(element), start=1):
            add(element, k, period_index(step.start), step.split)
    step_frame = pl.DataFrame(
        steps, schema={"element": pl.String, "step": pl.Int32, "from_p": pl.Int32}
    ).sort("from_p")
    share_frame = pl.DataFrame(
        shares,
        schema={"element": pl.String, "step": pl.Int32, "source": pl.String, "w": pl.Float64},
    )
    return (
        frames.quarters.select("element", "p")
        .sort("p")
        .join_asof(step_frame, left_on="p", right_on="from_p", by="element", check_sortedness=False)
        .join(share_frame, on=["element", "step"])
        .select("element", "p", "source", "w")
    )


def case_names(plan: Plan) -> pl.DataFrame:
    """The evaluated cases in order: 0 is the base case, k is ``plan.stress[k − 1]``."""
    names = [BASE_CASE, *(case.name for case in plan.stress)]
    return pl.DataFrame(
        {"case": list(range(len(names))), "case_name": names},
        schema={"case": pl.Int32, "case_name": pl.String},
    )


def disruptions(plan: Plan, frames: HorizonFrames) -> pl.DataFrame:
    """Per (case, element, period) a stress case touches: its cut source, the cut
    fraction ``f`` and the spot ``price_factor``. Quarters with ``f = 0`` are left out."""
    rows: dict[str, list] = {
        "case": [],
        "element": [],
        "p": [],
        "cut_source": [],
        "f": [],
        "price_factor": [],
    }
    known = set(frames.elements)
    for k, case in enumerate(plan.stress, start=1):
        targets = frames.elements if case.elements is None else case.elements
        opens = period_index(case.start)
        for offset, f in enumerate(case.cut_fractions()):
            p = opens + offset
            if f <= 0 or not frames.first <= p <= frames.last:
                continue
            for element in targets:
                if element in known:
                    rows["case"].append(k)
                    rows["element"].append(element)
                    rows["p"].append(p)
                    rows["cut_source"].append(case.source)
                    rows["f"].append(f)
                    rows["price_factor"].append(float(case.price_factor))
    return pl.DataFrame(
        rows,
        schema={
            "case": pl.Int32,
            "element": pl.String,
            "p": pl.Int32,
            "cut_source": pl.String,
            "f": pl.Float64,
            "price_factor": pl.Float64,
        },
    )
