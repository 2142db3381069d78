"""The plan's own fields: name, author, description, China-exposure target, horizon.

A planner who starts a scenario from another one renames it and moves the target
before saving it under a new file; the figures follow the new target at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from tui.app.screens.form import FormScreen
from tui.domain.dataset import Dataset
from tui.domain.period import is_period
from tui.domain.plan import Horizon, Plan
from tui.planfile import check_plan
from tui.present.splits import share_text
from tui.session import edits
from tui.session.rebalance import parse_share


def _field(*args: object, **kwargs: object) -> Input:
    return Input(*args, compact=True, **kwargs)  # type: ignore[arg-type]  # Input's options, passed on


class PlanForm(FormScreen[Plan]):
    ERROR_ID = "plan-error"

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Apply", priority=True),
    ]

    def __init__(self, plan: Plan, default_horizon: tuple[str, str], dataset: Dataset) -> None:
        super().__init__(classes="dialog")
        self.plan = plan
        self.default_horizon = default_horizon
        self.dataset = dataset

    def compose(self) -> ComposeResult:
        plan = self.plan
        target = plan.target_china_exposure
        start, end = (plan.horizon.start, plan.horizon.end) if plan.horizon else ("", "")
        with Vertical(classes="dialog-box form-box"):
            yield Label("Plan details", classes="dialog-title")
            with Grid(classes="form-grid"):
                yield Label("name", classes="form-label")
                yield _field(plan.name, id="name")
                yield Label("author", classes="form-label")
                yield _field(plan.author or "", id="author")
                yield Label("description", classes="form-label")
                yield _field(plan.description or "", id="description")
                yield Label("China target %", classes="form-label")
                yield _field(
                    "" if target is None else share_text(target),
                    id="target",
                    placeholder="none set",
                    restrict=r"[0-9.]*",
                )
                yield Label("from", classes="form-label")
                yield _field(
                    start, id="start", placeholder=f"the data's first: {self.default_horizon[0]}"
                )
                yield Label("to", classes="form-label")
                yield _field(
                    end, id="end", placeholder=f"the data's last: {self.default_horizon[1]}"
                )
            yield Static("", id="plan-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Cancel", id="cancel")

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def read(self) -> Plan:
        target_text = self._value("target")
        try:
            target = parse_share(target_text) if target_text else None
        except ValueError as error:
            raise ValueError(f"target: {error}") from None
        start, end = self._value("start").upper(), self._value("end").upper()
        horizon = None
        if start or end:
            start, end = start or self.default_horizon[0], end or self.default_horizon[1]
            if not (is_period(start) and is_period(end)):
                raise ValueError("horizon: quarters like 2026Q1")
            horizon = Horizon(start, end)
        plan = edits.set_details(
            self.plan,
            name=self._value("name"),
            author=self._value("author"),
            description=self._value("description"),
            target=target,
            horizon=horizon,
        )
        # the file reader's own rule, so the form cannot make a plan that will not open
        for problem in check_plan(plan, self.dataset, ""):
            if problem.where.startswith("horizon"):
                raise ValueError(f"{problem.where}: {problem.message}")
        return plan

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        (self.action_save if event.button.id == "apply" else self.action_cancel)()
