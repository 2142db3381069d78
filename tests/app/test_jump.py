"""A jump to an element (palette) starts on its first source, not the last column."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tui.app.widgets.element_table import ElementTable


async def test_jump_resets_the_source_column(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.screen.query_one(ElementTable)
        table.select("Dy", "recycling")
        await settle(pilot)
        app.jump_to("Ce")
        await settle(pilot)
        assert (table.element, table.source) == ("Ce", table.sources[0])
