"""Suggest: the least-cost splits under the planner's limits, checked before they are shown.

The steps: state the limits as a linear programme over the dataset (``model``); solve
it for the optimum and the marginal cost of the exposure target; solve it again with
shares in whole tenths of a percent, so that the plan can be written with one
decimal and still meet every limit (rounding a continuous optimum could break a
capacity or the target); write the plan; evaluate it through the engine and check
each limit. When no split can meet the limits, say what binds instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.dataset import Dataset
from tui.domain.plan import Plan
from tui.engine import Engine, Evaluation
from tui.suggest.explain import Explanation, explain, kept_problems
from tui.suggest.limits import Limits
from tui.suggest.market import Market, build_market
from tui.suggest.model import Model
from tui.suggest.solver import solve
from tui.suggest.verify import violations
from tui.suggest.written import written_plan

_TARGET_MARGINS = (0.0, 1e-7, 1e-5)
"""Tightenings of the target tried when the written plan misses it by float noise."""


@dataclass(frozen=True, eq=False)
class Suggestion:
    """A suggested plan that meets every limit, with what the solver knows about it.

    ``optimum_cost_usd`` is the continuous optimum of the base case's contract cost
    (the written plan's shares are tenths of a percent and may cost a little more);
    ``point_cost_usd`` what one more point of exposure reduction would cost at the
    margin (the target's dual value), None without a binding target.
    """

    plan: Plan
    limits: Limits
    changed: tuple[str, ...]
    optimum_cost_usd: float
    point_cost_usd: float | None
    evaluation: Evaluation


@dataclass(frozen=True, eq=False)
class NoSuggestion:
    limits: Limits
    explanation: Explanation


class SuggestError(Exception):
    """The written plan breaks a limit the model meets: a bug, reported with the details."""


def suggest(
    plan: Plan,
    dataset: Dataset,
    engine: Engine,
    limits: Limits,
    market: Market | None = None,
) -> Suggestion | NoSuggestion:
    if market is None:
        market = build_market(dataset, *engine.horizon(plan))
    model = Model(market, plan, limits)
    if kept_problems(model):
        return NoSuggestion(limits, explain(model))
    relaxed = model.build("cost", target=limits.target)
    optimum = solve(relaxed.programme)
    if not optimum.optimal:
        return NoSuggestion(limits, explain(model))
    point_cost = None
    if relaxed.target_row is not None and optimum.row_duals:
        point_cost = max(0.0, -optimum.row_duals[relaxed.target_row]) / 100

    problems: list[str] = []
    for margin in _TARGET_MARGINS:
        target = None if limits.target is None else limits.target - margin
        exact = model.build("cost", target=target, integer=True)
        solution = solve(exact.programme)
        if not solution.optimal:
            break
        suggested, changed = written_plan(model, solution.values, exact.share_columns)
        evaluation = engine.evaluate(suggested)
        problems = violations(suggested, evaluation, limits)
        if not problems:
            return Suggestion(
                plan=suggested,
                limits=limits,
                changed=tuple(changed),
                optimum_cost_usd=optimum.objective,
                point_cost_usd=point_cost,
                evaluation=evaluation,
            )
    if not problems:
        # The limits can be met, but not with shares in whole tenths of a percent.
        return NoSuggestion(limits, explain(model, tenths=True))
    raise SuggestError("the suggested plan breaks a limit: " + "; ".join(problems))
