"""Red means short after stock; a gap the stockpile covers is told apart, in the
table and in the chart's legend."""

from __future__ import annotations

from tui.app.figures import ElementRow
from tui.app.widgets.element_table import GAP, OVER, _cells
from tui.app.widgets.quarter_chart import _legend


def _row(gap: float, shortfall: float, spot: float = 0.0) -> ElementRow:
    return ElementRow(
        "Dy", 100.0, (100,), False, 1.0, 1 - gap / 100, gap, None, shortfall, spot_t=spot
    )


def test_a_gap_covered_by_stock_is_not_red() -> None:
    cells = _cells(_row(gap=12.0, shortfall=0.0), None)
    assert cells[-4].text.strip() == "12.0" and cells[-4].tone == OVER  # gap
    assert cells[-5].tone == OVER  # coverage
    assert cells[-3].text.strip() == "0" and cells[-3].tone != GAP  # short after stock


def test_a_shortfall_after_stock_is_red() -> None:
    cells = _cells(_row(gap=12.0, shortfall=4.0), None)
    assert cells[-4].tone == GAP and cells[-5].tone == GAP
    assert cells[-3].text.strip() == "4.0" and cells[-3].tone == GAP


def test_the_part_of_the_gap_bought_spot_has_its_column() -> None:
    cells = _cells(_row(gap=12.0, shortfall=0.0, spot=7.5), None)
    assert cells[-2].text.strip() == "7.5" and cells[-2].tone == OVER
    assert _cells(_row(gap=0.0, shortfall=0.0), None)[-2].text.strip() == "0"


def test_the_legend_explains_both_marks() -> None:
    text = "".join(run for run, _ in _legend("Dy", {"china": "red"}, 200))
    assert "▲ short  △ stock" in text
