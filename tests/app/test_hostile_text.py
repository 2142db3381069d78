"""Text from files reaches the screen as text: never markup, never control characters.

A plan's name, author, note or stress case name is data anyone can write. Read as
markup, ``[/]`` crashes the app (losing unsaved edits) and ``[@click=app.quit]``
becomes a live action; an ESC in it would reach the terminal as an escape sequence.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable

from tests.app.conftest import make_app, ready, settle
from tests.app.hostile import flat, hostile_plan, joined, screen_text
from tui.app.screens.browser import PlanBrowser
from tui.app.screens.compare import CompareScreen
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.main import MainScreen
from tui.app.screens.stress import StressScreen
from tui.app.widgets.element_table import ElementTable
from tui.domain.text import visible

ESCAPE = "T\u001b]0;X\u001b\\x"
SHOWN = "T\\x1b]0;X\\x1b\\x"


def _cells(table: DataTable) -> str:
    return " | ".join(
        str(getattr(cell, "plain", cell))
        for row in range(table.row_count)
        for cell in table.get_row_at(row)
    )


async def test_browser_shows_an_author_with_markup_as_text(workdir: Path) -> None:
    hostile_plan(Path("plans/ops.toml"), author="ops[/]team", name="Plan [draft]")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, PlanBrowser)
        shown = screen_text(app)
        assert "ops[/]team" in shown
        assert "Plan [draft]" in shown
    assert app.return_code in (None, 0)


async def test_compare_lists_a_colleague_plan_with_markup_in_its_name(workdir: Path) -> None:
    hostile_plan(Path("plans/colleague.toml"), name="Colleague [/] draft")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right", "plus", "c")
        await settle(pilot)
        assert isinstance(app.screen, PlanBrowser)
        assert "Colleague [/] draft" in screen_text(app)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("current"))
        await pilot.press("space")
        table.move_cursor(row=table.get_row_index("plans/colleague.toml"))
        await pilot.press("space", "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert "Colleague [/] draft" in flat(app)
        assert app.session is not None and app.session.dirty  # the edits are still there
    assert app.return_code in (None, 0)


async def test_stress_list_shows_a_case_name_with_markup(workdir: Path) -> None:
    hostile_plan(Path("plans/cut.toml"), stress="cut [/] 2027")
    app = make_app("plans/cut.toml")
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, StressScreen)
        assert "cut [/] 2027" in screen_text(app)
    assert app.return_code in (None, 0)


async def test_unsaved_dialog_shows_a_name_with_markup(workdir: Path) -> None:
    hostile_plan(Path("plans/draft.toml"), name="Plan [/draft]")
    app = make_app("plans/draft.toml")
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right", "plus", "q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "Plan [/draft]" in flat(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.session.dirty
    assert app.return_code in (None, 0)


async def test_a_click_action_in_a_name_is_not_live(workdir: Path) -> None:
    hostile_plan(Path("plans/click.toml"), name="[@click=app.quit]go", author="[@click=app.quit]")
    app = make_app("plans/click.toml")
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        assert "[@click=app.quit]go" in screen_text(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "[@click=app.quit]go" in screen_text(app)
        table = app.screen.query_one(DataTable)
        assert "[@click=app.quit]" in _cells(table)
        await pilot.click(DataTable, offset=(60, 2))
        await pilot.click(DataTable, offset=(90, 2))
        await settle(pilot)
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_bracketed_words_stay_in_the_main_screen(workdir: Path) -> None:
    hostile_plan(
        Path("plans/draft.toml"), name="Plan [draft]", note="see [b]memo[/b]", stress="[red]cut"
    )
    app = make_app("plans/draft.toml")
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await settle(pilot)
        shown = screen_text(app)
        assert "Plan [draft]" in shown
        assert "see [b]memo[/b]" in shown
        assert "[red]cut" in shown


async def test_escape_sequences_never_reach_the_screen(workdir: Path) -> None:
    hostile_plan(
        Path("plans/esc.toml"),
        name=ESCAPE,
        author=ESCAPE,
        description=ESCAPE,
        note=ESCAPE,
        stress=ESCAPE,
    )
    app = make_app("plans/esc.toml")
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await settle(pilot)
        for keys in ((), ("x",), ("escape", "ctrl+o"), ("escape", "right", "plus", "q")):
            await pilot.press(*keys)
            await settle(pilot)
            shown = screen_text(app)
            assert "\x1b" not in shown, keys
            assert SHOWN in shown, keys


# Markup's own characters, escapes and a few wide and accented letters, mixed with text.
HOSTILE = st.text(
    alphabet=st.sampled_from(list("[]/@=:;.!b ixyz\\#é日\u001b\u0007\u009b\r\t\u202e")),
    min_size=1,
    max_size=16,
).filter(lambda text: text.strip() and text.strip() != "base")


# Each example starts the app and visits four screens (about two seconds): a tenth of the
# profile's count, so a developer's run tries 4 texts and CI's thorough run 40.
@settings(
    max_examples=max(1, settings.default.max_examples // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=HOSTILE)
def test_any_text_from_a_file_is_shown_literally(workdir: Path, text: str) -> None:
    """Through the title, element pane, headline, stress list, browser and dialogs."""
    path = hostile_plan(
        Path("plans/any.toml"), name=text, author=text, description=text, note=text, stress=text
    )
    expected = " ".join(visible(text.strip()).split())

    async def run() -> None:
        app = make_app(path)
        async with app.run_test(size=(180, 50)) as pilot:
            await ready(pilot)
            assert isinstance(app.screen, MainScreen), screen_text(app)
            app.screen.query_one(ElementTable).select("Dy", "lynas")
            await settle(pilot)
            for keys in ((), ("x",), ("escape", "ctrl+o"), ("escape", "right", "plus", "q")):
                await pilot.press(*keys)
                await settle(pilot)
                shown = screen_text(app)
                assert "\x1b" not in shown and "\x07" not in shown, keys
                assert expected in joined(shown), keys
            app.notify(text, title=text)
            await settle(pilot)
            assert expected in flat(app)
        assert app.return_code in (None, 0)

    asyncio.run(run())
