"""Snapshot tests: each screen at a fixed terminal size, compared with an approved SVG.

Regenerate after an intended change with ``pytest tests/app/test_snapshots.py
--snapshot-update`` and look at the SVGs (``__snapshots__/``) before committing them.
Input cursors are frozen (no blink) so that the pictures are stable.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import make_app, ready, settle
from tui.app.widgets.element_table import ElementTable


async def freeze(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def on_dy(pilot: Pilot) -> None:
    await ready(pilot)
    pilot.app.screen.query_one(ElementTable).select("Dy", "lynas")
    await pilot.pause()


class TestMainScreen:
    def test_main_80x24(self, workdir: Path, snap_compare) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=on_dy)

    def test_main_wide(self, workdir: Path, snap_compare) -> None:
        assert snap_compare(make_app(), terminal_size=(140, 40), run_before=on_dy)

    def test_main_after_edit(self, workdir: Path, snap_compare) -> None:
        async def edit(pilot: Pilot) -> None:
            await on_dy(pilot)
            await pilot.press("right_square_bracket", "right_square_bracket", "v")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(100, 30), run_before=edit)

    def test_malformed_plan(self, workdir: Path, snap_compare) -> None:
        async def launch(pilot: Pilot) -> None:
            await ready(pilot)
            await settle(pilot)

        app = make_app("plans/broken.toml")
        assert snap_compare(app, terminal_size=(100, 30), run_before=launch)


class TestEditors:
    def test_element_form(self, workdir: Path, snap_compare) -> None:
        async def open_form(pilot: Pilot) -> None:
            await on_dy(pilot)
            await pilot.press("e")
            await pilot.pause()
            await pilot.press(*"40")
            await freeze(pilot)

        assert snap_compare(make_app(), terminal_size=(100, 30), run_before=open_form)

    def test_stress_cases(self, workdir: Path, snap_compare) -> None:
        async def open_list(pilot: Pilot) -> None:
            await ready(pilot)
            await pilot.press("x", "down")  # the embargo: its detail under the list
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(120, 30), run_before=open_list)


class TestFiles:
    def test_browser(self, workdir: Path, snap_compare) -> None:
        async def browse(pilot: Pilot) -> None:
            await ready(pilot)
            await pilot.press("ctrl+o")
            await settle(pilot)
            await freeze(pilot)

        assert snap_compare(make_app(), terminal_size=(120, 24), run_before=browse)

    def test_compare(self, workdir: Path, snap_compare) -> None:
        async def compare(pilot: Pilot) -> None:
            await ready(pilot)
            await pilot.press("c")
            await settle(pilot)
            await pilot.press("space", "down", "down", "space", "c")  # the open plan, then one
            await settle(pilot)

        assert snap_compare(make_app(), terminal_size=(120, 36), run_before=compare)


class TestHelp:
    def test_help(self, workdir: Path, snap_compare) -> None:
        async def help_screen(pilot: Pilot) -> None:
            await ready(pilot)
            await pilot.press("question_mark")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(100, 40), run_before=help_screen)
