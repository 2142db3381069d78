"""Saving warns when it replaces a plan file that had comments (the writer keeps none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app, ready, settle
from tui.app.comments import file_has_comments, has_comments
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


async def test_saving_over_comments_warns_once(workdir: Path) -> None:
    path = Path("plans/baseline.toml")
    path.write_text("# agreed with procurement, 2026-01\n" + path.read_text())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus", "ctrl+s")
        await settle(pilot)
        warnings = [n for n in app._notifications if "comments" in n.message]
        assert len(warnings) == 1 and warnings[0].severity == "warning"
        assert "Plan saved" in warnings[0].message
        assert "#" not in path.read_text()
        await pilot.press("plus", "ctrl+s")  # the file has no comments now: a plain toast
        await settle(pilot)
        assert len([n for n in app._notifications if "comments" in n.message]) == 1
        assert not app.session.dirty
