"""The replan app: opens a plan, keeps the session, and runs the file flows.

Screens draw and edit; the app owns what spans screens — which plan is open, and the
flows that ask questions on the way (save → conflict → reload/overwrite/save as; quit
or open → unsaved changes → save/discard). Those flows are async workers so that each
question is an ``await`` and the code reads in the order the user experiences it.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from tui.app.comments import file_has_comments
from tui.app.loading import load_session
from tui.app.messages import SessionChanged
from tui.app.picks import BrowserChoice, Compare, NewPlan, OpenFile, OpenVersion, Pick
from tui.app.plain import shown
from tui.app.screens.dialogs import (
    ChoiceDialog,
    ErrorDialog,
    PathDialog,
    SaveAsDialog,
    confirm_discard,
    conflict_dialog,
)
from tui.app.screens.main import MainScreen
from tui.app.screens.welcome import WelcomeScreen
from tui.domain.errors import (
    ReplanError,
    SaveConflict,
    SaveError,
    SaveReadOnly,
    SaveThroughLink,
)
from tui.session.session import Session, display_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.app.exporting import ExportJob
    from tui.domain.errors import Problem


def _palette() -> type:
    """The palette's provider, imported when the palette first opens (not at launch)."""
    from tui.app.commands import ReplanCommands

    return ReplanCommands


class ReplanApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "replan"
    COMMANDS = App.COMMANDS | {_palette}
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Save", id="plan.save", tooltip="Save the plan to its file"),
        Binding("ctrl+o", "open", "Open", id="plan.open",
                tooltip="Browse the plans folder: figures of each plan, errors of broken ones"),
        Binding("S", "save_as", "Save as", show=False, id="plan.save_as",
                tooltip="Save the plan under another file name"),
        Binding("ctrl+n", "new", "New", show=False, id="plan.new",
                tooltip="Start a new plan on the reference data"),
        Binding("ctrl+e", "export", "Export", show=False, id="plan.export",
                tooltip="Export the plan (in compare: the plans compared) to an Excel "
                        "workbook beside the plan file"),
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Keys and a short guide"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (asks about unsaved changes)"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.force_quit",
                tooltip="Quit from anywhere"),
    ]  # fmt: skip

    def __init__(
        self,
        plan_path: Path | None = None,
        data_dir: Path | None = None,
        *,
        preloaded: Future[Session] | None = None,
    ) -> None:
        super().__init__()
        self.plan_path = plan_path
        self.data_dir = data_dir
        self.preloaded = preloaded
        self.session: Session | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Toasts show their text literally: messages carry plan names, paths and labels.

        Textual reads a toast's message as markup by default; here it never is (callers'
        ``markup`` is ignored), and control characters are shown escaped.
        """
        super().notify(
            shown(message, keep_newlines=True),
            title=shown(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # --- launch ----------------------------------------------------------------------

    async def on_mount(self) -> None:
        try:
            if self.preloaded is not None:
                session = await asyncio.wrap_future(self.preloaded)
            else:
                session = await asyncio.to_thread(load_session, self.plan_path, self.data_dir)
        except ReplanError as error:
            self._show_failure(error.problems, self.plan_path)
            return
        except Exception as error:
            self._show_failure([f"{type(error).__name__}: {error}"], self.plan_path)
            return
        self.install(session)

    def _show_failure(self, problems: Sequence[Problem | str], path: Path | None) -> None:
        what = display_path(path) if path is not None else "the default plan"
        self.push_screen(WelcomeScreen(f"Could not open {what}", problems))
        self.push_screen(ErrorDialog(f"Could not open {what}", problems))

    def install(self, session: Session) -> None:
        """Make ``session`` the open plan, replacing whatever screen showed before."""
        self.session = session
        screen = MainScreen(session)
        if isinstance(self.screen, MainScreen | WelcomeScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        warnings = session.evaluation.warnings
        if warnings:
            more = (
                f"\n(+{len(warnings) - 3} more: see each element's panel)"
                if len(warnings) > 3
                else ""
            )
            self.notify(
                "\n".join(map(str, warnings[:3])) + more,
                title="Warnings",
                severity="warning",
                timeout=8,
            )

    @on(SessionChanged)
    def _session_changed(self) -> None:
        """A dialog changed the plan: the main screen beneath it repaints."""
        if self.main is not None:
            self.main.repaint()

    @property
    def main(self) -> MainScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    @property
    def plans_folder(self) -> Path:
        """Where plans live: the open plan's folder, else ./plans (or . without one)."""
        if self.session is not None and self.session.path is not None:
            return self.session.path.parent
        return Path("plans") if Path("plans").is_dir() else Path(".")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (
            action in {"save", "save_as", "compare", "compare_saved", "compare_committed"}
            and self.session is None
        ):
            return False  # nothing open: hide them
        if action == "save" and self.session is not None:
            return True if self.session.dirty or self.session.path is None else None
        return True

    # --- files -----------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a plan file in place of the current one; errors become a dialog."""
        try:
            session = Session.open(path, self.data_dir)
        except ReplanError as error:
            self.push_screen(ErrorDialog(f"Could not open {display_path(path)}", error.problems))
            return False
        except Exception as error:
            self.push_screen(ErrorDialog(f"Could not open {display_path(path)}", [repr(error)]))
            return False
        self.install(session)
        self.notify(f"Opened {display_path(path)}", timeout=3)
        return True

    def action_save(self) -> None:
        self.run_worker(self.save_flow(), exclusive=True, group="save")

    def action_save_as(self) -> None:
        self.run_worker(self.save_flow(ask=True), exclusive=True, group="save")

    async def save_flow(self, *, ask: bool = False) -> bool:
        """Save, asking for a name when needed and settling conflicts. True when saved."""
        session = self.session
        if session is None:
            return False
        path = session.path
        title = "Save plan as"
        asked = ask or path is None
        if asked:
            suggestion = display_path(self.plans_folder / _slug(session.plan.name))
            dialog = SaveAsDialog(title, suggestion, session.plan.name, _slug)
            path = await self.push_screen_wait(dialog)
            if path is None:
                return False
            if dialog.plan_name != session.plan.name:  # one undo step, then the save
                renamed = dataclasses.replace(session.plan, name=dialog.plan_name)
                if self.main is not None:
                    self.main.apply(renamed, "rename the plan")
                else:
                    session.apply(renamed, "rename the plan")
        force = read_only_ok = link_ok = comments_ok = False
        while True:
            assert path is not None
            dropped_comments = file_has_comments(path)  # the file the save replaces
            # asked once the write is sure: a changed file goes to the conflict dialog first
            if dropped_comments and not comments_ok and (force or _unchanged(session, path)):
                if await self.push_screen_wait(_comments_dialog(path)) != "save":
                    self.notify("Not saved. Your edits are kept.", timeout=4)
                    return False
                comments_ok = True
            try:
                saved = session.save(
                    path, force=force, replace_read_only=read_only_ok, through_link=link_ok
                )
            except (SaveReadOnly, SaveThroughLink) as error:
                answer = await self.push_screen_wait(_unexpected_place_dialog(error))
                if answer == "overwrite":
                    read_only_ok = read_only_ok or isinstance(error, SaveReadOnly)
                    link_ok = link_ok or isinstance(error, SaveThroughLink)
                    continue
                if answer == "save_as":
                    title, asked = "Save your version as", True
                    suggestion = display_path(path.with_name(path.stem + "-mine.toml"))
                    path = await self.push_screen_wait(PathDialog(title, suggestion))
                    if path is None:
                        return False
                    force = read_only_ok = link_ok = False
                    continue
                self.notify("Not saved. Your edits are kept.", timeout=4)
                return False
            except SaveConflict:
                answer = await self._settle_conflict(session, path)
                if answer == "overwrite":
                    force = True
                    continue
                if answer == "save_as":
                    title, asked = "Save your version as", True
                    suggestion = display_path(path.with_name(path.stem + "-mine.toml"))
                    path = await self.push_screen_wait(PathDialog(title, suggestion))
                    if path is None:
                        return False
                    force = False
                    continue
                return False
            except SaveError as error:
                reason = "\n".join(p.message for p in error.problems)
                if asked:  # the name was typed: ask again with it, and say why
                    path = await self.push_screen_wait(
                        PathDialog(title, display_path(path), f"Not saved: {reason}")
                    )
                    if path is None:
                        self.notify("Not saved. Your edits are kept.", timeout=4)
                        return False
                    force = False
                    continue
                self.notify(
                    reason + "\nYour edits are kept.",
                    title=f"Not saved — {display_path(path)}",
                    severity="error",
                    timeout=10,
                )
                return False
            except ValueError as error:
                self.notify(str(error), severity="error")
                return False
            break
        dropped = " (its # comments were dropped)" if dropped_comments else ""
        self.notify(f"Plan saved — {display_path(saved)}{dropped}", timeout=4)
        if self.main is not None:
            self.main.update_title()
            self.main.refresh_bindings()
        return True

    async def _settle_conflict(self, session: Session, path: Path) -> str | None:
        """Someone else's file is in the way: reload, overwrite, save as, or cancel."""
        own_file = session.path is not None and path.resolve() == session.path.resolve()
        if not own_file:
            dialog = ChoiceDialog(
                "The file exists",
                f"{display_path(path)} already exists. Overwrite it with this plan?",
                [("overwrite", "Overwrite", "error"), ("save_as", "Save as…", "primary"),
                 ("cancel", "Cancel", "default")],
                default="cancel",
            )  # fmt: skip
            return await self.push_screen_wait(dialog)
        answer = await self.push_screen_wait(conflict_dialog(display_path(path)))
        if answer == "merge":
            from tui.app.merging import merge_with_disk

            await merge_with_disk(self, session)
            return None
        if answer == "reload":
            try:
                reloaded = session.reload()
            except ReplanError as error:
                self.push_screen(ErrorDialog("Could not reload", error.problems))
                return None
            if reloaded is session and self.main is not None:
                self.main.repaint()  # one more undo step: ctrl+z brings the edits back
                self.notify(
                    f"Reloaded {display_path(path)} — ctrl+z brings your edits back", timeout=8
                )
            else:
                self.install(reloaded)
                self.notify(f"Reloaded {display_path(path)} — your edits were dropped", timeout=8)
            return None
        return answer

    async def confirm_leave(self, doing: str) -> bool:
        """With unsaved changes, ask: save (then go on), discard (go on) or cancel."""
        session = self.session
        if session is None or not session.dirty:
            return True
        answer = await self.push_screen_wait(confirm_discard(session.plan.name, doing))
        if answer == "save":
            return await self.save_flow()
        return answer == "discard"

    def action_open(self) -> None:
        self.run_worker(self._open_flow(), exclusive=True, group="files")

    async def _open_flow(self) -> None:
        from tui.app.screens.browser import PlanBrowser

        if not await self.confirm_leave("open another plan"):
            return
        choice = await self.push_screen_wait(PlanBrowser(self.plans_folder, self.data_dir))
        if choice is not None:
            self.browser_choice(choice)

    def browser_choice(self, choice: BrowserChoice) -> None:
        match choice:
            case OpenFile(path):
                self.open_path(path)
            case NewPlan():
                self.install(Session.new(self.data_dir))
            case Compare(picks):
                self.show_compare(picks)

    def action_new(self) -> None:
        self.run_worker(self._new_flow(), exclusive=True, group="files")

    async def _new_flow(self) -> None:
        if not await self.confirm_leave("start a new plan"):
            return
        try:
            self.install(Session.new(self.data_dir))
        except ReplanError as error:
            self.push_screen(ErrorDialog("Could not start a new plan", error.problems))
            return
        self.notify("New plan on the reference data", timeout=3)

    def action_export(self) -> None:
        from tui.app.exporting import export_job

        job = export_job(self.session, getattr(self.screen, "columns", None), self.plans_folder)
        if job is None:
            self.notify("No plan is open to export", severity="warning")
            return
        self.run_worker(partial(self._export, job), thread=True, group="export")

    def _export(self, job: ExportJob) -> None:
        try:
            path = job.run()
        except (ReplanError, OSError) as error:
            message = f"Could not export: {error}"
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        message = f"Exported to {display_path(path)}"
        self.call_from_thread(self.notify, message, timeout=6, markup=False)

    # --- compare, help, quit -----------------------------------------------------------

    def action_compare(self) -> None:
        from tui.app.screens.browser import PlanBrowser

        def done(choice: BrowserChoice | None) -> None:
            if choice is not None:
                self.browser_choice(choice)

        self.push_screen(PlanBrowser(self.plans_folder, self.data_dir, compare=True), done)

    def action_compare_saved(self) -> None:
        """The open plan against the version on disk."""
        session = self.session
        if session is None or session.saved_plan is None:
            self.notify("This plan has no saved version yet", severity="warning")
            return
        self.show_compare((OpenVersion.SAVED, OpenVersion.CURRENT))

    def action_compare_committed(self) -> None:
        """The open plan against its last committed version in git."""
        self.show_compare((OpenVersion.COMMITTED, OpenVersion.CURRENT))

    def show_compare(self, picks: Sequence[Pick]) -> None:
        from tui.app.screens.compare import CompareScreen, compare_items

        try:
            columns = compare_items(self.session, self.data_dir, picks)
        except ReplanError as error:
            self.push_screen(ErrorDialog("Could not compare", error.problems))
            return
        if len(columns) < 2:
            self.notify("Pick at least two plans to compare", severity="warning")
            return
        self.push_screen(CompareScreen(columns))

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            sections = [
                # every main-screen binding is a Binding (no tuples)
                ("Plan", cast("list[Binding]", list(MainScreen.BINDINGS))),
                ("Files and app", [b for b in self.BINDINGS if isinstance(b, Binding)]),
            ]
            self.push_screen(HelpScreen(sections))

    def action_quit(self) -> None:  # type: ignore[override]  # App's is async; this starts a worker
        self.run_worker(self._quit_flow(), exclusive=True, group="files")

    async def _quit_flow(self) -> None:
        if await self.confirm_leave("quit"):
            self.exit(0)

    def jump_to(self, element: str) -> None:
        if self.main is not None:
            while self.screen is not self.main:
                self.pop_screen()
            self.main.jump_to(element)


def _unchanged(session: Session, path: Path) -> bool:
    """Is ``path`` the session's own file, as it was loaded or last saved?"""
    from tui.planfile.reader import digest_of

    if session.path is None or session.digest is None:
        return False
    try:
        same = path.resolve() == session.path.resolve()
        return same and digest_of(path.read_bytes()) == session.digest
    except OSError:
        return False


def _comments_dialog(path: Path) -> ChoiceDialog:
    """Asked before the save: the file's comments will not survive it."""
    return ChoiceDialog(
        "Saving drops the file's comments",
        f"{display_path(path)} has comments (#). replan writes plans in its own layout and "
        "does not keep them.\nKeep notes in the plan's description (p) or in the "
        "elements' notes (e). Save anyway?",
        [("save", "Save anyway", "warning"), ("cancel", "Cancel", "default")],
        default="cancel",
    )


def _unexpected_place_dialog(error: SaveReadOnly | SaveThroughLink) -> ChoiceDialog:
    """A read-only file, or a link out of the folder: write anyway, save as, or cancel."""
    shown_path = display_path(error.path)
    if isinstance(error, SaveReadOnly):
        title = "The file is read-only"
        message = (
            f"{shown_path} is read-only: someone may have locked it on purpose.\n"
            "Overwrite it anyway (it stays read-only), or save your version under "
            "another name?"
        )
        write = "Overwrite"
    else:
        title = "The name is a link"
        message = (
            f"{shown_path} is a link to {error.target}, {error.reason}.\n"
            "Write there anyway, or save under another name?"
        )
        write = "Write there"
    return ChoiceDialog(
        title,
        message,
        [("overwrite", write, "error"), ("save_as", "Save as…", "primary"),
         ("cancel", "Cancel", "default")],
        default="cancel",
    )  # fmt: skip


SLUG_MAX = 32
"""Characters of a file name made from a plan name (before ``.toml``)."""


def _slug(name: str) -> str:
    """A file name from a plan name: ``Heavy REEs via Lynas`` → ``heavy-rees-via-lynas.toml``.

    Whole words up to SLUG_MAX characters: a long name makes a short file name
    (``japan-2025-lynas-for-light.toml``), not a sentence.
    """
    words = "".join(c.lower() if c.isalnum() else " " for c in name).split()
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > SLUG_MAX:
            break
        kept.append(word[:SLUG_MAX])
    return ("-".join(kept) or "plan") + ".toml"
