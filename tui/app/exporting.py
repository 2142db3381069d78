"""Exporting from the app: the open plan, or the plans side by side in compare, to a
workbook beside the plan file — the same workbook as ``replan export --periods``.

Free of Textual: the app binds a key to ``export_job`` and runs the job in a thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.app.comparison import Column
from tui.session.session import Session, display_path
from tui.spreadsheet.report import PlanResults


@dataclass(frozen=True)
class ExportJob:
    items: tuple[PlanResults, ...]
    out: Path

    def run(self) -> Path:
        """Write the workbook (xlsxwriter is imported here, in the worker's thread)."""
        from tui.spreadsheet.export import export

        export(self.items, self.out, periods=True)
        return self.out


def export_job(
    session: Session | None, columns: Sequence[Column] | None, folder: Path
) -> ExportJob | None:
    """What to export: the compared plans when ``columns`` are given, else the open plan."""
    if session is None:
        return None
    base = session.path.with_suffix("") if session.path is not None else folder / "new-plan"
    if columns:
        items = tuple(PlanResults(c.label, c.plan.dataset, c.evaluation) for c in columns)
        return ExportJob(items, base.with_name(f"{base.name}-compare.xlsx"))
    file = display_path(session.path) if session.path is not None else "(not saved)"
    item = PlanResults(file, session.dataset.name, session.evaluation)
    return ExportJob((item,), base.with_suffix(".xlsx"))
