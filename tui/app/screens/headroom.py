"""Headroom: what each source can deliver of the selected element, quarter by quarter.

A planner moving share to Lynas needs to know how far it can go before the contracts
leave a gap: each source's capacity, price and China share per quarter, and the largest
share it can carry in every quarter of the horizon (the quarter that limits it named).
A share of the plan above that is marked, here and in the main table.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from tui.app.palette import palette
from tui.app.plain import plain
from tui.domain.plan import Split
from tui.present.numbers import percent, tonnes
from tui.suggest.headroom import QuarterSupply, SourceHeadroom, undeliverable


def supply_cell(quarter: QuarterSupply) -> str:
    """``120 t $60 100%``: capacity (∞ unlimited), price per kg, China share; — no supply."""
    if not quarter.available:
        return "—"
    capacity = "∞" if quarter.capacity_t is None else f"{tonnes(quarter.capacity_t)} t"
    price = "" if quarter.price_usd_kg is None else f" ${quarter.price_usd_kg:,.0f}"
    china = "" if quarter.china_share is None else f" {percent(quarter.china_share, 0)}"
    return capacity + price + china


def summary_lines(sources: tuple[SourceHeadroom, ...], split: Split | None) -> list[str]:
    """One line per source: the share it can carry throughout, and the plan's share."""
    over = undeliverable(sources, split) if split is not None else {}
    lines = []
    for item in sources:
        share = 0.0 if split is None else float(split.share(item.source))
        line = f"{item.source}: up to {percent(item.max_share, 0)} in every quarter"
        if item.limiting_period:
            line += f" (limited by {item.limiting_period})"
        if item.source in over:
            short = item.short_quarters(share)
            line += f" · plan {share:g}% is more than it delivers in {len(short)} quarters"
        lines.append(line)
    return lines


class HeadroomScreen(ModalScreen[None]):
    """The selected element's supply per source and quarter; esc closes."""

    BINDINGS = [Binding("escape,q,h", "close", "Close")]  # noqa: RUF012

    def __init__(
        self, element: str, sources: tuple[SourceHeadroom, ...], split: Split | None
    ) -> None:
        super().__init__(classes="dialog")
        self.element = element
        self.sources = sources
        self.split = split

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box headroom-box"):
            yield Label(
                plain(f"Headroom — {self.element}: what each source can deliver"),
                classes="dialog-title",
            )
            yield Static(id="headroom-summary")
            yield DataTable(id="headroom", cursor_type="row", zebra_stripes=True)
            yield Static(
                "capacity (∞ unlimited) · price per kg · China share; — no supply · esc closes",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        colours = palette(self.app)
        over = undeliverable(self.sources, self.split) if self.split is not None else {}
        summary = Text()
        for index, line in enumerate(summary_lines(self.sources, self.split)):
            source = self.sources[index].source
            summary.append(("\n" if index else "") + line, colours.bad if source in over else "")
        self.query_one("#headroom-summary", Static).update(summary)
        table = self.query_one(DataTable)
        table.add_column("Quarter", key="quarter")
        table.add_column("Demand t", key="demand")
        for item in self.sources:
            table.add_column(plain(item.source), key=item.source)
        periods = self.sources[0].quarters if self.sources else ()
        for p, quarter in enumerate(periods):
            cells: list[Text | str] = [quarter.period, tonnes(quarter.demand_t)]
            for item in self.sources:
                supply = item.quarters[p]
                share = 0.0 if self.split is None else float(self.split.share(item.source))
                short = supply.period in item.short_quarters(share) if share else False
                cells.append(Text(supply_cell(supply), colours.bad if short else ""))
            table.add_row(*cells, key=quarter.period)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
