"""The exact-values form for one element: its split, stockpile days and note.

Typing is free; the running total says whether the split adds up, and "Balance"
keeps the share last typed and settles the difference with the largest other share
(as the +/- keys do), so Lynas 40 in 70/20/10 balances to 50/40/10. The form returns
the next plan (one undo step) or None when cancelled.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from tui.app.palette import palette
from tui.app.plain import plain
from tui.app.screens.form import FormScreen
from tui.domain.dataset import Dataset
from tui.domain.plan import Number, Plan, Split
from tui.present.splits import share_text
from tui.session import edits
from tui.session.rebalance import balance_around, is_whole_split, parse_share, split_total


def _field(*args: object, **kwargs: object) -> Input:
    """A one-line input (compact, no border): forms must fit an 80×24 terminal."""
    return Input(*args, compact=True, **kwargs)  # type: ignore[arg-type]  # Input's options, passed on


class ElementForm(FormScreen[Plan]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+b", "balance", "Balance"),
        Binding("ctrl+s", "save", "Apply", priority=True),
    ]

    def __init__(self, plan: Plan, dataset: Dataset, element: str, focus: str | None) -> None:
        super().__init__(classes="dialog")
        self.plan = plan
        self.dataset = dataset
        self.element = element
        self.focus_source = focus
        self.last_typed = focus or dataset.source_ids[0]

    def compose(self) -> ComposeResult:
        info = next(e for e in self.dataset.elements if e.symbol == self.element)
        split = self.plan.base_split(self.element)
        entry = self.plan.elements.get(self.element)
        with Vertical(classes="dialog-box form-box"):
            yield Label(
                plain(f"{info.symbol} · {info.name} — split, stock and note"),
                classes="dialog-title",
            )
            with VerticalScroll(classes="form-scroll"), Grid(classes="form-grid"):
                for source in self.dataset.source_ids:
                    value = split.share(source) if split is not None else 0
                    yield Label(source, classes="form-label")
                    yield _field(
                        share_text(value) if value else "",
                        placeholder="0",
                        id=f"share-{source}",
                        classes="share-input",
                        restrict=r"[0-9.]*",
                    )
                yield Label("stock days", classes="form-label")
                days = entry.stockpile_days if entry is not None else None
                yield _field(
                    "" if days is None else str(days),
                    placeholder=f"default: {self.plan.stockpile_days(self.element)}",
                    id="stockpile",
                    restrict=r"[0-9.]*",
                )
                yield Label("note", classes="form-label")
                note = entry.note if entry is not None and entry.note else ""
                yield _field(note, placeholder="e.g. why this split", id="note")
            yield Static("", id="total", classes="form-total")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Balance", id="balance")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._update_total()
        if self.focus_source:
            field = self.query_one(f"#share-{self.focus_source}", Input)
            field.focus()
            field.select_all()

    # --- reading the fields ------------------------------------------------------------

    def _typed(self) -> dict[str, Number]:
        """The shares typed so far; raises ValueError naming the first bad one."""
        shares: dict[str, Number] = {}
        for source in self.dataset.source_ids:
            text = self.query_one(f"#share-{source}", Input).value
            try:
                shares[source] = parse_share(text)
            except ValueError as error:
                raise ValueError(f"{source}: {error}") from None
        return shares

    def _update_total(self) -> None:
        total = self.query_one("#total", Static)
        try:
            shares = self._typed()
        except ValueError as error:
            total.update(plain(error, palette(self.app).bad))
            return
        value = split_total(shares)
        if is_whole_split(shares):
            total.update(f"Total [b $success]{share_text(value)}[/] ✓")
        else:
            total.update(
                f"Total [b $error]{share_text(value)}[/] — must be 100: "
                "[b]Balance[/] (ctrl+b) settles it on the largest other"
            )

    @on(Input.Changed, ".share-input")
    def _share_typed(self, event: Input.Changed) -> None:
        self.last_typed = str(event.input.id).removeprefix("share-")
        self._update_total()

    # --- actions -----------------------------------------------------------------------

    def action_balance(self) -> None:
        try:
            shares = self._typed()
        except ValueError:
            self._update_total()
            return
        balanced = balance_around(shares, self.last_typed, self.dataset.source_ids)
        with self.prevent(Input.Changed):  # filling the fields is not the planner typing
            for source in self.dataset.source_ids:
                value = balanced.share(source)
                field = self.query_one(f"#share-{source}", Input)
                field.value = share_text(value) if value else ""
        self._update_total()

    def action_save(self) -> None:
        try:
            shares = self._typed()
        except ValueError:
            self._update_total()
            return
        if not is_whole_split(shares):
            self._update_total()
            self.app.bell()
            return
        days_text = self.query_one("#stockpile", Input).value.strip()
        try:
            days = _number(days_text) if days_text else None
        except ValueError:
            self.query_one("#total", Static).update("[b $error]stock days: not a number[/]")
            return
        note = self.query_one("#note", Input).value
        split: Split | None = Split({s: v for s, v in shares.items() if v})
        entry = self.plan.elements.get(self.element)
        if (entry is None or entry.split is None) and split == self.plan.base_split(self.element):
            split = None  # unchanged: keep following [defaults]
        self.dismiss(edits.set_element(self.plan, self.element, split, days, note))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"apply": self.action_save, "balance": self.action_balance}.get(
            str(event.button.id), self.action_cancel
        )()


def _number(text: str) -> Number:
    """Days as typed: an int when whole (``60``), else a float; ValueError if negative."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return int(value) if value == value.to_integral_value() else float(value)
