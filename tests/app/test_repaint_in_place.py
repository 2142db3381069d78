"""A key press repaints what changed: the footer keeps its keys, the title its line.

A nudge of a share and its way back make undo and the unsaved mark come and go. The
footer must grey and un-grey the same key widgets (re-composing them was the costliest
part of a key press), and the title bar must still show the mark and drop it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.widget import Widget

from tests.app.conftest import make_app, ready, settle
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.footer import KeysFooter
from tui.app.widgets.title_bar import FixedTitle, TitleBar


def _undo_key(app: object) -> Widget:
    footer = app.screen.query_one(KeysFooter)  # type: ignore[attr-defined]
    (key,) = [k for k in footer.query("FooterKey") if getattr(k, "action", "") == "undo"]
    return key


def _title_text(app: object) -> str:
    bar = app.screen.query_one(TitleBar)  # type: ignore[attr-defined]
    return str(bar.query_one(FixedTitle).render())


async def test_footer_greys_and_ungreys_the_same_keys(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        keys_before = list(app.screen.query_one(KeysFooter).query("FooterKey"))
        assert _undo_key(app).has_class("-disabled")

        await pilot.press("plus")
        await settle(pilot)
        assert app.session.history.can_undo
        assert not _undo_key(app).has_class("-disabled")

        await pilot.press("minus")  # back to the start: nothing left to undo
        await settle(pilot)
        assert not app.session.history.can_undo
        assert _undo_key(app).has_class("-disabled")
        keys_after = list(app.screen.query_one(KeysFooter).query("FooterKey"))
        assert [id(k) for k in keys_after] == [id(k) for k in keys_before]


async def test_footer_recomposes_when_its_keys_change(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        main = app.screen
        await pilot.press("question_mark")  # another screen, other keys
        await settle(pilot)
        assert app.screen is not main
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        keys = main.query_one(KeysFooter).query("FooterKey")
        labels = [getattr(k, "description", "") for k in keys]
        assert "Undo" in labels and "Stress" in labels


async def test_footer_builds_its_keys_once_as_the_screen_starts(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen refreshes its bindings twice as it starts; building every key a second
    time cost about a fifth of the app's start."""
    builds: list[int] = []
    compose = KeysFooter.compose

    def counted(footer: KeysFooter) -> ComposeResult:
        keys = list(compose(footer))
        if keys:
            builds.append(len(keys))
        return iter(keys)

    monkeypatch.setattr(KeysFooter, "compose", counted)
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        keys = app.screen.query_one(KeysFooter).query("FooterKey")
        assert "Undo" in [getattr(k, "description", "") for k in keys]
    assert len(builds) == 1, builds


async def test_title_shows_and_drops_the_unsaved_mark(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert "●" not in _title_text(app)
        name = app.session.plan.name
        assert name in _title_text(app)

        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus")
        await settle(pilot)
        assert _title_text(app).startswith("● ") and name in _title_text(app)
        assert app.screen.title.startswith("● ")
        assert "unsaved changes" in _title_text(app)

        await pilot.press("minus")
        await settle(pilot)
        assert "●" not in _title_text(app) and "unsaved" not in _title_text(app)
        assert not app.screen.title.startswith("●")
