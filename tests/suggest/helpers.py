"""Running suggest on hand-made data, and an independent reading of the limits.

``meets_limits`` reads the engine's figures for a plan and checks each limit itself,
without the suggest package's own checker, so a test can judge any plan it builds.
"""

from __future__ import annotations

from tui.domain.dataset import Dataset
from tui.domain.plan import Plan
from tui.engine import Engine, Evaluation
from tui.suggest import Limits, NoSuggestion, Suggestion, suggest

NOISE = 1e-6


def run(plan: Plan, dataset: Dataset, limits: Limits) -> Suggestion | NoSuggestion:
    return suggest(plan, dataset, Engine(dataset), limits)


def broken_limits(plan: Plan, evaluation: Evaluation, limits: Limits) -> list[str]:
    broken = []
    for row in evaluation.base.periods.iter_rows(named=True):
        if row["gap_t"] > NOISE * row["demand_t"]:
            broken.append(f"gap {row['element']} {row['period']}")
    exposure = evaluation.base.portfolio.china_exposure
    if limits.target is not None and exposure is not None and exposure > limits.target + 1e-9:
        broken.append(f"exposure {exposure}")
    for row in evaluation.base.periods.iter_rows(named=True):
        split = plan.split_at(row["element"], row["period"])
        if split is None or limits.max_share is None or row["demand_t"] <= 0:
            continue
        if max(split.shares.values(), default=0) > limits.max_share * 100 + 1e-9:
            broken.append(f"max share {row['element']} {row['period']}")
    for case in evaluation.stress_cases:
        if case.stress not in limits.survive:
            continue
        for row in case.periods.iter_rows(named=True):
            if row["shortfall_t"] > NOISE * row["demand_t"]:
                broken.append(f"shortfall {case.case} {row['element']} {row['period']}")
    return broken


def meets_limits(plan: Plan, evaluation: Evaluation, limits: Limits, original: Plan) -> bool:
    """Every limit, kept elements included: their entries must be the original's.
    ``evaluation`` is the plan's, which the caller keeps for its other checks."""
    if any(plan.elements.get(e) != original.elements.get(e) for e in limits.keep):
        return False
    return not broken_limits(plan, evaluation, limits)


def tenths_ok(plan: Plan) -> bool:
    """Every share has at most one decimal and every split sums to exactly 100."""
    splits = []
    for entry in plan.elements.values():
        if entry.split is not None:
            splits.append(entry.split)
        splits.extend(step.split for step in entry.schedule)
    for split in splits:
        tenths = [share * 10 for share in split.shares.values()]
        if any(abs(t - round(t)) > 1e-9 for t in tenths):
            return False
        if sum(round(t) for t in tenths) != 1000:
            return False
    return True
