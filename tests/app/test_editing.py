"""Editing flows through the real app: keys and forms → new plan → new figures → file."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tui.app.screens.element_form import ElementForm
from tui.app.screens.main import MainScreen
from tui.app.screens.schedule_form import ScheduleForm
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.headline import HeadlinePanel
from tui.planfile import load_plan


def main_of(app) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def cell(main: MainScreen, element: str, column: str) -> str:
    return main.query_one(ElementTable).cell_text(element, column)


async def test_keys_move_share_recalculate_save_and_reopen(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = main_of(app)
        main.query_one(ElementTable).select("Dy", "lynas")
        before = app.session.evaluation.base.element("Dy")["china_exposure"]
        headline_before = str(main.query_one(HeadlinePanel).render())
        await pilot.press("right_square_bracket", "plus")
        await pilot.pause()
        split = app.session.plan.elements["Dy"].split
        assert split is not None and split.share("lynas") == 26
        assert sum(split.shares.values()) == 100
        assert cell(main, "Dy", "src:lynas").strip() == "26"
        after = app.session.evaluation.base.element("Dy")["china_exposure"]
        assert after < before
        assert str(main.query_one(HeadlinePanel).render()) != headline_before
        assert main.title.startswith("● ") and "unsaved" in main.sub_title
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.dirty and not main.title.startswith("●")
        assert "lynas = 26" in Path("plans/baseline.toml").read_text()
    saved = load_plan(Path("plans/baseline.toml")).plan.elements["Dy"].split
    assert saved is not None and saved.share("lynas") == 26

    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert cell(main_of(again), "Dy", "src:lynas").strip() == "26"


async def test_four_presses_move_dy_from_70_20_10_to_50_40_10(workdir: Path) -> None:
    """Issue 4: the share moves between sources — China gives, recycling keeps its 10."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = main_of(app)
        main.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press(*["right_square_bracket"] * 4)
        await pilot.pause()
        split = app.session.plan.elements["Dy"].split
        assert split is not None and split.shares == {"china": 50, "lynas": 40, "recycling": 10}
        assert [cell(main, "Dy", f"src:{s}").strip() for s in ("china", "lynas", "recycling")] == [
            "50",
            "40",
            "10",
        ]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.session.plan.elements["Dy"].split.shares == {
            "china": 55,
            "lynas": 35,
            "recycling": 10,
        }


async def test_undo_and_redo_across_edits(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = main_of(app)
        main.query_one(ElementTable).select("Tb", "recycling")
        original = app.session.plan
        await pilot.press("plus", "plus", "plus")  # a burst on one cell: one undo step
        assert app.session.plan.elements["Tb"].split.share("recycling") == 3
        main.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus")  # another cell: its own step
        assert app.session.plan.elements["Dy"].split.share("lynas") == 21
        await pilot.press("ctrl+z")
        assert app.session.plan.elements["Dy"].split.share("lynas") == 20
        assert app.session.plan.elements["Tb"].split.share("recycling") == 3
        await pilot.press("ctrl+z")
        assert app.session.plan.elements["Tb"].split.share("recycling") == 0
        assert cell(main, "Tb", "src:recycling").strip() in ("", "·")
        await pilot.press("ctrl+y")
        assert app.session.plan.elements["Tb"].split.share("recycling") == 3
        await pilot.press("ctrl+z")
        assert app.session.plan == original and not app.session.dirty
        assert not main.title.startswith("●")
        assert main.check_action("undo", ()) is None  # greyed out in the footer
        assert app.session.evaluation.base.portfolio == (
            app.session.engine.evaluate(original).base.portfolio
        )


async def test_form_sets_exact_values(workdir: Path) -> None:
    """The issue's example: Dy from 70/20/10 to 50/40/10 by typing."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = main_of(app)
        main.query_one(ElementTable).select("Dy", "china")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ElementForm)
        await pilot.press(*"50", "tab", *"40")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        split = app.session.plan.elements["Dy"].split
        assert split is not None and split.shares == {"china": 50, "lynas": 40, "recycling": 10}
        assert app.session.plan.elements["Dy"].note  # kept


async def test_form_refuses_a_split_that_does_not_add_up_and_balances(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main_of(app).query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ElementForm)  # still open: 70 + 40 + 10 ≠ 100
        assert "must be 100" in str(form.query_one("#total").render())
        await pilot.press("ctrl+b", "ctrl+s")
        await pilot.pause()
        split = app.session.plan.elements["Dy"].split
        # the excess comes off the largest other share (China), not pro rata
        assert split is not None and split.shares == {"china": 50, "lynas": 40, "recycling": 10}


async def test_stockpile_and_note_from_the_form(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main_of(app).query_one(ElementTable).select("Tb", "china")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#stockpile").value = "45"
        form.query_one("#note").value = "Lynas heavy REE plant from 2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = app.session.plan.elements["Tb"]
        assert entry.stockpile_days == 45 and entry.note == "Lynas heavy REE plant from 2027"
        assert app.session.evaluation.base.element("Tb")["stockpile_t"] > 0


async def test_schedule_form_adds_a_step(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main_of(app).query_one(ElementTable).select("Sm", "china")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleForm)
        await pilot.press("ctrl+a")
        await pilot.pause()
        rows = list(app.screen.query(".step-row"))
        assert len(rows) == 2
        rows[1].query_one(".step-from").value = "2027Q3"
        rows[1].query_one(".share-china").value = "40"
        rows[1].query_one(".share-lynas").value = "50"
        await pilot.press("ctrl+s")
        await pilot.pause()
        steps = app.session.plan.schedule("Sm")
        assert [s.start for s in steps] == ["2026Q2", "2027Q3"]
        assert steps[1].split.shares == {"china": 40, "lynas": 50, "recycling": 10}
        assert "›" in cell(main_of(app), "Sm", "src:china")


async def test_plan_details_form_changes_target_and_name(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        form.query_one("#name").value = "Stretch target"
        form.query_one("#target").value = "95"
        await pilot.press("ctrl+s")
        await pilot.pause()
        main = main_of(app)
        assert app.session.plan.name == "Stretch target"
        assert app.session.plan.target_china_exposure == 95
        assert "within target 95%" in str(main.query_one(HeadlinePanel).render())
        assert "Stretch target" in main.title


async def test_plan_details_form_refuses_a_horizon_outside_the_data(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = app.session.plan
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        form.query_one("#start").value = "2040Q1"
        form.query_one("#end").value = "2041Q4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, saying why
        error = str(form.query_one("#plan-error").render())
        assert "horizon.start" in error and "outside the dataset's quarters" in error
        form.query_one("#start").value = "2026Q1"
        form.query_one("#end").value = "2027Q4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.plan.horizon.end == "2027Q4" and app.session.plan != before


async def test_moving_share_on_an_uncovered_element(workdir: Path) -> None:
    Path("plans/bare.toml").write_text('format = 1\nname = "Bare"\ndataset = "reference"\n')
    app = make_app("plans/bare.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = main_of(app)
        assert cell(main, "Dy", "src:china").startswith("—")
        assert cell(main, "Dy", "gap") != "0"
        main.query_one(ElementTable).select("Dy", "china")
        await pilot.press("minus")  # nothing to take from: no edit, no broken split
        assert "Dy" not in app.session.plan.elements
        await pilot.press("plus")
        assert app.session.plan.elements["Dy"].split.shares == {"china": 100}
        assert cell(main, "Dy", "gap") == "0"
