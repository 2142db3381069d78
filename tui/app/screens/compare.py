"""Two or more plans side by side: headline figures, then each element's split.

Cells that differ from the first plan are highlighted; ``d`` hides the rows where all
plans agree, which on a large plan is usually what the planner wants to see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.app.browse import PlanSummary, summarize
from tui.app.comparison import Column, compare_rows
from tui.app.session import display_path
from tui.domain.errors import Problem, ReplanError

CHANGED = "bold #f0a030"
SAME = "#8b949e"


def compare_items(app: Any, items: list[object]) -> list[Column]:
    """Turn browser picks (``"current"``, ``"saved"``, summaries, paths) into columns."""
    session = app.session
    columns = []
    for item in items:
        if item in ("current", "saved"):
            if session is None:
                continue
            plan = session.plan if item == "current" else session.saved_plan
            if plan is None:
                continue
            evaluation = (
                session.evaluation if item == "current" else session.workspace.engine.evaluate(plan)
            )
            label = "open plan (edited)" if item == "current" else "as saved"
            if item == "current" and not session.dirty:
                label = "open plan"
            dataset = session.dataset
            columns.append(Column(label, plan, evaluation, dataset.element_ids, dataset.source_ids))
            continue
        summary = (
            item if isinstance(item, PlanSummary) else summarize(Path(str(item)), app.data_dir)
        )
        if summary.workspace is None or summary.evaluation is None:
            raise ReplanError(
                Problem(display_path(summary.path), "", summary.error or "cannot open")
            )
        dataset = summary.workspace.dataset
        columns.append(
            Column(
                summary.path.name,
                summary.workspace.plan,
                summary.evaluation,
                dataset.element_ids,
                dataset.source_ids,
            )
        )
    return columns


class CompareScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,q", "back", "Back", id="compare.back"),
        Binding("d", "toggle_same", "Only differences", id="compare.differences"),
    ]

    def __init__(self, columns: list[Column]) -> None:
        super().__init__()
        self.columns = columns
        self.rows = compare_rows(columns)
        self.only_differences = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="compare-legend")
        yield DataTable(id="compare", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare plans"
        self.sub_title = " vs ".join(c.plan.name for c in self.columns)
        sources = "/".join(self.columns[0].sources)
        changed = sum(1 for r in self.rows if r.section == "element" and any(r.differs))
        self.query_one("#compare-legend", Static).update(
            f"Splits read [b]{sources}[/] (→ a schedule step, · stock days). "
            f"[{CHANGED}]Highlighted[/]: differs from the first plan. "
            f"{changed} element{'s' if changed != 1 else ''} differ."
        )
        table = self.query_one(DataTable)
        table.fixed_columns = 1
        table.header_height = 2
        table.add_column("", key="label")
        for i, column in enumerate(self.columns):
            table.add_column(Text(f"{column.label}\n{column.plan.name}"), key=f"plan{i}")
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        section = None
        for row in self.rows:
            if self.only_differences and not any(row.differs):
                continue
            if row.section != section:
                section = row.section
                title = "Portfolio" if section == "headline" else "Elements"
                table.add_row(Text(title, style="bold underline"), *[""] * len(self.columns))
            cells = [
                Text(cell, style=CHANGED if differs else ("" if i == 0 else SAME))
                for i, (cell, differs) in enumerate(zip(row.cells, row.differs, strict=True))
            ]
            table.add_row(Text(row.label, style="bold"), *cells)

    def action_toggle_same(self) -> None:
        self.only_differences = not self.only_differences
        self.fill()

    def action_back(self) -> None:
        self.dismiss(None)
