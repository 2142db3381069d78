"""After ``v`` the element pane tells the figures of the case the chart shows."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tui.app.widgets.element_info import ElementInfo
from tui.app.widgets.element_table import ElementTable
from tui.present.numbers import tonnes


def _pane(app) -> str:
    return str(app.screen.query_one(ElementInfo).render())


async def test_the_pane_follows_the_chart_case(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await settle(pilot)
        evaluation = app.session.evaluation
        base = evaluation.base.element("Dy")
        stress = evaluation.cases[1].element("Dy")
        assert stress["stockpile_drawn_t"] != base["stockpile_drawn_t"]
        assert "In stress case" not in _pane(app)
        await pilot.press("v")
        await settle(pilot)
        pane = _pane(app)
        assert "In stress case China embargo, 2 months" in pane
        assert f"{tonnes(stress['stockpile_drawn_t'])} t drawn" in pane
        await pilot.press("v")
        await settle(pilot)
        assert "In stress case" not in _pane(app)
