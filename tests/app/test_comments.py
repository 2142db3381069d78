"""Saving warns when it replaces a plan file that had comments (the writer keeps none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app, ready, settle
from tui.app.comments import file_has_comments, has_comments
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.widgets.element_table import ElementTable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# a note\nformat = 1\n", True),
        ('format = 1  # trailing\nname = "x"\n', True),
        ('name = "Plan #2"\n', False),
        ("name = 'Plan #2'\n", False),
        ('description = """\n# not a comment\n"""\n', False),
        ("description = '''\n# not a comment\n'''\n", False),
        ('name = "say \\"#1\\""\n', False),
        ('name = "say \\"#1\\"" # but this is\n', True),
        ("format = 1\nname = 'x'\n", False),
    ],
)
def test_has_comments(text: str, expected: bool) -> None:
    assert has_comments(text) is expected


def test_a_missing_file_has_no_comments(tmp_path: Path) -> None:
    assert not file_has_comments(tmp_path / "none.toml")


async def test_saving_over_comments_asks_first_and_cancel_keeps_them(workdir: Path) -> None:
    path = Path("plans/baseline.toml")
    path.write_text("# agreed with procurement, 2026-01\n" + path.read_text())
    before = path.read_text()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "comments" in app.screen.title_text
        assert path.read_text() == before  # nothing written while the question is open
        await pilot.press("enter")  # the safe answer: cancel
        await settle(pilot)
        assert path.read_text() == before and app.session.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")  # save anyway
        await settle(pilot)
        assert "#" not in path.read_text() and not app.session.dirty
        await pilot.press("plus", "ctrl+s")  # the file has no comments now: no question
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert not app.session.dirty
