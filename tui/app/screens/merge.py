"""Settling a merge's conflicts: each conflict with both values, one pick per conflict.

Opened when the planner's edits and the file on disk changed the same value in two
ways. Nothing changes until every conflict has a side and the planner applies; the
result is then one undoable step (the caller's business). Values come from files, so
every text is shown as plain content, never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from tui.planfile.merge import Conflict, PlanMerge, Side, show_value

_SHOWN_CHARS = 60


def _shown(value: object) -> str:
    text = show_value(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"


class MergeScreen(ModalScreen[PlanMerge | None]):
    """Pick yours or theirs for each conflict; Apply gives the settled merge, escape None."""

    DEFAULT_CSS = """
    MergeScreen .merge-box { width: 96; }
    MergeScreen .merge-list { height: auto; max-height: 24; }
    MergeScreen .merge-path { text-style: bold; padding-top: 1; }
    MergeScreen .merge-base { color: $text-muted; }
    MergeScreen RadioSet { width: 100%; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, merge: PlanMerge, file: str) -> None:
        super().__init__(classes="dialog")
        self.merge = merge
        self.file = file
        self.picks: dict[str, Side] = {}

    def compose(self) -> ComposeResult:
        count = len(self.merge.conflicts)
        with Vertical(classes="dialog-box merge-box"):
            yield Label(
                Content(f"Merge with {self.file}: {count} conflict{'s' if count != 1 else ''}"),
                classes="dialog-title",
            )
            yield Static(
                "You and the file on disk changed these values in different ways. Pick a "
                "side for each; everything else merged. Nothing changes until you apply.",
                classes="dialog-message",
                markup=False,
            )
            with VerticalScroll(classes="merge-list"):
                for index, conflict in enumerate(self.merge.conflicts):
                    yield from self._conflict(index, conflict)
            yield Static("", id="merge-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Cancel", id="cancel")

    def _conflict(self, index: int, conflict: Conflict) -> ComposeResult:
        yield Static(Content(conflict.path), classes="merge-path")
        yield Static(Content(f"before: {_shown(conflict.base)}"), classes="merge-base")
        yield RadioSet(
            RadioButton(Content(f"yours:  {_shown(conflict.ours)}"), id=f"ours-{index}"),
            RadioButton(Content(f"theirs: {_shown(conflict.theirs)}"), id=f"theirs-{index}"),
            id=f"pick-{index}",
        )

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        side, _, index = str(event.pressed.id).partition("-")
        conflict = self.merge.conflicts[int(index)]
        self.picks[conflict.path] = "ours" if side == "ours" else "theirs"

    def pick(self, path: str, side: Side) -> None:
        """Choose a side for one conflict (what clicking its button does)."""
        index = [c.path for c in self.merge.conflicts].index(path)
        self.query_one(f"#{side}-{index}", RadioButton).value = True
        self.picks[path] = side

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.apply()
        else:
            self.dismiss(None)

    def apply(self) -> None:
        left = [c.path for c in self.merge.conflicts if c.path not in self.picks]
        error = self.query_one("#merge-error", Static)
        if left:
            error.update(f"Pick a side for every conflict ({len(left)} left: {left[0]} …)")
            self.app.bell()
            return
        settled = self.merge.with_picks(self.picks)
        if settled.plan is None:
            problems = settled.problems or ()
            error.update(
                "With these picks the plan is not valid: "
                + "; ".join(f"{p.where}: {p.message}" for p in problems)
            )
            self.app.bell()
            return
        self.dismiss(settled)

    def action_cancel(self) -> None:
        self.dismiss(None)
