"""The portfolio exposure chart: planned and as bought per quarter, against the target."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.app.conftest import make_app, ready, settle
from tui.app.figures import portfolio_exposure
from tui.app.widgets.quarter_chart import QuarterChart, draw_exposure
from tui.session.session import Session

FIXTURES = Path(__file__).parent / "fixtures"


def _bought_by_hand(workspace, case, period: str) -> float:
    """Σ delivered × China share / Σ delivered, from the rows, in plain Python."""
    shares = {
        (r["source"], r["element"]): r["china_share"]
        for r in workspace.dataset.supply.iter_rows(named=True)
        if r["period"] == period
    }
    total = china = 0.0
    for row in case.periods.iter_rows(named=True):
        if row["period"] != period:
            continue
        for source in workspace.dataset.source_ids:
            tonnes = row[f"supplied_{source}"]
            total += tonnes
            china += tonnes * (shares.get((source, row["element"])) or 0.0)
    return china / total


def test_planned_adds_up_to_the_portfolio_and_bought_follows_deliveries() -> None:
    workspace = Session.open(FIXTURES / "baseline.toml", None)
    evaluation = workspace.evaluation
    base = portfolio_exposure(evaluation, workspace.dataset, workspace.plan, 0)
    demand = evaluation.base.periods.group_by("period").agg(d=pl.col("demand_t").sum())
    by_period = dict(zip(demand["period"], demand["d"], strict=True))
    weighted = sum((base.planned[i] or 0) * by_period[p] for i, p in enumerate(base.periods))
    assert weighted / sum(by_period.values()) == pytest.approx(
        evaluation.base.portfolio.china_exposure
    )
    stress = portfolio_exposure(evaluation, workspace.dataset, workspace.plan, 1)
    cut = stress.periods.index("2027Q1")  # the embargo's quarter
    assert stress.bought[cut] < base.bought[cut]
    for period in ("2026Q1", "2027Q1"):
        i = stress.periods.index(period)
        assert stress.bought[i] == pytest.approx(
            _bought_by_hand(workspace, evaluation.cases[1], period)
        )
    lines = ["".join(t for t, _ in line) for line in draw_exposure(stress, 100, 12)]
    assert "target 50%" in lines[0] and any("●" in line for line in lines)


async def test_g_switches_the_chart(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        chart = app.screen.query_one("#chart", QuarterChart)
        await pilot.press("o")
        await settle(pilot)
        assert chart.text.startswith("Portfolio China exposure · base case")
        await pilot.press("v")
        await settle(pilot)
        assert chart.text.startswith("Portfolio China exposure · China embargo")
        await pilot.press("o")
        await settle(pilot)
        assert not chart.text.startswith("Portfolio")


def test_a_narrow_chart_puts_the_legend_under_the_title() -> None:
    workspace = Session.open(FIXTURES / "baseline.toml", None)
    data = portfolio_exposure(workspace.evaluation, workspace.dataset, workspace.plan, 0)
    wide = ["".join(t for t, _ in line) for line in draw_exposure(data, 100, 12)]
    narrow = ["".join(t for t, _ in line) for line in draw_exposure(data, 42, 12)]
    assert len(wide) == len(narrow) == 12  # the bars give the legend's second line
    assert "planned" in wide[0] and "target 50%" in wide[0]
    assert narrow[0] == "Portfolio China exposure · base case"
    assert narrow[1].startswith("█ planned") and narrow[1].endswith("target 50%")
    assert all(len(line) <= 42 for line in narrow)


@pytest.mark.parametrize(("size", "shown"), [((220, 60), True), ((140, 45), True),
                                              ((120, 40), False), ((80, 24), False)])  # fmt: skip
async def test_a_wide_tall_side_panel_charts_the_portfolio(
    workdir: Path, size: tuple[int, int], shown: bool
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await settle(pilot)
        side = app.screen.query_one("#portfolio", QuarterChart)
        headline = app.screen.query_one("#headline")
        assert side.display == shown
        if not shown:
            return
        assert side.region.y >= headline.region.bottom  # under the headline, not over it
        assert side.text.startswith("Portfolio China exposure · base case")
        session = app.session
        before = side.exposure
        assert before == portfolio_exposure(session.evaluation, session.dataset, session.plan)
        await pilot.press("right", "]", "]")  # five points at a time onto lynas
        await settle(pilot)
        after = portfolio_exposure(session.evaluation, session.dataset, session.plan)
        assert side.exposure == after != before  # it follows every edit
