"""The figures say what they add up: totals over the horizon, tonnes a quarter."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tests.app.hostile import flat
from tui.app.widgets.quarter_chart import QuarterChart


async def test_the_horizon_and_the_chart_unit_are_on_screen(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        shown = flat(app)
        assert "Totals over 2026Q1–2028Q4" in shown  # the headline panel
        assert "totals over 2026Q1–2028Q4" in shown  # the element pane
        chart = app.screen.query_one("#chart", QuarterChart)
        lines = ["".join(t for t, _ in line) for line in chart_lines(chart)]
        assert any("t/qtr" in line for line in lines)
        assert sum("┤" in line for line in lines) == 3  # top, middle and zero labels


def chart_lines(chart: QuarterChart) -> list:
    from tui.app.widgets.quarter_chart import draw_chart

    assert chart.data is not None
    return draw_chart(chart.data, chart.label, chart.source_colours, 60, 14)
