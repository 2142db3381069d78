"""The table of elements: demand, split per source, exposure, coverage, gap, short, stress.

A Line-API widget rather than a DataTable: the table is repainted on every key press,
and a DataTable re-renders every visible cell through Rich whenever any cell changes
(its render cache is keyed on a global update count). Here each row is one cached
strip, built straight from segments; an edit rebuilds the rows whose text changed and
leaves the rest alone.

The cursor lives only on the source columns — "this element, this source" is what the
+/- keys act on; the element column stays put when the table scrolls sideways.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.figures import ElementRow
from tui.app.palette import DEFAULT, Palette, follow_theme
from tui.domain.plan import Number
from tui.present.numbers import coverage, percent, percent_range, tonnes
from tui.present.splits import share_text
from tui.present.target import above_target

# A cell's tone is what its colour means; the colour itself comes from the theme in force
GAP = "short"  # really short after stock
OVER = "warn"  # above target, a gap that spot or stock closes
DIM = "muted"  # nothing to see: zero, no supply
UNDELIVERABLE = "undeliverable"  # a share its source cannot deliver
NONE = ""


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = NONE


def tone_styles(colours: Palette) -> dict[str, Style]:
    """Each tone's Rich style in the theme's palette."""
    bad = Style.parse(colours.bad)
    return {
        GAP: bad,
        OVER: Style.parse(colours.warn),
        DIM: Style.parse(colours.muted),
        UNDELIVERABLE: bad + Style(underline=True),
        NONE: Style(),
    }


@dataclass
class Column:
    key: str
    label: str
    right: bool
    data: int = 0  # the widest cell seen

    @property
    def width(self) -> int:
        return max(self.data, len(self.label))


@dataclass(frozen=True)
class Layout:
    """How much the table shows: the widest that fits the terminal without scrolling
    sideways is used (a table too wide even when compact scrolls)."""

    detailed: bool  # each source's most it can carry, and its China share
    pad_right: int  # blank columns after a cell (one always comes before it)
    unit_in_labels: bool  # "Gap t" rather than "Gap": tonnes, said by "Demand t" when not

    def labels(self, sources: Sequence[str]) -> list[tuple[str, str]]:
        t = " t" if self.unit_in_labels else ""
        return [
            ("element", "El"),
            ("demand", "Demand t"),
            *((f"src:{s}", f"{s}/max" if self.detailed else s) for s in sources),
            ("china", "China"),
            ("coverage", "Cover"),
            ("gap", f"Gap{t}"),
            ("short", f"Short{t}"),
            ("spot", f"Spot{t}"),
            ("stress", f"Stress{t}"),
            *((f"cn:{s}", f"CN% {s}") for s in sources if self.detailed),
        ]


DETAILED = Layout(detailed=True, pad_right=1, unit_in_labels=True)
PLAIN = Layout(detailed=False, pad_right=1, unit_in_labels=True)
COMPACT = Layout(detailed=False, pad_right=0, unit_in_labels=False)
"""80 columns: one blank between cells and the tonnes said once, so that the reference
data's every column fits."""


class ElementTable(ScrollView, can_focus=True):
    """Elements × (demand, sources…, exposure, coverage, gap, stress)."""

    COMPONENT_CLASSES = {  # noqa: RUF012
        "element-table--header",
        "element-table--header-cursor",
        "element-table--fixed",
        "element-table--even",
        "element-table--cursor",
    }
    DEFAULT_CSS = """
    ElementTable {
        background: $surface;
        color: $foreground;
        /* the cursor scrolls the columns into view: a scrollbar would cost a row */
        scrollbar-size-horizontal: 0;
        & > .element-table--header { background: $panel; color: $foreground; text-style: bold; }
        & > .element-table--header-cursor { background: $accent-darken-1; color: $foreground;
                                            text-style: bold; }
        & > .element-table--fixed { text-style: bold; }
        & > .element-table--even { background: $surface-lighten-1 50%; }
        & > .element-table--cursor { background: $block-cursor-blurred-background;
                                     color: $block-cursor-blurred-foreground; }
        &:focus > .element-table--cursor { background: $block-cursor-background;
                                           color: $block-cursor-foreground; text-style: bold; }
    }
    """
    BINDINGS = [  # noqa: RUF012 - Textual reads this class attribute
        Binding("up", "cursor(-1, 0)", "Up", show=False),
        Binding("down", "cursor(1, 0)", "Down", show=False),
        Binding("left", "cursor(0, -1)", "Prev source", show=False),
        Binding("right", "cursor(0, 1)", "Next source", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "activate", "Edit", show=False),
    ]

    class Moved(Message):
        """The cursor is on another element or source."""

        def __init__(self, table: ElementTable, element: str, source: str) -> None:
            super().__init__()
            self.table, self.element, self.source = table, element, source

    class Activated(Message):
        """Enter, or a click on the cell that already has the cursor."""

        def __init__(self, table: ElementTable, element: str, source: str) -> None:
            super().__init__()
            self.table, self.element, self.source = table, element, source

    def __init__(self, sources: Sequence[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's options, passed on
        self.sources = tuple(sources)
        self.table_layout = PLAIN
        self.columns = _columns(self.sources, self.table_layout)
        self.first_source = 2
        self.keys: list[str] = []
        self.cells: dict[str, tuple[Cell, ...]] = {}
        self.row = 0
        self.column = self.first_source
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._shown: tuple[Sequence[ElementRow], float | None] = ((), None)
        self._tones = tone_styles(DEFAULT)

    def on_mount(self) -> None:
        follow_theme(self, self._recolour)

    def _recolour(self, colours: Palette) -> None:
        self._tones = tone_styles(colours)
        self._strips.clear()
        self.refresh()

    # --- what is selected -------------------------------------------------------------

    @property
    def element(self) -> str | None:
        return self.keys[self.row] if self.keys else None

    @property
    def source(self) -> str:
        return self.sources[self.column - self.first_source]

    @property
    def row_count(self) -> int:
        return len(self.keys)

    def cell_text(self, element: str, key: str) -> str:
        index = next(i for i, c in enumerate(self.columns) if c.key == key)
        return self.cells[element][index].text

    def select(self, element: str, source: str | None = None) -> None:
        column = self.column
        if source is not None and source in self.sources:
            column = self.first_source + self.sources.index(source)
        self._move_to(self.keys.index(element), column)

    def _move_to(self, row: int, column: int) -> None:
        if not self.keys:
            return
        row = min(max(row, 0), len(self.keys) - 1)
        column = min(max(column, self.first_source), self.first_source + len(self.sources) - 1)
        if (row, column) == (self.row, self.column):
            return
        old_row, old_column = self.row, self.column
        self.row, self.column = row, column
        self._refresh_row(old_row)
        self._refresh_row(row)
        if old_column != column:
            self.refresh_line(0 + int(self.scroll_y))  # the header marks the column
        self._scroll_cursor_visible()
        self.post_message(self.Moved(self, self.keys[row], self.source))

    # --- data -------------------------------------------------------------------------

    def show(self, rows: Sequence[ElementRow], target: float | None) -> None:
        """Put ``rows`` on screen, rebuilding only the rows whose text or colour changed."""
        self._shown = (rows, target)
        layout = self._layout_for(rows, target)
        if layout != self.table_layout:
            self.table_layout = layout
            self.columns = _columns(self.sources, layout)
            self.cells.clear()
            self.keys = []  # the table is laid out afresh below
        first = not self.keys
        widths_before = [c.width for c in self.columns]
        changed: list[int] = []
        for index, row in enumerate(rows):
            cells = _cells(row, target, detailed=self.table_layout.detailed)
            if self.cells.get(row.element) != cells:
                self.cells[row.element] = cells
                changed.append(index)
                for column, cell in zip(self.columns, cells, strict=True):
                    column.data = max(column.data, len(cell.text))
        keys = [row.element for row in rows]
        if keys != self.keys:
            self.keys = keys
            first = True
        if first or [c.width for c in self.columns] != widths_before:
            self._strips.clear()
            self.virtual_size = Size(self._span(self.columns), len(self.keys) + 1)
            self.refresh()
        else:
            for index in changed:
                self._refresh_row(index)
        if first and self.keys:
            self.row = min(self.row, len(self.keys) - 1)
            self.post_message(self.Moved(self, self.keys[self.row], self.source))

    @property
    def detailed(self) -> bool:
        return self.table_layout.detailed

    def _span(self, columns: Sequence[Column]) -> int:
        """Screen columns taken by ``columns`` in the current layout."""
        return _width(columns, self.table_layout)

    def _layout_for(self, rows: Sequence[ElementRow], target: float | None) -> Layout:
        """The widest layout whose every column fits the width. Only the current
        layout's cells are built on a key press: the plain and compact layouts share
        theirs, and the detailed cells are built only when a lower bound of their width
        (the current cells' widths) fits."""
        width = self.size.width
        if not rows or not width:
            return self.table_layout
        current = {c.key: c.data for c in self.columns}
        if self.table_layout.detailed:
            if _width(self.columns, DETAILED) <= width:
                return DETAILED
            plain = _measure(_columns(self.sources, PLAIN), rows, target, detailed=False)
        else:
            plain = _columns(self.sources, PLAIN)
            for column in plain:
                column.data = current[column.key]
            bound = _columns(self.sources, DETAILED)
            for column in bound:
                column.data = current.get(column.key, 0)
            if _width(bound, DETAILED) <= width:
                measured = _measure(bound, rows, target, detailed=True)
                if _width(measured, DETAILED) <= width:
                    return DETAILED
        return PLAIN if _width(plain, PLAIN) <= width else COMPACT

    def _refresh_row(self, index: int) -> None:
        for key in [k for k in self._strips if k[0] == index]:
            del self._strips[key]
        self.refresh_line(index + 1)

    # --- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y == 0:
            return self._line(-1, scroll_x, width)
        index = y - 1 + scroll_y
        if index >= len(self.keys):
            return Strip.blank(width, self.rich_style)
        return self._line(index, scroll_x, width)

    def _line(self, index: int, scroll_x: int, width: int) -> Strip:
        cursor = self.column if index in (-1, self.row) else -1
        key = (index, cursor, scroll_x, width, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(index, cursor, scroll_x, width)
            self._strips[key] = strip
        return strip

    def _build(self, index: int, cursor: int, scroll_x: int, width: int) -> Strip:
        base = self.rich_style
        if index == -1:
            row_style = base + self.get_component_rich_style("element-table--header")
            cells = tuple(Cell(c.label) for c in self.columns)
            cursor_style = base + self.get_component_rich_style("element-table--header-cursor")
        else:
            row_style = base
            if index % 2:
                row_style += self.get_component_rich_style("element-table--even")
            cells = self.cells[self.keys[index]]
            cursor_style = base + self.get_component_rich_style("element-table--cursor")
        fixed_style = self.get_component_rich_style("element-table--fixed")
        segments: list[Segment] = []
        for number, (column, cell) in enumerate(zip(self.columns, cells, strict=True)):
            text = cell.text.rjust(column.width) if column.right else cell.text.ljust(column.width)
            padded = " " + text + " " * self.table_layout.pad_right
            if number == cursor:
                style = cursor_style
            else:
                style = row_style + self._tones[cell.tone]
                if number == 0:
                    style += fixed_style
            segments.append(Segment(padded, style))
        fixed = self._span(self.columns[:1])
        head = Strip(segments[:1], fixed)
        rest = Strip(segments[1:]).crop(scroll_x, scroll_x + max(width - fixed, 0))
        return Strip.join([head, rest]).extend_cell_length(width, row_style).crop(0, width)

    # --- moving -----------------------------------------------------------------------

    def _scroll_cursor_visible(self) -> None:
        visible = max(self.size.height - 1, 1)
        scroll_y = int(self.scroll_y)
        if self.row < scroll_y:
            self.scroll_to(y=self.row, animate=False, immediate=True)
        elif self.row >= scroll_y + visible:
            self.scroll_to(y=self.row - visible + 1, animate=False, immediate=True)
        fixed = self._span(self.columns[:1])
        left = self._span(self.columns[1 : self.column])
        right = left + self._span(self.columns[self.column : self.column + 1])
        room = max(self.size.width - fixed, 1)
        scroll_x = int(self.scroll_x)
        if left < scroll_x:
            self.scroll_to(x=left, animate=False, immediate=True)
        elif right > scroll_x + room:
            self.scroll_to(x=right - room, animate=False, immediate=True)

    def action_cursor(self, rows: int, columns: int) -> None:
        self._move_to(self.row + rows, self.column + columns)

    def action_page(self, direction: int) -> None:
        self._move_to(self.row + direction * max(self.size.height - 2, 1), self.column)

    def action_edge(self, direction: int) -> None:
        self._move_to(0 if direction < 0 else len(self.keys) - 1, self.column)

    def action_activate(self) -> None:
        if self.element is not None:
            self.post_message(self.Activated(self, self.element, self.source))

    def on_click(self, event: events.Click) -> None:
        """A click selects the cell; a click on the selected cell opens the editor."""
        if event.y == 0 or not self.keys:
            return
        row = event.y - 1 + int(self.scroll_y)
        fixed = self._span(self.columns[:1])
        x = event.x if event.x < fixed else event.x - fixed + int(self.scroll_x) + fixed
        column, edge = self.column, 0
        for number, spec in enumerate(self.columns):
            edge += self._span((spec,))
            if x < edge:
                column = number
                break
        if row >= len(self.keys):
            return
        if (row, column) == (self.row, self.column):
            self.action_activate()
        else:
            self._move_to(row, column if column >= self.first_source else self.column)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._strips.clear()
        rows, target = self._shown
        if rows:
            self.show(rows, target)  # the new width may switch the detail on or off
        self._scroll_cursor_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def region_of(self, element: str) -> Region:
        return Region(0, self.keys.index(element) + 1, self.size.width, 1)


def _columns(sources: Sequence[str], layout: Layout) -> list[Column]:
    """The table's columns in ``layout``, before any cell has been measured."""
    return [Column(key, label, right=key != "element") for key, label in layout.labels(sources)]


def _measure(
    columns: list[Column], rows: Sequence[ElementRow], target: float | None, *, detailed: bool
) -> list[Column]:
    for row in rows:
        for column, cell in zip(columns, _cells(row, target, detailed=detailed), strict=True):
            column.data = max(column.data, len(cell.text))
    return columns


def _width(columns: Sequence[Column], layout: Layout) -> int:
    return sum(c.width + 1 + layout.pad_right for c in columns)


def _cells(row: ElementRow, target: float | None, *, detailed: bool = False) -> tuple[Cell, ...]:
    flags = row.undeliverable or (False,) * len(row.shares)
    limits = row.max_shares if detailed and row.max_shares else (None,) * len(row.shares)
    shares = tuple(
        _share(value, row.scheduled, over, limit)
        for value, over, limit in zip(row.shares, flags, limits, strict=True)
    )
    china = row.china_shares if detailed else ()
    over = above_target(row.china_exposure, target)
    # red only for what is short after the stockpile; a gap the stock covers is amber
    gap = (GAP if row.shortfall_t > 0 else OVER) if row.gap_t > 0 else DIM
    stress = row.stress_shortfall_t
    return (
        Cell(row.element),
        Cell(tonnes(row.demand_t)),
        *shares,
        Cell(percent(row.china_exposure, 0), OVER if over else NONE),
        Cell(coverage(row.coverage, 0), gap if row.coverage < 1 - 1e-9 else DIM),
        Cell(tonnes(row.gap_t), gap),
        # what stays short once spot and the stockpile are used: the elements really short
        Cell(tonnes(row.shortfall_t), GAP if row.shortfall_t > 0 else DIM),
        # the part of the gap bought on the spot market (the stock covers what it leaves,
        # up to the shortfall)
        Cell(tonnes(row.spot_t), OVER if row.spot_t > 0 else DIM),
        Cell("—" if stress is None else tonnes(stress), GAP if stress else DIM),
        *(
            Cell("—", DIM) if shares_k is None else Cell(percent_range(*shares_k))
            for shares_k in china
        ),
    )


def _share(
    value: Number | None,
    scheduled: bool,
    undeliverable: bool = False,
    limit: float | None = None,
) -> Cell:
    """A share; ``›`` marks an element whose split changes later on its schedule; a
    share its source cannot deliver in every quarter is red and underlined (h tells
    where and how much it can). With ``limit`` (the wide table) the share is followed
    by the most the source carries throughout, in whole points rounded down: ``38/45``."""
    mark = "›" if scheduled else " "
    most = "" if limit is None else f"/{math.floor(limit * 100 + 1e-9)}"
    if value is None:
        return Cell("—" + most + mark, GAP)
    if value == 0:
        return Cell("·" + most + mark, DIM)
    return Cell(share_text(value) + most + mark, UNDELIVERABLE if undeliverable else NONE)


__all__ = ["Cell", "ElementTable"]
