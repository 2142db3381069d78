"""A stacked bar per quarter: supply by source, then stock drawn and shortfall, to demand.

Drawn with Unicode eighth blocks straight into strips — a few hundred cells, painted in
well under a millisecond, where a plotting library would cost an import and a layout
pass on every key press. Bars always reach demand (supply never exceeds it), so the
coloured top of a bar *is* the uncovered part: yellow where stock covers it, red where
it does not. A mark row under the axis points at those quarters.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from tui.app.figures import Exposure, Quarters
from tui.app.palette import DEFAULT, Palette, follow_theme
from tui.present.numbers import tonnes

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS = 8  # characters for the y-axis labels
MAX_STEP = 8  # columns per quarter at most: wide bars on a wide terminal, not a wide gap


def source_colours(sources: tuple[str, ...], colours: Palette = DEFAULT) -> dict[str, str]:
    """Stable colours: each source keeps the theme's series colour of its place in the
    dataset's order, whichever element (and so whichever sources) the chart shows."""
    series = colours.series
    return {source: series[k % len(series)] for k, source in enumerate(sources)}


Run = tuple[str, str]  # text, style
Line = list[Run]


class QuarterChart(Widget):
    """The selected element's quarters in the selected case (a Line-API widget).

    The chart is drawn once per change into lines of (text, style) runs and served
    as strips, skipping the Rich text → content conversion a ``render()`` would cost.
    """

    DEFAULT_CSS = """
    QuarterChart { height: 1fr; min-height: 6; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's options, passed on
        self.data: Quarters | None = None
        self.exposure: Exposure | None = None  # when set, the portfolio chart is drawn
        self.label = ""
        self.source_colours: dict[str, str] = {}
        self.theme_colours = DEFAULT
        self._lines: list[Strip] | None = None
        self._styles: dict[tuple[Style, str], Style] = {}

    def on_mount(self) -> None:
        follow_theme(self, self._recolour)

    def _recolour(self, colours: Palette) -> None:
        if colours != self.theme_colours:
            self.theme_colours = colours
            self.source_colours = {} if self.data is None else self._colours_for(self.data)
            self._lines = None
            self.refresh()

    def _colours_for(self, data: Quarters) -> dict[str, str]:
        return source_colours(tuple(data.supplied_by), self.theme_colours)

    def show_exposure(self, exposure: Exposure) -> None:
        """Draw the portfolio's China exposure instead of an element's quarters."""
        self.exposure = exposure
        self._lines = None
        self.refresh()

    def _lines_for(self, width: int, height: int) -> list[Line]:
        if self.exposure is not None:
            return draw_exposure(self.exposure, width, height, self.theme_colours)
        assert self.data is not None
        return draw_chart(
            self.data, self.label, self.source_colours, width, height, self.theme_colours
        )

    def show(self, data: Quarters, label: str) -> None:
        self.data, self.label, self.exposure = data, label, None
        if set(self.source_colours) != set(data.supplied_by):
            self.source_colours = self._colours_for(data)
        self._lines = None
        self.refresh()

    @property
    def text(self) -> str:
        """The chart as plain text (what a test or a screen reader would read)."""
        if self.data is None and self.exposure is None:
            return ""
        lines = self._lines_for(self.size.width, self.size.height)
        return "\n".join("".join(t for t, _ in line) for line in lines)

    def on_resize(self) -> None:
        self._lines = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._lines is None:
            self._lines = self._draw(width, self.size.height)
        if y < len(self._lines):
            return self._lines[y]
        return Strip.blank(width, self.rich_style)

    def _draw(self, width: int, height: int) -> list[Strip]:
        if self.data is None and self.exposure is None:
            return []
        base = self.rich_style
        strips = []
        for line in self._lines_for(width, height):
            segments = [Segment(text, self._style(base, name)) for text, name in line]
            strips.append(Strip(segments).extend_cell_length(width, base).crop(0, width))
        return strips

    def _style(self, base: Style, name: str) -> Style:
        """The widget's style under a run's, parsed and combined once per pair."""
        style = self._styles.get((base, name))
        if style is None:
            own = Style.parse(name) if name else Style()
            style = self._styles[(base, name)] = base + own
        return style


class _Lines:
    """Lines of (text, style) runs; consecutive text in one style is merged, and so are
    blanks after any run: the chart's styles are colours, bold and dim, none of which
    shows on a blank, so a gap between two bars of one colour does not split their run.
    Each run becomes a segment that Textual styles and filters one by one on every
    repaint: a bar chart of 21 quarters drew about 440 segments, most of them gaps."""

    def __init__(self) -> None:
        self.lines: list[Line] = [[]]

    def add(self, text: str, style: str = "") -> None:
        line = self.lines[-1]
        if line and (line[-1][1] == style or (text and not text.strip(" "))):
            line[-1] = (line[-1][0] + text, line[-1][1])
        elif text:
            line.append((text, style))

    def newline(self) -> None:
        self.lines.append([])


def draw_chart(
    data: Quarters,
    label: str,
    by_source: dict[str, str],
    width: int,
    height: int,
    colours: Palette = DEFAULT,
) -> list[Line]:
    """The whole chart: legend, bars, axis labels and marks, as runs per line."""
    out = _Lines()
    bar_rows = max(height - 3, 2)
    periods = len(data.periods)
    room = max(width - AXIS, 1)
    step = max(1, min(MAX_STEP, room // max(periods, 1)))
    shown = min(periods, room // step) if step else periods
    first = periods - shown if shown < periods else 0
    if first:  # too narrow for every quarter: say which ones are drawn
        label = f"{label} (last {shown} of {periods} q.)"
    stock, short = colours.stock, colours.bad
    for text, style in _legend(label, by_source, width, colours):
        out.add(text, style)
    index = range(first, periods)
    top = max((data.demand_t[i] for i in index), default=0.0) or 1.0
    stacks = [_stack(data, i, by_source, colours) for i in index]
    bar = max(step - 1, 1) if step > 1 else 1
    middle = bar_rows // 2 if bar_rows >= 5 else -1
    for row in range(bar_rows - 1, -1, -1):
        out.newline()
        if row == bar_rows - 1:
            label_text = tonnes(top)
        elif row == middle:
            label_text = tonnes(top * (row + 1) / bar_rows)
        else:
            label_text = "0" if row == 0 else ""
        out.add(f"{label_text:>{AXIS - 2}} ┤" if label_text else " " * (AXIS - 1) + "│", "dim")
        for stack in stacks:
            char, colour = _cell(stack, row, bar_rows, top)
            out.add(char * bar, colour)
            if step > bar:
                out.add(" " * (step - bar))
    out.newline()
    out.add(" t/qtr".ljust(AXIS - 1) + "└", "dim")  # the y-axis unit: tonnes a quarter
    out.add(_period_labels(data.periods[first:], step), "dim")
    out.newline()
    out.add(" " * AXIS)
    for i in index:
        mark, style = " ", ""
        if data.shortfall_t[i] > 1e-9:
            mark, style = "▲", short
        elif data.drawn_t[i] > 1e-9:
            mark, style = "△", stock
        out.add(mark.ljust(step), style)
    return out.lines


def _legend(label: str, by_source: dict[str, str], width: int, colours: Palette = DEFAULT) -> Line:
    stock, short = colours.stock, colours.bad
    runs: Line = [(label, "bold"), ("  ", "")]
    for source, colour in by_source.items():
        runs += [("█", colour), (f" {source}  ", "")]
    runs += [("█", stock), (" stock  ", ""), ("█", short), (" short  ", "")]
    # the marks under the axis: a quarter short after stock, or one the stock covers
    runs += [("▲", short), (" short  ", ""), ("△", stock), (" stock", "")]
    kept: Line = []
    used = 0
    for text, style in runs:
        if used + len(text) > width:
            room = max(width - used - 1, 0)
            kept += [(text[:room], style), ("…", "")]
            break
        kept.append((text, style))
        used += len(text)
    return kept


def _stack(
    data: Quarters, i: int, by_source: dict[str, str], colours: Palette
) -> list[tuple[float, str]]:
    """Cumulative tops of the bar's segments, bottom up: sources, stock, shortfall."""
    segments = [(values[i], by_source[s]) for s, values in data.supplied_by.items()]
    segments += [(data.drawn_t[i], colours.stock), (data.shortfall_t[i], colours.bad)]
    stack, total = [], 0.0
    for value, colour in segments:
        if value > 0:
            total += value
            stack.append((total, colour))
    return stack


def _cell(stack: list[tuple[float, str]], row: int, rows: int, top: float) -> tuple[str, str]:
    """The character for one cell of a bar: full, empty, or an eighth-block at its top."""
    if not stack:
        return " ", ""
    height = stack[-1][0] / top * rows * 8  # the bar's height in eighths of a cell
    bottom = row * 8
    if height <= bottom + 0.5:
        return " ", ""
    middle = (row + 0.5) / rows * top
    if height >= bottom + 8:
        colour = next((c for t, c in stack if t >= middle), stack[-1][1])
        return "█", colour
    return BLOCKS[max(1, round(height - bottom))], stack[-1][1]


def _period_labels(periods: tuple[str, ...], step: int) -> str:
    """Quarter labels where they fit: every quarter on wide bars, else each year's Q1."""
    line = [" "] * (len(periods) * step + 5)
    taken = -1
    for i, period in enumerate(periods):
        if step >= 5:
            short = period[2:]  # 26Q1
        elif period.endswith("Q1") or i == 0:
            short = period[2:] if step >= 2 else period[:4]
        else:
            continue
        x = i * step
        if x <= taken or x + len(short) > len(line):
            continue
        line[x : x + len(short)] = short
        taken = x + len(short)
    return "".join(line).rstrip()


# --- the portfolio's China exposure per quarter ----------------------------------------
#
# The element chart answers "is Dy covered?"; this one answers the plan's own question,
# "are we getting off China, and when?". The two figures part when a source runs out of
# capacity or a stress case cuts it: the plan says 40% Lynas, what arrives is more
# Chinese.

BOUGHT = "bold"


def draw_exposure(
    data: Exposure, width: int, height: int, colours: Palette = DEFAULT
) -> list[Line]:
    """Legend, bars (0–100%), the target row and the axis, as runs per line; the bars
    take the first source colour (China's in the bundled data), the target the alarm's."""
    planned, target = colours.series[0], colours.bad
    out = _Lines()
    case = "base case" if data.case == "base" else data.case
    title = f"Portfolio China exposure · {case}  "
    target_text = "" if data.target is None else f" target {data.target * 100:.0f}%"
    legend = len("█ planned  ● as bought") + (len(target_text) + 3 if target_text else 0)
    two_lines = len(title) + legend > width  # in the side panel the legend goes below
    rows = max(height - (3 if two_lines else 2), 2)
    periods = len(data.periods)
    room = max(width - AXIS, 1)
    step = max(1, min(MAX_STEP, room // max(periods, 1)))
    shown = min(periods, room // step)
    first = periods - shown
    out.add(title.rstrip() if two_lines else title, "bold")
    if two_lines:
        out.newline()
    out.add("█", planned)
    out.add(" planned  ")
    out.add("●", BOUGHT)
    out.add(" as bought")
    if target_text:
        out.add("  ")
        out.add("┄", target)
        out.add(target_text)
    target_row = None if data.target is None else min(int(data.target * rows), rows - 1)
    bar = max(step - 1, 1) if step > 1 else 1
    for row in range(rows - 1, -1, -1):
        out.newline()
        label = {rows - 1: "100%", 0: "0%"}.get(row, "50%" if row == rows // 2 else "")
        out.add(f"{label:>{AXIS - 2}} ┤" if label else " " * (AXIS - 1) + "│", "dim")
        for i in range(first, periods):
            char, style = _exposure_cell(data.planned[i], row, rows, planned)
            bought = data.bought[i]
            if bought is not None and min(int(bought * rows), rows - 1) == row:
                char, style = "●", BOUGHT
            elif char == " " and row == target_row:
                char, style = "┄", target
            out.add(char * bar if char != "●" else "●".center(bar), style)
            if step > bar:
                out.add("┄" if row == target_row else " ", target if row == target_row else "")
    out.newline()
    out.add(" " * (AXIS - 1) + "└", "dim")
    out.add(_period_labels(data.periods[first:], step), "dim")
    return out.lines


def _exposure_cell(value: float | None, row: int, rows: int, colour: str) -> tuple[str, str]:
    """The block of a bar of height ``value`` (0–1) in ``row``."""
    if value is None:
        return " ", ""
    eighths = round(value * rows * 8) - row * 8
    if eighths <= 0:
        return " ", ""
    return BLOCKS[min(eighths, 8)], colour
