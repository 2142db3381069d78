"""The schedule of one element: "from 2026Q2 on, buy 60/30/10" steps.

One row per step: the quarter it starts and a share per source. Rows can be added and
removed; on Apply every row must name a quarter and add up to 100, and no two rows may
start in the same quarter. The result is the next plan, or None when cancelled.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from tui.app.screens.form import FormScreen
from tui.domain.dataset import Dataset
from tui.domain.period import is_period, period_from_index, period_index
from tui.domain.plan import Number, Plan, ScheduleStep, Split
from tui.planfile.check import period_problem
from tui.present.splits import share_text
from tui.session import edits
from tui.session.rebalance import is_whole_split, parse_share


def _field(*args: object, **kwargs: object) -> Input:
    """A one-line input (compact, no border): forms must fit an 80×24 terminal."""
    return Input(*args, compact=True, **kwargs)  # type: ignore[arg-type]  # Input's options, passed on


class StepRow(Horizontal):
    """One schedule step as a row of inputs."""

    def __init__(self, sources: tuple[str, ...], step: ScheduleStep | None) -> None:
        super().__init__(classes="step-row")
        self.sources = sources
        self.step = step

    def compose(self) -> ComposeResult:
        start = self.step.start if self.step else ""
        yield _field(start, placeholder="e.g. 2026Q2", classes="step-from")
        for source in self.sources:
            value = self.step.split.share(source) if self.step else 0
            yield _field(
                share_text(value) if value else "",
                placeholder="0",
                classes=f"step-share share-{source}",
                restrict=r"[0-9.]*",
            )
        yield Button("✕", classes="step-remove", variant="error")

    def read(self, dataset: Dataset) -> ScheduleStep:
        """The step as typed; ValueError says what is wrong with it."""
        start = self.query_one(".step-from", Input).value.strip().upper()
        if not is_period(start):
            raise ValueError(f"{start or 'a step'}: the quarter must look like 2026Q2")
        outside = period_problem(start, dataset)
        if outside:
            raise ValueError(outside)
        shares: dict[str, Number] = {}
        for source in self.sources:
            text = self.query_one(f".share-{source}", Input).value
            try:
                value = parse_share(text)
            except ValueError as error:
                raise ValueError(f"{start}: {source}: {error}") from None
            if value:
                shares[source] = value
        if not is_whole_split(shares):
            total = sum(shares.values())
            raise ValueError(f"{start}: shares sum to {share_text(total)}, expected 100")
        return ScheduleStep(start, Split(shares))


class ScheduleForm(FormScreen[Plan]):
    ERROR_ID = "schedule-error"

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+a", "add", "Add step", priority=True),
        Binding("ctrl+s", "save", "Apply", priority=True),
    ]

    def __init__(
        self, plan: Plan, dataset: Dataset, element: str, periods: tuple[str, ...] = ()
    ) -> None:
        super().__init__(classes="dialog")
        self.plan = plan
        self.periods = periods
        self.dataset = dataset
        self.sources = dataset.source_ids
        self.element = element

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box form-box schedule-box"):
            yield Label(
                f"{self.element} · schedule: the split from a quarter on", classes="dialog-title"
            )
            with Horizontal(classes="step-head"):
                yield Label("from", classes="step-from-head")
                for source in self.sources:
                    yield Label(source, classes="step-share-head")
            with VerticalScroll(id="steps"):
                for step in self.plan.schedule(self.element):
                    yield StepRow(self.sources, step)
            yield Static("", id="schedule-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Add step", id="add")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if not self.plan.schedule(self.element):
            self.action_add()

    def action_add(self) -> None:
        rows = list(self.query(StepRow))
        previous = None
        if rows:
            try:
                previous = rows[-1].read(self.dataset)
            except ValueError:
                previous = None
        if previous is not None:
            start = period_from_index(period_index(previous.start) + 1)
            split = previous.split
        else:
            # a year into the horizon: a step at its very start would just replace the split
            start = self.periods[min(4, len(self.periods) - 1)] if self.periods else ""
            split = self.plan.base_split(self.element) or Split({})
        row = StepRow(self.sources, ScheduleStep(start, split) if start else None)
        self.query_one("#steps", VerticalScroll).mount(row)
        self.call_after_refresh(lambda: row.query_one(".step-from", Input).focus())

    def read(self) -> Plan:
        steps = [row.read(self.dataset) for row in self.query(StepRow)]
        return edits.set_schedule(self.plan, self.element, steps)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("step-remove"):
            row = event.button.parent
            if row is not None:
                assert isinstance(row, Widget)  # a step row holds its remove button
                row.remove()
            return
        {"apply": self.action_save, "add": self.action_add}.get(
            str(event.button.id), self.action_cancel
        )()
