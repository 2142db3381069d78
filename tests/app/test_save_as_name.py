"""Save as asks for the plan's name too, and proposes a short file name from it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.app.conftest import make_app, ready, settle
from tui.app.app import _slug
from tui.app.screens.dialogs import SaveAsDialog
from tui.planfile import load_plan


def test_long_names_make_short_file_names() -> None:
    name = "Japan 2025: Lynas for light and heavy, some recycling"
    assert _slug(name) == "japan-2025-lynas-for-light-and.toml"
    assert _slug("Heavy REEs via Lynas") == "heavy-rees-via-lynas.toml"
    assert _slug("   ") == "plan.toml"


async def test_save_as_renames_the_copy(workdir: Path) -> None:
    before = Path("plans/baseline.toml").read_bytes()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("S")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        assert dialog.query_one("#path", Input).value == "plans/baseline-2026.toml"
        dialog.query_one("#plan-name", Input).value = "Copy for review"
        await settle(pilot)
        assert dialog.query_one("#path", Input).value == "plans/copy-for-review.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert load_plan(Path("plans/copy-for-review.toml")).plan.name == "Copy for review"
        assert app.session.plan.name == "Copy for review" and not app.session.dirty
        assert "Copy for review" in app.screen.title
        assert Path("plans/baseline.toml").read_bytes() == before
