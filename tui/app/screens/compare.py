"""Two or more plans side by side: headline figures, then each element's split.

Cells that differ from the first plan are highlighted; ``d`` hides the rows where all
plans agree, which on a large plan is usually what the planner wants to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.app.browse import PlanSummary, summarize
from tui.app.comparison import Column, Row, compare_rows
from tui.app.palette import palette
from tui.app.picks import OpenVersion, Pick
from tui.app.plain import plain, shown
from tui.app.widgets.footer import KeysFooter
from tui.app.widgets.title_bar import TitleBar
from tui.domain.errors import Problem, ReplanError
from tui.session.session import Session, display_path


def compare_items(
    session: Session | None, data_dir: Path | None, picks: Sequence[Pick]
) -> list[Column]:
    """The compare view's columns, one per pick, in order; a version of the open plan
    is skipped when there is no open plan (or no saved version). A file that does not
    open raises ReplanError naming it."""
    columns = []
    for pick in picks:
        if isinstance(pick, OpenVersion):
            column = _open_version(session, pick)
            if column is not None:
                columns.append(column)
            continue
        summary = pick if isinstance(pick, PlanSummary) else summarize(pick, data_dir)
        if summary.session is None or summary.evaluation is None:
            raise ReplanError(
                Problem(display_path(summary.path), "", summary.error or "cannot open")
            )
        dataset = summary.session.dataset
        columns.append(
            Column(
                summary.path.name,
                summary.session.plan,
                summary.evaluation,
                dataset.element_ids,
                dataset.source_ids,
            )
        )
    return columns


def _open_version(session: Session | None, version: OpenVersion) -> Column | None:
    if session is None:
        return None
    if version is OpenVersion.COMMITTED:
        from tui.app.committed import committed_column

        return committed_column(session)
    if version is OpenVersion.CURRENT:
        plan, evaluation = session.plan, session.evaluation
        label = "open plan (edited)" if session.dirty else "open plan"
    else:
        if session.saved_plan is None:
            return None
        plan, evaluation = session.saved_plan, session.engine.evaluate(session.saved_plan)
        label = "as saved"
    dataset = session.dataset
    return Column(label, plan, evaluation, dataset.element_ids, dataset.source_ids)


LABEL_MAX = 24  # "China exposure as bought"
PLAN_MIN, PLAN_MAX = 18, 40
PADDING = 2  # a DataTable cell's padding, left and right
SCROLLBAR = 2


def plan_width(total: int, label: int, plans: int) -> int:
    """The width of each plan column, so that as many plans as fit are on screen.

    A column is as wide as its share of the room, between PLAN_MIN and PLAN_MAX: two
    plans side by side at 80 columns, five at 140. Longer texts are cut with an ellipsis
    (the line under the table shows the highlighted row in full).
    """
    room = total - (label + PADDING) - SCROLLBAR
    visible = max(1, min(plans, room // (PLAN_MIN + PADDING)))
    return max(PLAN_MIN, min(PLAN_MAX, room // visible - PADDING))


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis when it is longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


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
        self.label_width = min(max((len(r.label) for r in self.rows), default=8), LABEL_MAX)
        self.width = 0  # each plan column's width, set for the terminal's width

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="compare-legend")
        yield DataTable(id="compare", cursor_type="row", zebra_stripes=True)
        yield Static("", id="compare-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Compare plans"
        self.sub_title = " vs ".join(shown(c.plan.name) for c in self.columns)
        sources = escape(shown("/".join(self.columns[0].sources)))
        changed = sum(1 for r in self.rows if r.section == "element" and any(r.differs))
        self.query_one("#compare-legend", Static).update(
            f"Splits read [b]{sources}[/] (→ a schedule step, · stock days). "
            "Against the first plan: [b $success]better[/], [b $error]worse[/], "
            "[b $warning]different[/]. "
            f"{changed} element{'s differ' if changed != 1 else ' differs'}."
        )
        table = self.query_one(DataTable)
        table.fixed_columns = 1
        table.header_height = 2
        self.layout_columns(self.app.size.width)
        table.move_cursor(row=1)  # the first figure, under the "Portfolio" title
        table.focus()

    def on_resize(self, event: Resize) -> None:
        self.layout_columns(event.size.width)

    def layout_columns(self, total: int) -> None:
        """(Re)build the columns for a terminal ``total`` cells wide."""
        width = plan_width(total, self.label_width, len(self.columns))
        if width == self.width:
            return
        self.width = width
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("", key="label", width=self.label_width)
        for i, column in enumerate(self.columns):
            head = f"{fit(shown(column.label), width)}\n{fit(shown(column.plan.name), width)}"
            table.add_column(plain(head, keep_newlines=True), key=f"plan{i}", width=width)
        self.fill()
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)))

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        section = None
        for index, row in enumerate(self.rows):
            if self.only_differences and not any(row.differs):
                continue
            if row.section != section:
                section = row.section
                title = "Portfolio" if section == "headline" else "Elements"
                table.add_row(
                    Text(title, style="bold underline"), *[""] * len(self.columns), key=section
                )
            cells = [
                plain(fit(shown(cell), self.width), self._cell_style(row, i))
                for i, cell in enumerate(row.cells)
            ]
            label = plain(fit(shown(row.label), self.label_width), "bold")
            table.add_row(label, *cells, key=str(index))
        self._describe()

    def _cell_style(self, row: Row, i: int) -> str:
        """Better than the first plan in green, worse in red, otherwise changed or same."""
        colours = palette(self.app)
        verdict = row.verdicts[i] if row.verdicts else 0
        if verdict:
            return f"bold {colours.good}" if verdict > 0 else colours.bad
        return colours.warn if row.differs[i] else "" if i == 0 else colours.muted

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def _describe(self) -> None:
        """The highlighted row in full, for the cells the columns cut short."""
        table = self.query_one(DataTable)
        detail = self.query_one("#compare-detail", Static)
        if not table.row_count:
            detail.update("")
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        if not key.isdigit():
            detail.update("")
            return
        row = self.rows[int(key)]
        parts = [
            f"[b]{escape(shown(column.label))}[/] {escape(shown(cell))}"
            for column, cell in zip(self.columns, row.cells, strict=True)
        ]
        detail.update(f"[b]{escape(shown(row.label))}[/]: " + " · ".join(parts))

    def action_toggle_same(self) -> None:
        self.only_differences = not self.only_differences
        self.fill()

    def action_back(self) -> None:
        self.dismiss(None)
