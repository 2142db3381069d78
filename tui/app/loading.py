"""What to open at launch (SPEC §6), without importing Textual.

Kept apart from ``app.py`` so that ``run_app`` can start loading the plan in a thread
before Textual is imported, and the two overlap.
"""

from __future__ import annotations

from pathlib import Path

from tui.session.session import Session

BASELINE = Path("plans/baseline.toml")


def load_session(plan_path: Path | None, data_dir: Path | None) -> Session:
    """The given plan, else ./plans/baseline.toml, else a new plan on the reference data.

    Raises PlanError or DatasetError (the app turns them into a dialog).
    """
    if plan_path is not None:
        return Session.open(plan_path, data_dir)
    if BASELINE.is_file():
        return Session.open(BASELINE, data_dir)
    return Session.new(data_dir)
