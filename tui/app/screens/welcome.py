"""What the app shows when no plan could be opened: the reason, and the ways on.

A malformed plan or dataset must never end the session: the planner reads what is
wrong (file and place), then opens another plan or starts a new one from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.app.plain import plain, shown
from tui.app.widgets.footer import KeysFooter
from tui.app.widgets.title_bar import TitleBar
from tui.domain.errors import Problem


class WelcomeScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("o", "app.open", "Open a plan", id="welcome.open"),
        Binding("n", "app.new", "New plan", id="welcome.new"),
    ]

    def __init__(self, heading: str, problems: Sequence[Problem | str]) -> None:
        super().__init__()
        self.heading = heading
        self.problems = [p.located() if isinstance(p, Problem) else shown(p) for p in problems]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="welcome"):
            yield Static("No plan is open", classes="welcome-title")
            yield Static(plain(self.heading + ":"), classes="welcome-heading")
            with VerticalScroll(classes="welcome-problems"):
                yield Static("\n".join(self.problems), markup=False, classes="welcome-problem")
            yield Static(
                "Press [b]o[/] (or ctrl+o) to open another plan, [b]n[/] to start a new plan "
                "on the reference data, [b]q[/] to quit.",
                classes="welcome-hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "replan"
        self.sub_title = "no plan open"
