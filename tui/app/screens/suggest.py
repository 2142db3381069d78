"""Suggest in the app: ask for the limits, solve off the UI thread, review, accept or close.

The form is prefilled from the plan (its China-exposure target); the planner may pick
stress cases to survive, elements to keep, a max share and one split per year. The
solver runs in a thread worker, with a loading indicator meanwhile, so keys never
wait on it. The result is the same text ``replan suggest`` prints: the headline, the
marginal cost of a point of exposure, and the diff against the plan as it stands —
or, when no split meets the limits, what binds. Accepting returns the suggested plan,
which the main screen applies as one undoable edit.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, LoadingIndicator, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from tui.domain.plan import Plan
from tui.present.splits import share_text
from tui.session.session import Session
from tui.suggest import Limits


def parse_percent(text: str, what: str, *, above_zero: bool = False) -> float | None:
    """``50`` → 0.5; empty → None; ValueError naming ``what`` otherwise."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what}: {text!r} is not a number") from None
    if not (0 < value <= 100 if above_zero else 0 <= value <= 100) or value != value:
        raise ValueError(f"{what}: a percent {'above 0, ' if above_zero else 'from 0 '}to 100")
    return value / 100


def parse_keep(text: str, elements: tuple[str, ...]) -> frozenset[str]:
    names = [name.strip() for name in text.replace(" ", ",").split(",") if name.strip()]
    unknown = [name for name in names if name not in elements]
    if unknown:
        raise ValueError(f"keep: no element {unknown[0]!r} in the dataset")
    return frozenset(names)


class SuggestScreen(ModalScreen[Plan | None]):
    DEFAULT_CSS = """
    SuggestScreen .suggest-box { width: 120; }
    SuggestScreen #survive { height: auto; max-height: 6; }
    SuggestScreen #solving { height: 3; }
    SuggestScreen #suggest-scroll { height: auto; max-height: 24; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+s", "solve", "Suggest", priority=True),
        Binding("ctrl+a", "accept", "Accept", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.suggested: Plan | None = None

    def compose(self) -> ComposeResult:
        plan = self.session.plan
        target = plan.target_china_exposure
        with Vertical(classes="dialog-box suggest-box"):
            yield Label("Suggest the least-cost split", classes="dialog-title")
            with Grid(classes="form-grid form-box"):
                yield Label("China target %", classes="form-label")
                yield Input(
                    "" if target is None else share_text(target),
                    id="target",
                    placeholder="none: cost only",
                    compact=True,
                )
                yield Label("max share %", classes="form-label")
                yield Input("", id="max-share", placeholder="no cap", compact=True)
                yield Label("keep", classes="form-label")
                yield Input(
                    "", id="keep", placeholder="elements that keep their split", compact=True
                )
                yield Label("per year", classes="form-label")
                yield Checkbox("one split per calendar year", id="yearly", compact=True)
            if plan.stress:
                yield Label("Stress cases to survive without shortfall:")
                yield SelectionList[int](
                    *[Selection(Content(case.name), i) for i, case in enumerate(plan.stress)],
                    id="survive",
                    compact=True,
                )
            yield Static("", id="suggest-error", classes="field-error", markup=False)
            yield LoadingIndicator(id="solving")
            with VerticalScroll(id="suggest-scroll"):
                yield Static("", id="suggest-result", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Suggest", id="solve", variant="primary")
                yield Button("Accept", id="accept", variant="success", disabled=True)
                yield Button("Close", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#solving").display = False
        self.query_one("#suggest-scroll").display = False

    # --- reading the limits ------------------------------------------------------

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def read(self) -> Limits:
        plan = self.session.plan
        survive: tuple[int, ...] = ()
        if plan.stress:
            survive = tuple(sorted(self.query_one("#survive", SelectionList).selected))
        return Limits(
            target=parse_percent(self._value("target"), "target"),
            survive=tuple(plan.stress[i] for i in survive),
            keep=parse_keep(self._value("keep"), self.session.dataset.element_ids),
            max_share=parse_percent(self._value("max-share"), "max share", above_zero=True),
            yearly=self.query_one("#yearly", Checkbox).value,
        )

    # --- solving -----------------------------------------------------------------

    def action_solve(self) -> None:
        error = self.query_one("#suggest-error", Static)
        try:
            limits = self.read()
        except ValueError as problem:
            error.update(str(problem))
            self.app.bell()
            return
        error.update("")
        self.suggested = None
        self.query_one("#accept", Button).disabled = True
        self.query_one("#solve", Button).disabled = True
        self.query_one("#suggest-scroll").display = False
        self.query_one("#solving").display = True
        self._solve(self.session.plan, limits)

    @work(thread=True, exclusive=True, group="suggest")
    def _solve(self, plan: Plan, limits: Limits) -> None:
        """Runs in a thread: solve, check through the engine, and render the text."""
        try:
            suggested, text = solve_and_describe(self.session, plan, limits)
        except Exception as error:  # a bug must not take the app down with it
            suggested, text = None, f"The suggestion failed: {type(error).__name__}: {error}"
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, suggested, text)

    def _show(self, suggested: Plan | None, text: str) -> None:
        if not self.is_attached:  # closed while it was solving
            return
        self.query_one("#solving").display = False
        self.query_one("#solve", Button).disabled = False
        self.query_one("#suggest-scroll").display = True
        self.query_one("#suggest-result", Static).update(Content(text))
        self.suggested = suggested
        accept = self.query_one("#accept", Button)
        accept.disabled = suggested is None
        if suggested is not None:
            accept.focus()

    # --- closing -----------------------------------------------------------------

    def action_accept(self) -> None:
        if self.suggested is None:
            self.app.bell()
            return
        self.dismiss(self.suggested)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "suggest")
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_solve()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"solve": self.action_solve, "accept": self.action_accept}
        actions.get(event.button.id or "", self.action_cancel)()


def solve_and_describe(session: Session, plan: Plan, limits: Limits) -> tuple[Plan | None, str]:
    """The suggested plan (None when there is none) and the text that explains it."""
    from tui.cli.evaluate import Evaluated
    from tui.cli.formats.suggest_output import render_suggestion
    from tui.cli.formats.text import Style
    from tui.suggest import NoSuggestion, suggest

    result = suggest(plan, session.dataset, session.engine, limits)
    if isinstance(result, NoSuggestion):
        return None, "\n".join(result.explanation.lines())
    location = session.location
    current = Evaluated(
        location,
        plan,
        session.dataset,
        session.evaluation,
        tuple(map(str, session.evaluation.warnings)),
    )
    after = Evaluated(
        "suggested",
        result.plan,
        session.dataset,
        result.evaluation,
        tuple(map(str, result.evaluation.warnings)),
    )
    text = render_suggestion(current, after, result, None, Style(colour=False))
    return result.plan, text
