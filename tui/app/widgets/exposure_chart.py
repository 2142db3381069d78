"""The portfolio's China exposure per quarter: bars as planned, dots as bought, the target.

The element chart answers "is Dy covered?"; this one answers the plan's own question,
"are we getting off China, and when?". The two figures part when a source runs out of
capacity or a stress case cuts it: the plan says 40% Lynas, what arrives is more
Chinese. Drawn into (text, style) runs like the element chart, so the same widget
serves both.
"""

from __future__ import annotations

from tui.app.figures import Exposure
from tui.app.widgets.quarter_chart import (
    AXIS,
    BLOCKS,
    MAX_STEP,
    NAMED,
    SHORT,
    Line,
    _Lines,
    _period_labels,
)

PLANNED = NAMED["china"]
BOUGHT = "bold"
TARGET = SHORT


def draw_exposure(data: Exposure, width: int, height: int) -> list[Line]:
    """Legend, bars (0–100%), the target row and the axis, as runs per line."""
    out = _Lines()
    rows = max(height - 2, 2)
    periods = len(data.periods)
    room = max(width - AXIS, 1)
    step = max(1, min(MAX_STEP, room // max(periods, 1)))
    shown = min(periods, room // step)
    first = periods - shown
    case = "base case" if data.case == "base" else data.case
    out.add(f"Portfolio China exposure · {case}  ", "bold")
    out.add("█", PLANNED)
    out.add(" planned  ")
    out.add("●", BOUGHT)
    out.add(" as bought")
    if data.target is not None:
        out.add("  ")
        out.add("┄", TARGET)
        out.add(f" target {data.target * 100:.0f}%")
    target_row = None if data.target is None else min(int(data.target * rows), rows - 1)
    bar = max(step - 1, 1) if step > 1 else 1
    for row in range(rows - 1, -1, -1):
        out.newline()
        label = {rows - 1: "100%", 0: "0%"}.get(row, "50%" if row == rows // 2 else "")
        out.add(f"{label:>{AXIS - 2}} ┤" if label else " " * (AXIS - 1) + "│", "dim")
        for i in range(first, periods):
            char, style = _cell(data.planned[i], row, rows)
            bought = data.bought[i]
            if bought is not None and min(int(bought * rows), rows - 1) == row:
                char, style = "●", BOUGHT
            elif char == " " and row == target_row:
                char, style = "┄", TARGET
            out.add(char * bar if char != "●" else "●".center(bar), style)
            if step > bar:
                out.add("┄" if row == target_row else " ", TARGET if row == target_row else "")
    out.newline()
    out.add(" " * (AXIS - 1) + "└", "dim")
    out.add(_period_labels(data.periods[first:], step), "dim")
    return out.lines


def _cell(value: float | None, row: int, rows: int) -> tuple[str, str]:
    """The block of a bar of height ``value`` (0–1) in ``row``."""
    if value is None:
        return " ", ""
    eighths = round(value * rows * 8) - row * 8
    if eighths <= 0:
        return " ", ""
    return BLOCKS[min(eighths, 8)], PLANNED
