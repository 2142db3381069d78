"""The app asks before it replaces a read-only plan or writes through a link."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from tests.app.conftest import make_app, ready, settle
from tests.app.hostile import flat
from tui.app.screens.dialogs import ChoiceDialog, PathDialog
from tui.app.screens.main import MainScreen
from tui.planfile import load_plan


async def test_saving_a_read_only_plan_asks_and_cancel_keeps_the_file(workdir: Path) -> None:
    path = Path("plans/baseline.toml")
    os.chmod(path, 0o444)
    before = path.read_bytes()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right", "plus", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "read-only" in flat(app)
        await pilot.press("enter")  # the safe answer: cancel
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
        assert path.read_bytes() == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")  # overwrite, deliberately
        await settle(pilot)
        assert not app.session.dirty
        assert path.read_bytes() != before


async def test_save_as_onto_a_dangling_link_asks(workdir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    Path("plans/link.toml").symlink_to(outside / "ghost.toml")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one(Input).value = "plans/link.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "does not exist" in flat(app)
        await pilot.press("c")
        await settle(pilot)
        assert not (outside / "ghost.toml").exists()
        await pilot.press("S")
        await settle(pilot)
        app.screen.query_one(Input).value = "plans/link.toml"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")  # write there, deliberately
        await settle(pilot)
        assert load_plan(outside / "ghost.toml").plan.name == "Baseline 2026"
