"""A burst of steps on one cell is one undo step; anything else keeps its own."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tui.app.widgets.element_table import ElementTable
from tui.session.history import BURST_GAP_S, History


def test_steps_of_one_group_close_together_join() -> None:
    history: History[int] = History(0)
    for i in range(1, 21):
        history.push(i, f"to {i}", "Dy", group="Dy/lynas", now=float(i) * 0.1)
    assert len(history) == 2 and history.current == 20
    history.undo()
    assert history.current == 0 and not history.can_undo


def test_a_pause_another_cell_a_save_or_an_undo_starts_a_new_step() -> None:
    history: History[int] = History(0)
    history.push(1, "a", group="x", now=0.0)
    history.push(2, "a", group="x", now=BURST_GAP_S + 1)  # after a pause
    assert len(history) == 3
    history.push(3, "b", group="y", now=BURST_GAP_S + 1.1)  # another cell
    assert len(history) == 4
    history.mark_saved()
    history.push(4, "b", group="y", now=BURST_GAP_S + 1.2)  # the saved state stays
    assert len(history) == 5 and not history.is_saved
    history.undo()
    history.push(5, "b", group="y", now=BURST_GAP_S + 1.3)  # after an undo
    assert [history.undo() is not None for _ in range(3)] == [True, True, True]
    assert history.current == 1


def test_a_burst_back_to_its_start_leaves_no_step() -> None:
    history: History[int] = History(0)
    history.push(1, "up", group="x", now=0.0)
    history.push(0, "down", group="x", now=0.5)
    assert len(history) == 1 and not history.can_undo and history.is_saved


async def test_twenty_plus_presses_undo_in_one(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press(*["plus"] * 20)
        await settle(pilot)
        assert app.session.plan.elements["Dy"].split.share("lynas") == 40
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.plan.elements["Dy"].split.share("lynas") == 20
        assert not app.session.dirty
