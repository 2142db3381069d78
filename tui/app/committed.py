"""The open plan's last committed version in git, as a column of the compare view.

When the plan lives in a git repository, "what did I change since the last commit" is
the question a planner asks before committing; this answers it with the same compare
view as for any two plans. Free of Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.comparison import Column
from tui.domain.errors import PlanError, Problem
from tui.planfile import check_plan
from tui.planfile.authorship import committed_plan
from tui.session.session import display_path

if TYPE_CHECKING:
    from tui.session.session import Session

LABEL = "last commit"


def committed_column(session: Session) -> Column:
    """The plan as in git's HEAD; raises PlanError saying why there is none to show."""
    if session.path is None:
        raise PlanError(Problem("", "", "the plan has no file yet, so no committed version"))
    file = display_path(session.path)
    plan = committed_plan(session.path)  # a committed version that does not read raises
    if plan is None:
        raise PlanError(
            Problem(file, "", "no committed version: not in a git repository, or not committed")
        )
    if plan.dataset != session.plan.dataset:
        raise PlanError(
            Problem(f"{file} (HEAD)", "dataset", f"the committed version uses {plan.dataset!r}")
        )
    dataset = session.dataset
    problems = check_plan(plan, dataset, f"{file} (HEAD)")
    if problems:
        raise PlanError(problems)
    evaluation = session.engine.evaluate(plan)
    return Column(LABEL, plan, evaluation, dataset.element_ids, dataset.source_ids)
