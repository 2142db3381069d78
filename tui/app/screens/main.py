"""The main screen: the element table, the portfolio headline, and the selected element.

Every edit goes the same way: build the next immutable plan, hand it to the session
(which records it for undo and asks the engine to recalculate), then ``repaint`` —
which updates the widgets in place, cell by cell, rather than recomposing anything.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen

from tui.app.figures import (
    all_china_shares,
    element_rows,
    headline,
    portfolio_exposure,
    quarters,
    source_china_shares,
)
from tui.app.palette import DEFAULT, Palette, follow_theme
from tui.app.plain import shown
from tui.app.widgets.element_info import ElementInfo, describe_element
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.footer import KeysFooter
from tui.app.widgets.headline import HeadlinePanel
from tui.app.widgets.quarter_chart import QuarterChart
from tui.app.widgets.title_bar import TitleBar
from tui.domain.plan import Plan
from tui.present.splits import share_text
from tui.present.target import target_fraction
from tui.session import edits
from tui.session.rebalance import move_share
from tui.session.session import Session

COMPACT_FOOTER = 100
"""Below this width the footer packs tighter so that every key still shows."""
WIDE = 130  # columns from which the headline becomes a side panel
SHORT = 30  # rows below which the narrow layout packs tighter
_SHARE = Binding.Group("Share", compact=True)


class MainScreen(Screen[None]):
    """One plan: read the figures, move share, edit, undo."""

    # Textual sets one class of each list on the screen as it is resized; app.tcss lays
    # the screen out by them, and ``on_resize`` fits the Python-drawn text to the same.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (COMPACT_FOOTER, "-medium"), (WIDE, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]  # noqa: RUF012

    case_index: reactive[int] = reactive(0, init=False)
    """Which case the chart and the element pane show: 0 the base case, then each stress case."""
    portfolio_chart: reactive[bool] = reactive(False, init=False)
    """Chart the portfolio's China exposure instead of the selected element (``o``)."""

    BINDINGS = [  # noqa: RUF012 - Textual reads this class attribute
        Binding("plus,equals_sign", "move(1)", "+1 pt", group=_SHARE, id="share.more",
                tooltip="Move 1 point into the selected source, from the largest other share"),
        Binding("minus", "move(-1)", "−1 pt", group=_SHARE, id="share.less",
                tooltip="Move 1 point out of the selected source, to the largest other share"),
        Binding("right_square_bracket", "move(5)", "+5 pts", group=_SHARE, id="share.more5",
                tooltip="Move 5 points into the selected source, from the largest other share"),
        Binding("left_square_bracket", "move(-5)", "−5 pts", group=_SHARE, id="share.less5",
                tooltip="Move 5 points out of the selected source, to the largest other share"),
        Binding("e", "edit_element", "Edit", id="element.edit",
                tooltip="Type exact shares, stockpile days and the note (also enter or a click)"),
        Binding("t", "edit_schedule", "Schedule", show=False, id="element.schedule",
                tooltip="Edit the element's schedule: a different split from a quarter on"),
        Binding("x", "stress", "Stress", id="stress.list",
                tooltip="See, add, edit and remove stress cases"),
        Binding("ctrl+z,u", "undo", "Undo", id="edit.undo", tooltip="Undo the last edit"),
        Binding("ctrl+y,r", "redo", "Redo", show=False, id="edit.redo",
                tooltip="Redo the edit just undone"),
        Binding("p", "edit_plan", "Plan details", show=False, id="plan.details",
                tooltip="Name, author, description, China-exposure target and horizon"),
        Binding("v", "next_case", "Chart case", show=False, id="view.case",
                tooltip="Show the next stress case in the quarter chart"),
        Binding("o", "toggle_portfolio", "Portfolio chart", show=False, id="view.portfolio",
                tooltip="Chart the portfolio's China exposure per quarter (again: the element)"),
        Binding("c", "app.compare", "Compare", id="plan.compare",
                tooltip="Compare plans side by side (this one, its saved version, others)"),
        Binding("g", "suggest", "Suggest", show=False, id="plan.suggest",
                tooltip="The least-cost split under the target and other limits"),
        Binding("h", "headroom", "Headroom", show=False, id="element.headroom",
                tooltip="What each source can deliver of the selected element, per quarter"),
    ]  # fmt: skip

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown_element: str | None = None
        self._binding_state: tuple[object, ...] = ()
        self._max_shares: tuple[tuple[object, ...], dict[tuple[str, str], float]] | None = None
        self.colours = DEFAULT
        """The theme's palette, kept here so that a key press does not derive it."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="body"):
            # docked at the top of the body, or on its right on a wide terminal
            with Vertical(id="side"):
                yield HeadlinePanel(id="headline")
                # a wide, tall terminal has room under the headline for the whole
                # portfolio's China exposure per quarter (the chart's own is per element)
                yield QuarterChart(id="portfolio")
            yield ElementTable(self.session.dataset.source_ids, id="elements")
            with Horizontal(id="detail"):
                yield QuarterChart(id="chart")
                yield ElementInfo(id="info")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.repaint()
        self.query_one(ElementTable).focus()
        follow_theme(self, self._recolour)

    def _recolour(self, colours: Palette) -> None:
        """The element pane's text carries the theme's colours: redraw it on a new theme."""
        if colours != self.colours:
            self.colours = colours
            self.show_element(force=True)

    # --- painting --------------------------------------------------------------------

    def repaint(self) -> None:
        """Bring every widget up to the session's current plan and figures."""
        session = self.session
        evaluation, plan = session.evaluation, session.plan
        self.refresh_bindings_if_changed()
        table = self.query_one(ElementTable)
        china_shares = all_china_shares(session.dataset, evaluation.start, evaluation.end)
        table.show(
            element_rows(
                evaluation, plan, session.dataset.source_ids, self.max_shares(), china_shares
            ),
            target_fraction(plan.target_china_exposure),
        )
        self.query_one(HeadlinePanel).show(headline(evaluation, plan))
        self.show_element(force=True)
        self.show_portfolio()
        self.update_title()

    def max_shares(self) -> dict[tuple[str, str], float]:
        """What each source can carry of each element throughout the horizon; computed
        once per dataset and horizon, since no edit of a split changes it."""
        from tui.suggest.headroom import max_shares
        from tui.suggest.market import build_market

        session = self.session
        key = (id(session.dataset), session.evaluation.start, session.evaluation.end)
        if self._max_shares is None or self._max_shares[0] != key:
            market = build_market(session.dataset, key[1], key[2])
            self._max_shares = (key, max_shares(market))
        return self._max_shares[1]

    def action_headroom(self) -> None:
        """Each source's capacity, price and China share for the selected element."""
        from tui.app.screens.headroom import HeadroomScreen
        from tui.suggest.headroom import element_headroom

        element = self.query_one(ElementTable).element
        if element is None:
            return
        session = self.session
        evaluation = session.evaluation
        sources = element_headroom(session.dataset, evaluation.start, evaluation.end, element)
        self.app.push_screen(HeadroomScreen(element, sources, session.plan.base_split(element)))

    def refresh_bindings_if_changed(self) -> None:
        """The footer re-composes on every refresh: only ask when a greyed key changes."""
        session = self.session
        state = (
            session.history.can_undo,
            session.history.can_redo,
            session.dirty,
            session.path,
            bool(session.plan.stress),
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def show_element(self, *, force: bool = False) -> None:
        table = self.query_one(ElementTable)
        element = table.element
        if element is None or (element == self._shown_element and not force):
            return
        self._shown_element = element
        session = self.session
        evaluation = session.evaluation
        index = min(self.case_index, len(evaluation.cases) - 1)
        data = quarters(evaluation, element, index)
        label = shown(f"{element} · {'base case' if index == 0 else data.case}")
        chart = self.query_one("#chart", QuarterChart)
        chart.show(data, label)
        if self.portfolio_chart:
            chart.show_exposure(
                portfolio_exposure(evaluation, session.dataset, session.plan, index)
            )
        info = next(e for e in session.dataset.elements if e.symbol == element)
        case = evaluation.cases[index]  # the pane tells the figures of the chart's case
        figures = case.element(element)
        sources = session.dataset.source_ids
        text = describe_element(
            info,
            session.plan,
            sources,
            figures,
            evaluation.warnings,
            case=None if index == 0 else case.case,
            horizon=f"{evaluation.start}–{evaluation.end}",
            china_shares=source_china_shares(
                session.dataset, element, evaluation.start, evaluation.end
            ),
            colours=self.colours,
        )
        self.query_one(ElementInfo).show(text)

    def show_portfolio(self) -> None:
        """The side panel's portfolio chart, when the layout shows it (drawn after the
        frame of the key press, which it would only delay)."""
        if self.has_class("-wide") and self.has_class("-tall"):  # app.tcss shows it then
            self.call_after_refresh(
                self._draw_portfolio, self.query_one("#portfolio", QuarterChart)
            )

    def _draw_portfolio(self, chart: QuarterChart) -> None:
        session = self.session
        evaluation = session.evaluation
        chart.show_exposure(portfolio_exposure(evaluation, session.dataset, session.plan, 0))

    def update_title(self) -> None:
        session = self.session
        mark = "● " if session.dirty else ""
        status = " — unsaved changes" if session.dirty else ""
        title, sub_title = f"{mark}{shown(session.plan.name)}", f"{shown(session.location)}{status}"
        self.query_one(TitleBar).show_title(title, sub_title)

    @on(ElementTable.Moved)
    def _cell_moved(self) -> None:
        self.show_element()

    @on(ElementTable.Activated)
    def _cell_activated(self) -> None:
        """Enter or a click on the selected cell opens the editor, as users expect."""
        self.action_edit_element()

    def on_resize(self) -> None:
        # Screen's own handler sets the breakpoint classes after this one runs
        self.call_next(self._fit_to_breakpoints)

    def _fit_to_breakpoints(self) -> None:
        """Fit the text drawn in Python to the breakpoint classes Textual has set."""
        wide = self.has_class("-wide")
        # short: every element row fits at 80×24, for a band of one stress line and a
        # chart of three bar rows (a wide screen has the headline on its side instead)
        short = self.has_class("-short") and not wide
        # below 100 columns the footer packs tighter and the palette's own key (ctrl+p,
        # named in the help) gives its room, so that ? Help and q Quit still show
        footer = self.query_one(KeysFooter)
        footer.compact = self.has_class("-narrow")
        footer.show_command_palette = not footer.compact
        self.query_one(HeadlinePanel).set_wide(wide)
        self.query_one(HeadlinePanel).set_stress_lines(1 if short else 2)
        self.show_portfolio()

    # --- editing ---------------------------------------------------------------------

    def apply(
        self,
        plan: Plan,
        label: str,
        element: str | None = None,
        *,
        group: Hashable | None = None,
    ) -> None:
        """Record an edit, recalculate, repaint (the one path every change takes)."""
        self.session.apply(plan, label, element, group=group)
        self.repaint()

    def action_move(self, delta: int) -> None:
        table = self.query_one(ElementTable)
        element, source = table.element, table.source
        if element is None:
            return
        plan = self.session.plan
        before = plan.base_split(element)
        after = move_share(before, source, delta, self.session.dataset.source_ids)
        unchanged = before is not None and after.shares == dict(before.shares)
        if unchanged or not after.is_complete():  # at a bound, or nothing to take from
            self.app.bell()
            return
        label = f"{element}: {source} share → {share_text(after.share(source))}%"
        # steps on one cell in quick succession undo as one (see History.push)
        group = ("move", element, source)
        self.apply(edits.set_split(plan, element, after), label, element, group=group)

    def action_edit_element(self) -> None:
        from tui.app.screens.element_form import ElementForm

        element = self.query_one(ElementTable).element
        if element is None:
            return
        session = self.session
        focus = self.query_one(ElementTable).source
        form = ElementForm(session.plan, session.dataset, element, focus)
        self._edit_with(form, f"{element}: edit", element)

    def action_edit_schedule(self) -> None:
        from tui.app.screens.schedule_form import ScheduleForm

        element = self.query_one(ElementTable).element
        if element is None:
            return
        session = self.session
        form = ScheduleForm(session.plan, session.dataset, element, session.evaluation.periods)
        self._edit_with(form, f"{element}: schedule", element)

    def action_edit_plan(self) -> None:
        from tui.app.screens.plan_form import PlanForm  # on demand

        session = self.session
        horizon = session.engine.horizon(session.plan)
        self._edit_with(PlanForm(session.plan, horizon, session.dataset), "plan details")

    def _edit_with(self, form: Screen[Plan | None], label: str, element: str | None = None) -> None:
        """Show a form; the plan it returns (None when cancelled) becomes one edit."""

        def done(result: Plan | None) -> None:
            if result is not None:
                self.apply(result, label, element)

        self.app.push_screen(form, done)

    def action_suggest(self) -> None:
        from tui.app.screens.suggest import SuggestScreen

        self._edit_with(SuggestScreen(self.session), "suggested split")

    def action_stress(self) -> None:
        from tui.app.screens.stress import StressScreen

        self.app.push_screen(StressScreen(self.session))

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is not None:
            self.repaint()
            self.notify(f"Undone: {change.label}", timeout=2)

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is not None:
            self.repaint()
            self.notify(f"Redone: {change.label}", timeout=2)

    def action_toggle_portfolio(self) -> None:
        self.portfolio_chart = not self.portfolio_chart

    def action_next_case(self) -> None:
        cases = len(self.session.evaluation.cases)
        self.case_index = (self.case_index + 1) % cases if cases else 0

    def watch_case_index(self) -> None:
        self.show_element(force=True)

    def watch_portfolio_chart(self) -> None:
        self.show_element(force=True)

    def jump_to(self, element: str) -> None:
        """Select ``element`` on its first source: a jump lands on a fresh row, and a
        column kept from the row before (recycling, say) made the next ``]`` move share
        into a source the planner was not looking at."""
        table = self.query_one(ElementTable)
        table.select(element, table.sources[0] if table.sources else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return True if self.session.history.can_undo else None
        if action == "redo":
            return True if self.session.history.can_redo else None
        if action == "next_case":
            return True if len(self.session.plan.stress) else None
        return True
