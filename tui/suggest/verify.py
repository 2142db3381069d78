"""The written plan checked through the engine, limit by limit.

The model is exact on paper; this makes sure that the plan as written — shares in
tenths, evaluated the way every other plan is — meets each limit. A shortfall or a
gap counts only above rounding noise: one millionth of the quarter's demand.
"""

from __future__ import annotations

from tui.domain.plan import Plan
from tui.engine import Evaluation
from tui.suggest.limits import Limits, percent_text

NOISE = 1e-6
"""A gap or shortfall up to this fraction of the quarter's demand is rounding noise."""
EXPOSURE_NOISE = 1e-9


def violations(plan: Plan, evaluation: Evaluation, limits: Limits) -> list[str]:
    """Every limit the evaluated ``plan`` breaks, one line each (empty: it holds)."""
    problems = []
    base = evaluation.base
    for row in base.periods.iter_rows(named=True):
        if row["gap_t"] > NOISE * row["demand_t"]:
            problems.append(
                f"{row['element']} {row['period']}: contracts leave {row['gap_t']:,.3f} t uncovered"
            )
    exposure = base.portfolio.china_exposure
    target = limits.target
    if target is not None and exposure is not None and exposure > target + EXPOSURE_NOISE:
        problems.append(
            f"China exposure {exposure * 100:.4f}% above the target {percent_text(target)}"
        )
    if limits.max_share is not None:
        problems.extend(_max_share(plan, evaluation, limits.max_share))
    for wanted in limits.survive:
        result = next((c for c in evaluation.stress_cases if c.stress == wanted), None)
        if result is None:
            problems.append(f'stress case "{wanted.name}" was not evaluated')
            continue
        for row in result.periods.iter_rows(named=True):
            if row["shortfall_t"] > NOISE * row["demand_t"]:
                problems.append(
                    f'"{wanted.name}": {row["element"]} {row["period"]} short '
                    f"{row['shortfall_t']:,.3f} t"
                )
    return problems


def _max_share(plan: Plan, evaluation: Evaluation, cap: float) -> list[str]:
    """Shares above the cap in any quarter with demand (a quarter without buys nothing)."""
    problems = []
    reported: set[str] = set()
    for row in evaluation.base.periods.iter_rows(named=True):
        element = row["element"]
        if row["demand_t"] <= 0 or element in reported:
            continue
        split = plan.split_at(element, row["period"])
        if split is None:
            continue
        for source, share in split.nonzero().items():
            if share > cap * 100 + 1e-9:
                problems.append(
                    f"{element} {row['period']}: {source} at {share}% above the max share"
                )
                reported.add(element)
                break
    return problems
