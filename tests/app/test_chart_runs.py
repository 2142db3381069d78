"""The chart's lines are few runs: blanks join the run before them, every drawn cell
keeps its colour. Textual styles each run on every repaint, so a bar row cut into a run
per bar and one per gap made the chart the slowest widget of a key press."""

from __future__ import annotations

from tui.app.figures import Quarters
from tui.app.widgets.quarter_chart import AXIS, draw_chart

PERIODS = ("2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2")
COLOURS = {"china": "#ff0000", "lynas": "#00ff00"}


def _quarters(china: tuple[float, ...], lynas: tuple[float, ...]) -> Quarters:
    demand = tuple(c + n for c, n in zip(china, lynas, strict=True))
    zeros = (0.0,) * len(PERIODS)
    return Quarters(
        "Dy", "base", PERIODS, demand, {"china": china, "lynas": lynas}, zeros, zeros, zeros
    )


def _cells(line: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(char, style) for text, style in line for char in text]


def test_bars_of_one_colour_and_their_gaps_are_one_run() -> None:
    data = _quarters((10.0,) * 6, (0.0,) * 6)
    lines = draw_chart(data, "Dy", COLOURS, 60, 10)
    bar_rows = lines[1:-2]  # under the legend, above the axis and the marks
    assert bar_rows
    for line in bar_rows:
        assert len(line) == 2, line  # the axis label, then every bar and gap in one run
        assert line[1][1] == COLOURS["china"]


def test_every_drawn_cell_keeps_its_source_colour() -> None:
    """China fills the lower half of each bar and Lynas the upper: each row's blocks
    take the colour of the source drawn there, whatever the runs were merged into."""
    data = _quarters((5.0,) * 6, (5.0,) * 6)
    lines = draw_chart(data, "Dy", COLOURS, 60, 11)  # 8 bar rows
    bar_rows = lines[1:-2]
    for height, line in enumerate(reversed(bar_rows)):
        drawn = {style for char, style in _cells(line)[AXIS:] if char != " "}
        expected = COLOURS["china"] if height < len(bar_rows) // 2 else COLOURS["lynas"]
        assert drawn == {expected}, (height, line)


def test_blanks_between_differently_coloured_bars_take_the_left_colour() -> None:
    data = _quarters((10.0, 0.0, 10.0, 0.0, 10.0, 0.0), (0.0, 10.0, 0.0, 10.0, 0.0, 10.0))
    line = draw_chart(data, "Dy", COLOURS, 60, 10)[2]
    styles = [style for _text, style in line[1:]]
    assert styles == [COLOURS["china"], COLOURS["lynas"]] * 3  # one run per bar, gap included
