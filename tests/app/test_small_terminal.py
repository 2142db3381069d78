"""At 80×24 the essentials fit: every element row, every stress-case column."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.app.conftest import REPO, make_app, ready, settle
from tests.app.hostile import screen_text
from tui.app.screens.stress import StressScreen, elements_cell
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.footer import KeysFooter
from tui.app.widgets.headline import HeadlinePanel


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


async def test_the_layout_follows_textual_breakpoints_as_the_terminal_is_resized(
    workdir: Path,
) -> None:
    """The screen's classes come from its breakpoints, and the Python-drawn text follows
    them: a narrow, short terminal gets the compact footer and a one-case headline band;
    a wide one the headline as a side panel."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await settle(pilot)
        main = app.screen
        headline = main.query_one(HeadlinePanel)
        footer = main.query_one(KeysFooter)
        assert main.has_class("-narrow", "-short") and not main.has_class("-wide")
        assert (headline.wide, headline.stress_lines, footer.compact) == (False, 1, True)
        await pilot.resize_terminal(140, 45)
        await settle(pilot)
        assert main.has_class("-wide", "-tall") and not main.has_class("-narrow", "-short")
        assert (headline.wide, footer.compact) == (True, False)
        assert headline.region.x > main.query_one(ElementTable).region.right - 1  # beside
        await pilot.resize_terminal(110, 45)
        await settle(pilot)
        assert main.has_class("-medium", "-tall")
        assert (headline.wide, headline.stress_lines, footer.compact) == (False, 2, False)


def test_a_long_element_list_is_shortened_only_on_a_narrow_terminal() -> None:
    assert elements_cell(None, narrow=True) == "all"
    assert elements_cell(("Nd", "Pr"), narrow=True) == "Nd, Pr"
    assert elements_cell(("Sm", "Gd", "Tb", "Dy"), narrow=True) == "Sm +3"
    assert elements_cell(("Sm", "Gd", "Tb", "Dy"), narrow=False) == "Sm, Gd, Tb, Dy"


async def test_the_stress_view_shows_every_case_whole_at_80x24(workdir: Path) -> None:
    """Long element lists (the reference plans') neither push a column out of the box
    nor get cut in the detail: the row says ``Sm +5``, the detail names them all."""
    shutil.copyfile(REPO / "plans" / "japan-2025.toml", workdir / "plans" / "story.toml")
    app = make_app("plans/story.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        cases = app.session.plan.stress
        long = next(i for i, c in enumerate(cases) if c.elements and len(c.elements) > 2)
        lines = screen_text(app).splitlines()
        for case in cases:
            row = next(
                line for line in lines if f"  {case.source}  " in line and case.start in line
            )
            assert (
                row.rstrip()
                .rstrip("█")
                .rstrip()
                .endswith(elements_cell(case.elements, narrow=True))
            )
        for _ in range(long + 1):  # the base case is the first row
            await pilot.press("down")
        await settle(pilot)
        text = screen_text(app)
        assert ", ".join(cases[long].elements or ()) in text
