"""The plans folder as the browser lists it: every file, its figures or its error.

A malformed file is listed with what is wrong with it, never hidden: in a shared
folder, the broken file is exactly the one someone needs to find. Summaries are built
one file at a time (the browser fills its rows as they come) and keep the evaluated
session, so that comparing plans just picked does not evaluate them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.domain.errors import ReplanError, problem_count
from tui.engine import Evaluation
from tui.present.numbers import tidy
from tui.present.target import target_fraction
from tui.session.session import Session


@dataclass(frozen=True, eq=False)
class PlanSummary:
    path: Path
    modified: float
    name: str | None = None
    author: str | None = None
    china_exposure: float | None = None
    target: float | None = None
    gap_t: float | None = None
    cost_usd: float | None = None
    error: str | None = None
    session: Session | None = None
    evaluation: Evaluation | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def plan_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files of a folder, by name; an unreadable folder lists nothing."""
    try:
        return sorted((p for p in folder.glob("*.toml") if p.is_file()), key=lambda p: p.name)
    except OSError:
        return []


def modified_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def summarize(path: Path, data_dir: Path | None) -> PlanSummary:
    """Open and evaluate one plan; any problem becomes the summary's ``error``."""
    modified = modified_time(path)
    try:
        session = Session.open(path, data_dir)
        evaluation = session.evaluation
    except ReplanError as error:
        problems = error.problems
        first = problems[0] if problems else None
        message = first.message if first is not None else str(error)
        if first is not None and first.where:
            message = f"{first.where}: {message}"
        total = problem_count(problems)
        if total > 1:
            message += f" (+{total - 1:,} more)"
        return PlanSummary(path, modified, error=message)
    except Exception as error:
        return PlanSummary(path, modified, error=f"{type(error).__name__}: {error}")
    plan = session.plan
    portfolio = evaluation.base.portfolio
    return PlanSummary(
        path,
        modified,
        name=plan.name,
        author=plan.author,
        china_exposure=portfolio.china_exposure,
        target=target_fraction(plan.target_china_exposure),
        gap_t=tidy(portfolio.gap_t),
        cost_usd=portfolio.cost_usd,
        session=session,
        evaluation=evaluation,
    )
