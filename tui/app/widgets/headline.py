"""The portfolio in a few lines: exposure against target, gap, cost, the stress cases.

It is what a planner reads first, so it leads with the verdicts (above target, short)
in colour and keeps each stress case to one line. On a wide terminal it becomes a
side panel with a line per figure; on a narrow one, a compact band over the table.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.app.figures import Headline, StressLine
from tui.app.palette import DEFAULT, Palette, follow_theme
from tui.app.plain import shown
from tui.present.numbers import coverage, days, percent, tonnes, usd
from tui.present.target import above_target


class HeadlinePanel(Static):
    """Repaints only when the figures (or the layout) actually changed."""

    DEFAULT_CSS = """
    HeadlinePanel { height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]  # Widget's options, passed on
        self.figures: Headline | None = None
        self.wide = False
        self.stress_lines = 2  # narrow band: stress cases shown, one line each
        self._lines = -1
        self.colours = DEFAULT

    def on_mount(self) -> None:
        follow_theme(self, self._recolour)

    def _recolour(self, colours: Palette) -> None:
        if colours != self.colours:
            self.colours = colours
            if self.figures is not None:
                self._paint()

    def show(self, figures: Headline) -> None:
        if figures != self.figures:
            self.figures = figures
            self._paint()

    def set_stress_lines(self, lines: int) -> None:
        """How many stress cases the narrow band lists (fewer on a short terminal)."""
        if lines != self.stress_lines:
            self.stress_lines = lines
            if self.figures is not None:
                self._paint()

    def set_wide(self, wide: bool) -> None:
        if wide != self.wide:
            self.wide = wide
            if self.figures is not None:
                self._paint()

    def _paint(self) -> None:
        """Re-layout the screen only when the band's height may change (it is costly)."""
        assert self.figures is not None
        text = render_headline(
            self.figures, wide=self.wide, max_stress_lines=self.stress_lines, colours=self.colours
        )
        lines = text.plain.count("\n")
        self.update(text, layout=self.wide or lines != self._lines)
        self._lines = lines


def render_headline(
    h: Headline, *, wide: bool, max_stress_lines: int = 2, colours: Palette = DEFAULT
) -> Text:
    """Wide: one figure per line, every stress case. Narrow: a band of short lines.

    Narrow lines are meant to be cut with an ellipsis (not wrapped) so that the band
    keeps its height on an 80×24 terminal: the figures, then one line per stress case.
    """
    if wide:
        return _wide(h, colours)
    out = Text()
    out.append_text(_exposure(h, colours))
    out.append(" · ")
    out.append_text(_gap(h, colours, short=True))
    out.append(" · ")
    out.append_text(_cost(h, colours, wide=False))
    if h.products_short:
        out.append(" · ")
        out.append("short: ", colours.bad)
        _append_products(out, h.products_short, h.products_short_count)
    if h.exposure_reason:  # its own line under the figures: why as bought differs
        out.append("\n")
        out.append(shown(h.exposure_reason))
    cases = h.stress[:max_stress_lines]
    for index, line in enumerate(cases):
        out.append("\n")
        out.append_text(_stress(line, colours, wide=False))
        hidden = len(h.stress) - len(cases)
        if hidden and index == len(cases) - 1:
            out.append(f"  (+{hidden} more: x)", "dim")
    if not h.stress:
        out.append("\n")
        out.append("No stress cases — x to add one", "dim")
    return out


def _wide(h: Headline, colours: Palette) -> Text:
    out = Text()
    out.append_text(_exposure(h, colours, wide=True))
    out.append("\n")
    out.append_text(_gap(h, colours, short=False))
    out.append("\n")
    out.append_text(_cost(h, colours, wide=True))
    if h.products_short:
        out.append("\n")
        out.append("Products short: ", colours.bad)
        _append_products(out, h.products_short, h.products_short_count)
    out.append("\n\n")
    out.append("Stress cases", "bold underline")
    for line in h.stress:
        out.append("\n")
        out.append_text(_stress(line, colours, wide=True))
    if not h.stress:
        out.append("\n")
        out.append("none — x to add one", "dim")
    return out


def _gap(h: Headline, colours: Palette, *, short: bool) -> Text:
    """The gap the contracts leave, then how it is filled: spot, stock, really short.

    Amber when spot and stock close it, red when something stays short.
    """
    out = Text("Gap ")
    closed = h.gap_t > 0 and h.shortfall_t <= 0
    out.append(
        f"{tonnes(h.gap_t)} t",
        colours.bad if h.shortfall_t > 0 else colours.warn if closed else colours.good,
    )
    if short:
        if h.spot_t > 0:
            out.append(f", spot {tonnes(h.spot_t)} t")
        if h.shortfall_t > 0:
            out.append(", short ")
            out.append(f"{tonnes(h.shortfall_t)} t", colours.bad)
        return out
    if h.gap_t > 0:
        out.append(f" ({coverage(h.coverage)} covered by contract)")
    if h.spot_t > 0:
        out.append(f"\n  bought spot {tonnes(h.spot_t)} t")
    if h.stock_drawn_t > 0:
        out.append(f"\n  from stock {tonnes(h.stock_drawn_t)} t")
    if h.shortfall_t > 0:
        out.append("\n  short after stock ")
        out.append(f"{tonnes(h.shortfall_t)} t", colours.bad)
    return out


def _cost(h: Headline, colours: Palette, *, wide: bool) -> Text:
    """The cost and its premium over buying everything from China; the narrow band
    gives the premium as a percentage only, so that its first line fits 80 columns."""
    out = Text("Total cost " if wide else "Cost ")
    out.append(usd(h.total_cost_usd or h.cost_usd), "bold")
    out.append(" · premium " if wide else " (")
    premium_share = h.premium_usd / h.all_china_cost_usd if h.all_china_cost_usd else None
    tone = colours.warn if h.premium_usd > 0 else colours.good
    if wide or premium_share is None:
        out.append(usd(h.premium_usd, sign=True), tone)
        if premium_share is not None:
            out.append(f" {premium_share * 100:+.0f}%")
    else:
        out.append(f"{premium_share * 100:+.0f}%", tone)
    out.append(" over all-China" if wide else " vs all-China)")
    if wide and h.stock_cost_usd > 0:
        out.append(f"\n  of which holding stock {usd(h.stock_cost_usd)}", "dim")
    if wide and h.horizon:
        out.append(f"\nTotals over {h.horizon}", "dim")
    return out


def _exposure(h: Headline, colours: Palette, *, wide: bool = False) -> Text:
    """Planned exposure against the target; as bought beside it when the sources cannot
    deliver the plan (always on the wide panel), with the one-line reason."""
    out = Text("China ")
    style = colours.bad if h.above_target else (colours.good if h.target is not None else "bold")
    out.append(percent(h.china_exposure), style)
    bought = h.china_exposure_bought
    if h.target is not None:
        verdict = "above" if h.above_target else "within"
        out.append(f" {verdict} target {percent(h.target, 0)}")
    if bought is not None and (wide or h.exposure_reason):
        over = above_target(bought, h.target)
        tone = colours.bad if over else (colours.good if h.target is not None else "bold")
        out.append("\n  as bought " if wide else ", as bought ")
        out.append(percent(bought), tone)
    if h.exposure_reason and wide:
        out.append("\n  ")
        out.append(shown(h.exposure_reason), "dim")
    return out


def _stress(line: StressLine, colours: Palette, *, wide: bool) -> Text:
    out = Text()
    out.append("⚡ ", colours.warn if line.shortfall_t > 0 else colours.good)
    out.append(shown(line.name), "bold")
    out.append("\n  " if wide else ": ")
    if line.shortfall_t <= 0:
        out.append("no shortfall", colours.good)
        return out
    out.append(f"short {tonnes(line.shortfall_t)} t", colours.bad)
    out.append(f", worst {days(line.worst_days_short)}")
    if line.worst_element:
        out.append(f" ({shown(line.worst_element)})")
    if line.products_short:
        out.append("\n  " if wide else "; at risk: ")
        if wide:
            out.append("at risk: ")
        _append_products(out, line.products_short, line.products_short_count, colours.warn)
    return out


def _append_products(out: Text, names: tuple[str, ...], count: int, style: str = "") -> None:
    """``motor, drive +3``: the worst few products short, and how many more."""
    out.append(shown(", ".join(names)), style)
    if count > len(names):
        out.append(f" +{count - len(names):,}")
