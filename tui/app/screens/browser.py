"""The plans folder: each plan's name, author, modified time and headline figures.

Files are listed at once and their figures filled in by a background thread, one plan
at a time, so a folder of many plans opens instantly. Malformed files stay in the list,
in red, with their first problem. Space marks plans for comparison; in compare mode the
open plan (and its saved version, when it has unsaved edits) are offered first.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from tui.app.browse import PlanSummary, modified_time, plan_files, summarize
from tui.app.palette import palette
from tui.app.picks import BrowserChoice, Compare, NewPlan, OpenFile, OpenVersion, Pick
from tui.app.plain import plain, shown
from tui.app.widgets.footer import KeysFooter
from tui.app.widgets.title_bar import TitleBar
from tui.domain.plan import Plan
from tui.engine import Evaluation
from tui.present.numbers import percent, tidy, tonnes, usd
from tui.present.target import above_target, target_fraction
from tui.session.session import display_path

CURRENT, SAVED = OpenVersion.CURRENT.value, OpenVersion.SAVED.value  # row keys


class PlanBrowser(Screen[BrowserChoice | None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Back", id="browser.back"),
        Binding("space", "mark", "Mark", id="browser.mark"),
        Binding("c", "compare", "Compare marked", id="browser.compare"),
        Binding("n", "new", "New plan", id="browser.new"),
        Binding("r", "rescan", "Rescan", show=False, id="browser.rescan"),
    ]

    def __init__(self, folder: Path, data_dir: Path | None, *, compare: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.data_dir = data_dir
        self.compare_mode = compare
        self.summaries: dict[str, PlanSummary] = {}
        self.marked: list[str] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="browser-hint")
        yield Input(
            placeholder="another plan file or folder, then enter", id="browser-path", compact=True
        )
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Static("", id="browser-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Compare plans" if self.compare_mode else "Open a plan"
        self.sub_title = shown(display_path(self.folder)) + "/"
        table = self.query_one("#plans", DataTable)
        # figures before the long texts, so that they stay on screen at 80 columns
        table.add_column(" ", key="mark")
        table.add_column("File", key="file")
        # wide enough for "100.0%" before the figures arrive (cells fill in later)
        table.add_column(Text("China", justify="right"), key="china", width=len("100.0%"))
        table.add_column(Text("Gap t", justify="right"), key="gap")
        table.add_column(Text("Cost", justify="right"), key="cost")
        table.add_column("Name", key="name")
        table.add_column("Author", key="author")
        table.add_column("Modified", key="modified")
        self.rescan()
        table.focus()

    # --- listing -----------------------------------------------------------------------

    def rescan(self) -> None:
        table = self.query_one("#plans", DataTable)
        table.clear()
        self.summaries.clear()
        session = getattr(self.app, "session", None)
        self.marked = []
        if self.compare_mode and session is not None:
            # offered first with their figures, but not pre-marked: the planner picks
            label = "(open, with your edits)" if session.dirty else "(open)"
            self._add(CURRENT, " ", "", plain(f"{session.plan.name} {label}", "bold"), "")
            self._figures(CURRENT, session.evaluation, session.plan)
            if session.dirty and session.saved_plan is not None:
                name = plain(f"{session.saved_plan.name} (as saved)", "bold")
                self._add(SAVED, " ", "", name, "")
                saved = session.engine.evaluate(session.saved_plan)
                self._figures(SAVED, saved, session.saved_plan)
        files = plan_files(self.folder)
        for path in files:
            name = Text("…", style="dim")
            self._add(str(path), " ", path.name, name, _when(modified_time(path)))
        self._hint(len(files))
        self.summarize_all(files)

    def _add(self, key: str, mark: str, file: str, name: Text, modified: str) -> None:
        """A row in column order: mark, file, China, gap, cost, name, author, modified."""
        table = self.query_one("#plans", DataTable)
        table.add_row(mark, plain(file), "", "", "", name, "", modified, key=key)

    def _figures(self, key: str, evaluation: Evaluation, plan: Plan) -> None:
        """China, gap and cost of a plan that is not read from a file (the open one)."""
        bad = palette(self.app).bad
        table = self.query_one("#plans", DataTable)
        portfolio = evaluation.base.portfolio
        exposure = portfolio.china_exposure
        over = above_target(exposure, target_fraction(plan.target_china_exposure))
        gap = tidy(portfolio.gap_t) or 0.0
        china = Text(percent(exposure), bad if over else "", justify="right")
        table.update_cell(key, "china", china)
        table.update_cell(key, "gap", Text(tonnes(gap), bad if gap > 0 else "", justify="right"))
        table.update_cell(
            key, "cost", Text(usd(portfolio.cost_usd), justify="right"), update_width=True
        )

    def _hint(self, count: int) -> None:
        if self.compare_mode:
            text = "space marks plans, c or enter compares them (two or more)"
        else:
            text = "enter opens · space marks, c compares the marked plans · n starts a new plan"
        where = f"{count} plan file{'s' if count != 1 else ''} in {display_path(self.folder)}/"
        self.query_one("#browser-hint", Static).update(plain(f"{where} — {text}"))

    @work(thread=True, exclusive=True, group="summaries")
    def summarize_all(self, files: list[Path]) -> None:
        worker = get_current_worker()
        for path in files:
            if worker.is_cancelled:
                return
            summary = summarize(path, self.data_dir)
            self.app.call_from_thread(self._show, summary)

    def _show(self, summary: PlanSummary) -> None:
        bad = palette(self.app).bad
        key = str(summary.path)
        self.summaries[key] = summary
        table = self.query_one("#plans", DataTable)
        if key not in table.rows:
            return
        if summary.error is not None:
            short = summary.error if len(summary.error) <= 48 else summary.error[:47] + "…"
            table.update_cell(key, "name", plain(f"⚠ {short}", bad), update_width=True)
            for column in ("china", "gap", "cost"):
                table.update_cell(key, column, Text("—", style="dim", justify="right"))
            self._describe()
            return
        over = above_target(summary.china_exposure, summary.target)
        gap = summary.gap_t or 0.0
        table.update_cell(key, "name", plain(summary.name or ""), update_width=True)
        table.update_cell(key, "author", plain(summary.author or ""), update_width=True)
        table.update_cell(
            key,
            "china",
            Text(
                percent(summary.china_exposure),
                style=bad if over else "",
                justify="right",
            ),
        )
        table.update_cell(
            key,
            "gap",
            Text(tonnes(gap), style=bad if gap > 0 else "", justify="right"),
            update_width=True,
        )
        table.update_cell(
            key, "cost", Text(usd(summary.cost_usd), justify="right"), update_width=True
        )
        self._describe()

    def _describe(self) -> None:
        """Under the table: the highlighted plan's description, or its whole error."""
        bad = palette(self.app).bad
        key = self._highlighted()
        detail = self.query_one("#browser-detail", Static)
        summary = self.summaries.get(key or "")
        if summary is None:
            detail.update("")
        elif summary.error is not None:
            detail.update(plain(f"{summary.path}: {summary.error}", bad))
        elif summary.session is not None:
            detail.update(plain(summary.session.plan.description or "", "italic"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    # --- choosing ----------------------------------------------------------------------

    def _highlighted(self) -> str | None:
        table = self.query_one("#plans", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_mark(self) -> None:
        key = self._highlighted()
        if key is None:
            return
        table = self.query_one("#plans", DataTable)
        summary = self.summaries.get(key)
        if key not in self.marked and summary is not None and summary.error is not None:
            self.app.bell()
            self.notify("A plan with errors cannot be compared: open it to see why", timeout=3)
            return
        if key in self.marked:
            self.marked.remove(key)
            table.update_cell(key, "mark", " ")
        else:
            self.marked.append(key)
            table.update_cell(key, "mark", "✓")
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_compare(self) -> None:
        if len(self.marked) < 2:
            self.notify("Mark two or more plans with space", severity="warning", timeout=3)
            return
        self.dismiss(Compare(tuple(self._pick(key) for key in self.marked)))

    def _pick(self, key: str) -> Pick:
        if key in (CURRENT, SAVED):
            return OpenVersion(key)
        return self.summaries.get(key, Path(key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value)
        if self.compare_mode:
            if key not in self.marked:
                self.action_mark()
            self.action_compare()
        elif key not in (CURRENT, SAVED):
            self.dismiss(OpenFile(Path(key)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(event.value.strip()).expanduser()
        if path.is_dir():
            self.folder = path
            self.sub_title = shown(display_path(path)) + "/"
            self.rescan()
            self.query_one("#plans", DataTable).focus()
        elif path.is_file() and not self.compare_mode:
            self.dismiss(OpenFile(path))
        else:
            self.notify(f"No such plan or folder: {shown(event.value)}", severity="error")

    def action_new(self) -> None:
        self.dismiss(NewPlan())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new":
            return not self.compare_mode  # compare must not replace the open plan
        return True

    def action_rescan(self) -> None:
        self.rescan()

    def action_back(self) -> None:
        self.dismiss(None)


def _when(timestamp: float) -> str:
    if not timestamp:
        return "—"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
