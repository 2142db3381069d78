"""Merging a colleague's changes on disk with the planner's unsaved edits.

The reproduction: open plans/japan-2025.toml, move Ce's Lynas share up two points; on
disk a colleague changes Nd to 43/50 and the author to "tanaka"; ctrl+s. Whatever the
planner then does — merge, or reload and undo — saving must never drop the
colleague's changes without a word.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from tests.app.conftest import REPO, make_app, ready, settle
from tui.app.app import ReplanApp
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.main import MainScreen
from tui.app.screens.merge import MergeScreen
from tui.app.widgets.element_table import ElementTable
from tui.dataset import load_dataset
from tui.domain.plan import Plan, Split
from tui.planfile import load_plan
from tui.planfile.writer import plan_to_toml

PLAN = Path("plans/japan-2025.toml")
ND_THEIRS = Split({"china": 43, "lynas": 50, "recycling": 7})


def colleague_saves(change: object = None) -> str:
    """A colleague's canonical save of the file: Nd to 43/50, author "tanaka"."""
    plan: Plan = load_plan(PLAN).plan
    theirs = replace(plan.with_split("Nd", ND_THEIRS), author="tanaka")
    if callable(change):
        theirs = change(theirs)
    dataset = load_dataset(Path("data/reference"))
    text = plan_to_toml(theirs, dataset.element_ids, dataset.source_ids)
    PLAN.write_text(text, encoding="utf-8")
    return text


def japan_app() -> ReplanApp:
    shutil.copy(REPO / "plans" / "japan-2025.toml", PLAN)
    return make_app(PLAN)


async def open_japan_and_move_ce(pilot, app) -> None:
    await ready(pilot)
    app.screen.query_one(ElementTable).select("Ce", "lynas")
    await pilot.press("plus", "plus")
    assert app.session.plan.base_split("Ce").share("lynas") == 52


async def save_and_meet_the_dialog(pilot, app) -> ChoiceDialog:
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ChoiceDialog), "saving over their changes must ask"
    assert "changed" in app.screen.title_text
    return app.screen


def assert_both_changes(plan: Plan) -> None:
    assert plan.base_split("Ce").share("lynas") == 52  # ours
    assert plan.base_split("Nd") == ND_THEIRS  # theirs
    assert plan.author == "tanaka"


async def test_reload_then_undo_then_save_does_not_drop_their_changes(workdir: Path) -> None:
    """The issue's steps: r, ctrl+z, ctrl+s used to save "Plan saved" over the colleague."""
    app = japan_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_japan_and_move_ce(pilot, app)
        theirs = colleague_saves()
        await save_and_meet_the_dialog(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.plan.base_split("Ce").share("lynas") == 52
        dialog = await save_and_meet_the_dialog(pilot, app)
        assert PLAN.read_text(encoding="utf-8") == theirs
        assert dialog.focused is not None and dialog.focused.id == "choice-merge"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert PLAN.read_text(encoding="utf-8") == theirs  # a merge writes nothing
        assert_both_changes(app.session.plan)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and not app.session.dirty
        assert_both_changes(load_plan(PLAN).plan)


async def test_merge_is_the_default_and_one_undoable_step(workdir: Path, toasts: list[str]) -> None:
    app = japan_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_japan_and_move_ce(pilot, app)
        theirs = colleague_saves()
        await save_and_meet_the_dialog(pilot, app)
        await pilot.press("enter")
        await settle(pilot)
        assert_both_changes(app.session.plan)
        assert any("From the file on disk: author, elements.Nd.split" in t for t in toasts)
        assert any("Yours, kept: elements.Ce.split" in t for t in toasts)
        assert app.session.dirty
        # undo the merge: our edits alone again, and saving them must merge again
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.plan.base_split("Nd") != ND_THEIRS
        assert app.session.plan.base_split("Ce").share("lynas") == 52
        await save_and_meet_the_dialog(pilot, app)
        assert PLAN.read_text(encoding="utf-8") == theirs
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_both_changes(load_plan(PLAN).plan)


async def test_after_a_save_undo_and_save_again_reverts_only_our_own_edit(
    workdir: Path,
) -> None:
    """Our own saved edit is ours to undo: no dialog, no merge brings it back."""
    app = japan_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_japan_and_move_ce(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert load_plan(PLAN).plan.base_split("Ce").share("lynas") == 50


async def test_conflicts_are_picked_one_by_one_and_nothing_is_written_before(
    workdir: Path,
) -> None:
    app = japan_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_japan_and_move_ce(pilot, app)
        their_ce = Split({"china": 40, "lynas": 60})
        theirs = colleague_saves(lambda plan: plan.with_split("Ce", their_ce))
        await save_and_meet_the_dialog(pilot, app)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MergeScreen)
        assert [c.path for c in screen.merge.conflicts] == ["elements.Ce.split"]
        await pilot.click("#apply")  # no side picked yet: refused
        await settle(pilot)
        assert app.screen is screen
        assert PLAN.read_text(encoding="utf-8") == theirs
        await pilot.click("#theirs-0")
        await pilot.click("#apply")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert PLAN.read_text(encoding="utf-8") == theirs
        plan = app.session.plan
        assert plan.base_split("Ce") == their_ce and plan.base_split("Nd") == ND_THEIRS
        assert not app.session.dirty  # the merge took their file whole
