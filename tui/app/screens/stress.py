"""Stress cases: the list with each case's result, and the form to add or edit one.

Each edit goes to the session (one undo step), then a ``SessionChanged`` message tells
the app, so that the main screen's headline follows; the list repaints from the session
after every change, showing what the case does. Neither screen holds the main screen.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from tui.app.figures import stress_detail
from tui.app.messages import SessionChanged
from tui.app.palette import palette
from tui.app.plain import plain
from tui.app.screens.form import FormScreen
from tui.app.screens.stress_detail import BASE_TEXT, compact, products_column, stock_column
from tui.app.screens.stress_detail import summary as summary_text
from tui.domain.period import is_period
from tui.domain.plan import BASE_CASE, StressCase
from tui.planfile.check import period_problem
from tui.planfile.schema import MAX_STRESS_CASES
from tui.planfile.words import suggestion
from tui.present.numbers import days, tidy, tonnes
from tui.session import edits

if TYPE_CHECKING:
    from tui.domain.plan import Plan
    from tui.session.session import Session


def _field(*args: object, **kwargs: object) -> Input:
    """A one-line input (compact, no border): forms must fit an 80×24 terminal."""
    return Input(*args, compact=True, **kwargs)  # type: ignore[arg-type]  # Input's options, passed on


PRESETS = {
    "embargo": StressCase("China stops all exports, 2 months (2010)", "china", "2027Q1", 2, 100),
    "licence": StressCase(
        "Licence lag on the April-2025 list",
        "china",
        "2026Q3",
        2,
        100,
        ("Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"),
    ),
}


CASE_WIDTH = 20  # the case column on a narrow terminal
NARROW_BOX = 110  # .stress-box's width in app.tcss
WIDE = 120  # from this width the detail shows stock and products in columns
TABLE_LINES = 14  # the table's max-height in app.tcss
CHROME_LINES = 9  # border 2, title 2, hint 1, buttons 4


class StressScreen(ModalScreen[None]):
    """The plan's stress cases and what each does; a/e/d to add, edit, delete."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,q", "close", "Close"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="dialog")
        self.session = session

    def apply_edit(self, plan: Plan, label: str) -> None:
        """One undoable edit of the session's plan; the main screen repaints on the message."""
        self.session.apply(plan, label)
        self.post_message(SessionChanged())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box stress-box"):
            yield Label("Stress cases — results beside the base case", classes="dialog-title")
            yield DataTable(id="stress-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="stress-detail"):
                yield Static(id="stress-summary")
                yield Static(id="stress-stock")
                yield Static(id="stress-products")
            yield Static("a add · e/enter edit · d delete · esc close", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="add", variant="primary")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # the results first, so that they stay on screen at 80 columns; long case names
        # are cut there (the form shows them whole) so that every column fits
        narrow = self.app.size.width < WIDE
        table.add_column("Case", width=CASE_WIDTH if narrow else None)
        table.add_column(Text("Short t", justify="right"))
        table.add_column(Text("Worst", justify="right"))
        table.add_columns("Source", "Start", "For", "Sev%", "Elements")
        self.refill()
        table.focus()

    def refill(self) -> None:
        colours = palette(self.app)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        evaluation = self.session.evaluation
        base = evaluation.base
        table.add_row(
            Text("base (no disruption)", style="dim"),
            Text(tonnes(tidy(base.portfolio.shortfall_t)), justify="right"),
            Text(days(base.worst_days_short), justify="right"),
            "", "", "", "", "",
            key="base",
        )  # fmt: skip
        for i, (case, result) in enumerate(
            zip(self.session.plan.stress, evaluation.stress_cases, strict=False)
        ):
            short = tidy(result.portfolio.shortfall_t) or 0.0
            table.add_row(
                plain(case.name, no_wrap=True, overflow="ellipsis"),
                Text(
                    tonnes(short), style=colours.bad if short > 0 else colours.good, justify="right"
                ),
                Text(days(result.worst_days_short), justify="right"),
                plain(case.source),
                plain(case.start),
                f"{case.months} mo" if case.months is not None else f"{case.days} d",
                str(case.severity),
                plain(elements_cell(case.elements, narrow=self.app.size.width < WIDE)),
                key=str(i),
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        self.show_detail()

    @property
    def wide(self) -> bool:
        """Room for the stock per element and the products in columns of their own."""
        return self.app.size.width >= WIDE

    def _room(self) -> int:
        """Lines left for the detail once the box's title, table, hint and buttons are in.

        The detail's lines never wrap, so this is its height: at 80×24 the buttons
        stay on screen, and a tall terminal shows more elements and products.
        """
        table = self.query_one(DataTable)
        # narrow, the table scrolls sideways (a scrollbar line); wide, a blank line
        # parts the detail from it
        rows = min(table.row_count + 2, TABLE_LINES)
        return max(self.app.size.height - CHROME_LINES - rows, 3)

    def show_detail(self) -> None:
        """Show the figures of the case under the cursor (the base case: a sentence)."""
        summary = self.query_one("#stress-summary", Static)
        stock = self.query_one("#stress-stock", Static)
        products = self.query_one("#stress-products", Static)
        wide = self.wide
        stock.display = products.display = wide
        self.query_one(".stress-box").set_class(wide, "wide")
        room = self._room()
        box = self.query_one("#stress-detail")
        index = self._selected()
        evaluation = self.session.evaluation
        colours = palette(self.app)
        if index is None or index >= len(evaluation.stress_cases):
            texts = [Text(BASE_TEXT, style=colours.muted), Text(), Text()]
        elif not wide:
            width = min(NARROW_BOX, self.app.size.width) - 4  # less border and padding
            detail = stress_detail(evaluation, index)
            texts = [compact(detail, colours, room, width), Text(), Text()]
        else:
            detail = stress_detail(evaluation, index)
            texts = [
                summary_text(detail, colours),
                stock_column(detail, colours, room),
                products_column(detail, colours, room),
            ]
        for widget, text in zip((summary, stock, products), texts, strict=True):
            widget.update(text)
        # as high as the longest column: the box keeps its size on a tall terminal
        box.styles.height = min(room, max(len(t.plain.splitlines()) for t in texts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()

    def on_resize(self) -> None:
        self.show_detail()

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key == "base" else int(str(key))

    def action_add(self) -> None:
        def done(case: StressCase | None) -> None:
            if case is not None:
                self.apply_edit(
                    edits.add_stress(self.session.plan, case), f"add stress “{case.name}”"
                )
                self.refill()
                table = self.query_one(DataTable)
                table.move_cursor(row=table.row_count - 1)

        self.app.push_screen(StressForm(self.session, None), done)

    def action_edit(self) -> None:
        index = self._selected()
        if index is None:
            return

        def done(case: StressCase | None) -> None:
            if case is not None:
                plan = edits.replace_stress(self.session.plan, index, case)
                self.apply_edit(plan, f"edit stress “{case.name}”")
                self.refill()

        self.app.push_screen(StressForm(self.session, index), done)

    def action_delete(self) -> None:
        index = self._selected()
        if index is None:
            return
        name = self.session.plan.stress[index].name
        self.apply_edit(edits.remove_stress(self.session.plan, index), f"remove stress “{name}”")
        self.refill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        (self.action_add if event.button.id == "add" else self.action_close)()

    def action_close(self) -> None:
        self.dismiss(None)


class StressForm(FormScreen[StressCase]):
    ERROR_ID = "stress-error"

    """Name, source, start quarter, months, severity and (optionally) elements."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Apply", priority=True),
    ]

    def __init__(self, session: Session, index: int | None) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.index = index
        plan = session.plan
        self.case = plan.stress[index] if index is not None else None

    def compose(self) -> ComposeResult:
        case = self.case
        sources = self.session.dataset.source_ids
        heading = "Edit stress case" if case else "New stress case"
        with Vertical(classes="dialog-box form-box"):
            yield Label(heading, classes="dialog-title")
            with Grid(classes="form-grid"):
                yield Label("name", classes="form-label")
                yield _field(
                    case.name if case else "", id="name", placeholder="e.g. China embargo, 2 months"
                )
                yield Label("source", classes="form-label")
                yield Select(
                    [(s, s) for s in sources],
                    value=case.source if case else ("china" if "china" in sources else sources[0]),
                    allow_blank=False,
                    compact=True,
                    id="source",
                )
                yield Label("start", classes="form-label")
                yield _field(case.start if case else "", id="start", placeholder="e.g. 2027Q1")
                yield Label("months", classes="form-label")
                yield _field(str(case.months) if case else "2", id="months", restrict=r"[0-9]*")
                yield Label("severity %", classes="form-label")
                yield _field(
                    str(case.severity) if case else "100", id="severity", restrict=r"[0-9.]*"
                )
                yield Label("elements", classes="form-label")
                yield _field(
                    ", ".join(case.elements) if case and case.elements else "",
                    id="elements",
                    placeholder="empty: all elements; or e.g. Dy, Tb",
                )
            yield Static("", id="stress-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                if case is None:
                    yield Button("2010 embargo", id="preset-embargo")
                    yield Button("Licence lag", id="preset-licence")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _fill(self, case: StressCase) -> None:
        known = set(self.session.dataset.element_ids)
        self.query_one("#name", Input).value = case.name
        self.query_one("#source", Select).value = case.source
        self.query_one("#start", Input).value = case.start
        self.query_one("#months", Input).value = str(case.months)
        self.query_one("#severity", Input).value = str(case.severity)
        elements = [e for e in case.elements or () if e in known]
        self.query_one("#elements", Input).value = ", ".join(elements)

    def read(self) -> StressCase:
        """The case typed in the form; ValueError listing every field that is wrong
        (one per line), so that a planner fixes them all in one go."""
        dataset = self.session.dataset
        errors: list[str] = []
        plan = self.session.plan
        if self.index is None and len(plan.stress) >= MAX_STRESS_CASES:
            errors.append(f"a plan may have at most {MAX_STRESS_CASES} stress cases")
        name = self.query_one("#name", Input).value.strip()
        others = [c.name for i, c in enumerate(plan.stress) if i != self.index]
        if not name:
            errors.append("name: give the case a name")
        elif name in others:
            errors.append(f"name: another case is already called “{name}”")
        elif name == BASE_CASE:
            errors.append(f"name: “{BASE_CASE}” is the case without disruption")
        start = self.query_one("#start", Input).value.strip().upper()
        if not is_period(start):
            errors.append("start: a quarter like 2027Q1")
        elif outside := period_problem(start, dataset):
            errors.append(f"start: {outside}")
        months_text = self.query_one("#months", Input).value.strip()
        if not months_text.isdigit() or int(months_text) < 1:
            errors.append("months: a whole number of months, at least 1")
        severity_text = self.query_one("#severity", Input).value.strip()
        try:
            severity_value = float(severity_text)
        except ValueError:
            severity_value = math.nan
        if not 0 < severity_value <= 100:
            errors.append("severity: a percent above 0, at most 100")
        text = self.query_one("#elements", Input).value
        names = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        for unknown in (n for n in names if n not in dataset.element_ids):
            hint = suggestion(unknown, dataset.element_ids, "elements")
            errors.append(f"elements: {unknown} is not in the dataset; {hint}")
        if errors:
            raise ValueError("\n".join(errors))
        severity = int(severity_value) if severity_value.is_integer() else severity_value
        source = str(self.query_one("#source", Select).value)
        return StressCase(name, source, start, int(months_text), severity, tuple(names) or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = str(event.button.id)
        if button.startswith("preset-"):
            self._fill(PRESETS[button.removeprefix("preset-")])
        elif button == "apply":
            self.action_save()
        else:
            self.action_cancel()


def elements_cell(elements: tuple[str, ...] | None, *, narrow: bool) -> str:
    """``all``, ``Sm, Dy``; on a narrow terminal a longer list as ``Sm +5`` (the detail
    under the table names them all), so that every column fits 80 columns."""
    if elements is None:
        return "all"
    if narrow and len(elements) > 2:
        return f"{elements[0]} +{len(elements) - 1}"
    return ", ".join(elements)
