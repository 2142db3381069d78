"""The stress view's detail follows the cursor and shows the engine's figures.

The figures are read back from the engine and formatted with the same functions the
app uses, so that a change in either shows up here, not only in a snapshot.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.app.conftest import make_app, ready, settle
from tests.app.hostile import hostile_plan
from tui.app.screens.stress import StressScreen
from tui.app.screens.stress_detail import BASE_TEXT
from tui.domain.period import DAYS_PER_QUARTER
from tui.present.numbers import days, tonnes, units, usd

ESCAPE = "T\u001b]0;X\u001b\\x"
SHOWN = "T\\x1b]0;X\\x1b\\x"


def _detail(screen: StressScreen) -> str:
    return "\n".join(
        str(screen.query_one(f"#stress-{part}", Static).render())
        for part in ("summary", "stock", "products")
    )


async def _open(pilot: Pilot, rows_down: int) -> StressScreen:
    await ready(pilot)
    await pilot.press("x")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StressScreen)
    await pilot.press(*["down"] * rows_down)
    await settle(pilot)
    return screen


async def test_the_detail_shows_the_engine_figures_of_the_highlighted_case(
    workdir: Path,
) -> None:
    app = make_app()  # the baseline fixture: its embargo buys spot and leaves 207 t short
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await _open(pilot, 0)
        assert BASE_TEXT in _detail(screen)
        await pilot.press("down")
        await settle(pilot)
        shown = _detail(screen)
        evaluation = app.session.evaluation
        case, base = evaluation.stress_cases[0], evaluation.base
        portfolio = case.portfolio
        assert portfolio.spot_t > 0 and portfolio.shortfall_t > 0  # what the test is about
        assert case.case in shown and "china, 100% less" in shown
        assert f"{tonnes(portfolio.spot_t)} t: china {tonnes(portfolio.spot_t)} t" in shown
        price = portfolio.spot_cost_usd / (portfolio.spot_t * 1000)
        assert f"{usd(portfolio.spot_cost_usd)}, on average {usd(price)}/kg" in shown
        # stock when the embargo starts: Nd's starting stock less what 2026 drew
        periods = case.element_periods("Nd")
        before = periods.filter(pl.col("period") < "2027Q1")
        left = case.element("Nd")["stockpile_t"] - before["stockpile_drawn_t"].sum()  # type: ignore[operator]
        demand = periods.filter(pl.col("period") == "2027Q1")["demand_t"].item()
        nd = next(line for line in shown.splitlines() if line.startswith("Nd "))
        assert tonnes(left) in nd and days(left / (demand / DAYS_PER_QUARTER)) in nd
        worst = f"{tonnes(portfolio.shortfall_t)} t, worst {days(case.worst_days_short)} short"
        assert f"{worst} ({case.worst_element})" in shown
        for product in case.products.filter(pl.col("units_short") > 0).iter_rows(named=True):
            line = next(line for line in shown.splitlines() if product["product"] in line)
            assert units(product["units_short"]) in line
            assert usd(product["value_short_usd"]) in line
        assert usd(portfolio.value_short_usd) in shown
        change = portfolio.total_cost_usd - base.portfolio.total_cost_usd
        assert f"{usd(portfolio.total_cost_usd)}, {usd(change, sign=True)}" in shown
        await pilot.press("up")
        await settle(pilot)
        assert BASE_TEXT in _detail(screen)  # it follows the cursor back


async def test_the_detail_fits_80x24(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, 1)
        case = app.session.evaluation.stress_cases[0]
        summary = screen.query_one("#stress-summary", Static)
        shown = str(summary.render())
        assert f"Short {tonnes(case.portfolio.shortfall_t)} t" in shown
        assert "against the base" in shown
        assert not screen.query_one("#stress-stock", Static).display
        close = screen.query_one("#close")
        assert summary.region.bottom < close.region.y  # the buttons stay below, on screen
        assert close.region.bottom <= 24
        assert all(len(line) <= 76 for line in shown.splitlines())


async def test_the_detail_shows_a_hostile_case_name_literally(workdir: Path) -> None:
    for name, expected in (("cut [/] 2027", "cut [/] 2027"), (ESCAPE, SHOWN)):
        hostile_plan(Path("plans/cut.toml"), stress=name)
        app = make_app("plans/cut.toml")
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await _open(pilot, 1)
            shown = _detail(screen)
            assert expected in shown
            assert "\u001b" not in shown
            assert screen.query_one(DataTable).cursor_row == 1
        assert app.return_code in (None, 0)
