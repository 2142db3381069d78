"""File flows: save conflicts, failed saves, broken plans, the browser, leaving with edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app, ready, settle
from tui.app.screens.browser import PlanBrowser
from tui.app.screens.dialogs import ChoiceDialog, ErrorDialog, PathDialog
from tui.app.screens.main import MainScreen
from tui.app.screens.welcome import WelcomeScreen
from tui.app.widgets.element_table import ElementTable
from tui.domain.errors import Problem, SaveError
from tui.planfile import load_plan, save_plan

THEIRS = "# edited by a colleague\n"


async def edit_dy_and_change_disk(pilot, app) -> str:
    """Move a point into Dy's Lynas share, then let 'someone else' change the file."""
    app.screen.query_one(ElementTable).select("Dy", "lynas")
    await pilot.press("plus")
    path = Path("plans/baseline.toml")
    theirs = THEIRS + path.read_text()
    path.write_text(theirs)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ChoiceDialog)
    assert "changed" in app.screen.title_text
    return theirs


async def test_conflict_reload_takes_their_file(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        theirs = await edit_dy_and_change_disk(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert Path("plans/baseline.toml").read_text() == theirs
        assert app.session.plan.elements["Dy"].split.share("lynas") == 20
        assert not app.session.dirty


async def test_conflict_enter_is_safe_and_keeps_both_versions(workdir: Path) -> None:
    """Enter out of habit must not drop the edits: the focused answer is Merge, which
    keeps our edits on top of their file and writes nothing."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        theirs = await edit_dy_and_change_disk(pilot, app)
        assert app.screen.focused is not None and app.screen.focused.id == "choice-merge"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
        assert app.session.plan.elements["Dy"].split.share("lynas") == 21
        assert Path("plans/baseline.toml").read_text() == theirs


async def test_conflict_reload_can_be_undone(workdir: Path, toasts: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        theirs = await edit_dy_and_change_disk(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        assert app.session.plan.elements["Dy"].split.share("lynas") == 20
        assert any("ctrl+z brings your edits back" in t for t in toasts)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.plan.elements["Dy"].split.share("lynas") == 21
        assert app.session.dirty and app.screen.title.startswith("● ")
        await pilot.press("ctrl+y")
        assert app.session.plan.elements["Dy"].split.share("lynas") == 20
        assert not app.session.dirty
        assert Path("plans/baseline.toml").read_text() == theirs


async def test_conflict_overwrite_writes_ours(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await edit_dy_and_change_disk(pilot, app)
        await pilot.press("o")
        await settle(pilot)
        # their version has a comment: overwriting it drops it, and the app says so first
        assert isinstance(app.screen, ChoiceDialog) and "comments" in app.screen.title_text
        await pilot.press("s")
        await settle(pilot)
        text = Path("plans/baseline.toml").read_text()
        assert THEIRS not in text and "lynas = 21" in text
        assert not app.session.dirty


async def test_conflict_save_as_keeps_both(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        theirs = await edit_dy_and_change_disk(pilot, app)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        assert app.screen.query_one("#path").value == "plans/baseline-mine.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert Path("plans/baseline.toml").read_text() == theirs
        mine = load_plan(Path("plans/baseline-mine.toml")).plan
        assert mine.elements["Dy"].split.share("lynas") == 21
        assert app.session.path == Path("plans/baseline-mine.toml") and not app.session.dirty
        assert "baseline-mine.toml" in app.screen.sub_title


async def test_conflict_cancel_keeps_editing(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        theirs = await edit_dy_and_change_disk(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
        assert Path("plans/baseline.toml").read_text() == theirs


def disk_full(*args: object, **kwargs: object) -> str:
    raise SaveError(Problem("plans/x.toml", "", "No space left on device"))


async def test_failed_save_says_why_and_keeps_edits(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, toasts: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus")
        monkeypatch.setattr("tui.session.session.save_plan", disk_full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("No space" in m and "edits are kept" in m for m in toasts), toasts
        assert app.session.dirty and app.session.path == Path("plans/baseline.toml")
        assert app.session.plan.elements["Dy"].split.share("lynas") == 21


@pytest.mark.parametrize("typed", ["plans/", "plans", "plans/folder.toml", "plans/folder"])
async def test_save_as_a_folder_is_refused_in_the_dialog(workdir: Path, typed: str) -> None:
    """The dialog stays open with the typed text and says why; nothing is written."""
    Path("plans/folder.toml").mkdir()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", "S")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        dialog.query_one("#path").value = typed
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and dialog.query_one("#path").value == typed
        assert "is a folder" in str(dialog.query_one("#path-error").render())
        dialog.query_one("#path").value = "plans/nowhere/x.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "does not exist" in str(dialog.query_one("#path-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
    assert not Path("plans.toml").exists() and not any(Path("plans/folder.toml").iterdir())


async def test_save_as_that_fails_asks_again_with_the_typed_name(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", "S")
        await settle(pilot)
        app.screen.query_one("#path").value = "plans/mine.toml"
        failures = [disk_full]  # the first attempt fails, the second writes

        def save_once(*args: object, **kwargs: object) -> str:
            return (failures.pop() if failures else save_plan)(*args, **kwargs)

        monkeypatch.setattr("tui.session.session.save_plan", save_once)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        assert dialog.query_one("#path").value == "plans/mine.toml"
        assert "No space left" in str(dialog.query_one("#path-error").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and not app.session.dirty
        assert load_plan(Path("plans/mine.toml")).plan.elements["Dy"].split.share("lynas") == 21


async def test_new_plan_save_asks_for_a_name(workdir: Path, toasts: list[str]) -> None:
    Path("plans/baseline.toml").unlink()
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session.path is None and "not saved" in app.screen.sub_title
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        assert app.screen.query_one("#path").value == "plans/new-plan.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert load_plan(Path("plans/new-plan.toml")).plan.name == "New plan"
        assert any("Plan saved — plans/new-plan.toml" in t for t in toasts)


async def test_malformed_plan_shows_where_and_lets_the_user_go_on(workdir: Path) -> None:
    app = make_app("plans/broken.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        text = "\n".join(app.screen.problems)
        assert "plans/broken.toml" in text and "elements.Dy.split" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.plan.name == "New plan"


async def test_missing_dataset_is_an_error_not_a_crash(workdir: Path) -> None:
    Path("plans/lost.toml").write_text('format = 1\nname = "Lost"\ndataset = "nowhere"\n')
    app = make_app("plans/lost.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "nowhere" in "\n".join(app.screen.problems)
    assert app.return_code in (None, 0)


async def test_browser_lists_plans_with_figures_and_errors_then_opens(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        browser = app.screen
        assert isinstance(browser, PlanBrowser)
        table = browser.query_one("#plans")
        keys = [str(k.value) for k in table.rows]
        assert [Path(k).name for k in keys] == ["baseline.toml", "broken.toml", "diversified.toml"]
        broken = table.get_cell(str(Path("plans/broken.toml")), "name").plain
        assert broken.startswith("⚠") and "shares sum to 90" in broken
        name = table.get_cell(str(Path("plans/diversified.toml")), "name")
        assert str(name) == "Heavy rare earths via Lynas"
        assert str(table.get_cell(str(Path("plans/diversified.toml")), "author")) == "strategy"
        assert "%" in table.get_cell(str(Path("plans/diversified.toml")), "china").plain
        assert "2026-01-01" in table.get_cell(str(Path("plans/diversified.toml")), "modified")
        table.move_cursor(row=2)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.session.path == Path("plans/diversified.toml")


async def test_browser_china_column_fits_100_percent(workdir: Path) -> None:
    Path("plans/all-china.toml").write_text(
        'format = 1\nname = "All China"\ndataset = "reference"\n'
        "[defaults]\nsplit = { china = 100 }\n"
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        table = app.screen.query_one("#plans")
        cell = table.get_cell(str(Path("plans/all-china.toml")), "china").plain
        assert cell == "100.0%"
        room = table.columns["china"].get_render_width(table) - 2 * table.cell_padding
        assert room >= len(cell)


async def test_opening_another_plan_with_edits_asks_first(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, PlanBrowser)


@pytest.mark.parametrize("key", ["q", "ctrl+o", "ctrl+n"])
async def test_enter_on_the_unsaved_changes_question_is_cancel(workdir: Path, key: str) -> None:
    """Save and Discard take a deliberate key or click; enter goes back to the plan."""
    before = Path("plans/baseline.toml").read_text()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", key)
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.focused is not None and app.screen.focused.id == "choice-cancel"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
        assert app.session.plan.elements["Dy"].split.share("lynas") == 21
        assert app.return_code is None  # still running
    assert Path("plans/baseline.toml").read_text() == before


@pytest.mark.parametrize("answer", ["discard", "save"])
async def test_quit_with_unsaved_changes_asks(workdir: Path, answer: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", "q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(answer[0])
        await settle(pilot)
    assert app.return_code == 0
    saved = load_plan(Path("plans/baseline.toml")).plan.elements["Dy"].split.share("lynas")
    assert saved == (21 if answer == "save" else 20)


def test_the_browser_counts_every_problem_of_a_capped_file(workdir: Path) -> None:
    from tui.app.browse import summarize
    from tui.domain.errors import ReplanError, problem_count
    from tui.session.session import Session

    data = workdir / "data" / "reference" / "demand.csv"
    data.write_text(data.read_text() + "".join(f"Xx,2026Q1,{i}\n" for i in range(500)))
    with pytest.raises(ReplanError) as raised:
        Session.open(Path("plans/baseline.toml"))
    total = problem_count(raised.value.problems)
    assert total >= 500 > len(raised.value.problems)  # capped, and counted beyond the cap
    summary = summarize(Path("plans/baseline.toml"), None)
    assert summary.error is not None and summary.error.endswith(f"(+{total - 1:,} more)")
