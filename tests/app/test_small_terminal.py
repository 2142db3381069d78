"""At 80×24 the essentials fit: every element row, every stress-case column."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tests.app.hostile import screen_text
from tui.app.screens.stress import StressScreen
from tui.app.widgets.element_table import ElementTable


async def test_every_element_row_fits_at_80x24(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await settle(pilot)
        table = app.screen.query_one(ElementTable)
        assert table.region.height >= len(app.session.dataset.elements) + 1
        shown = screen_text(app)
        for element in app.session.dataset.element_ids:
            assert f" {element} " in shown, element
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, StressScreen)
        header = next(line for line in screen_text(app).splitlines() if "Case" in line)
        assert "Sev%" in header and "Elements" in header


async def test_the_footer_keeps_help_and_quit_at_80_columns(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Help" in footer and "Quit" in footer and "Share" in footer
