"""Keys and a short guide, built from the bindings themselves so it never goes stale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.palette import palette

GUIDE = """\
[b]replan[/b] shows, for every rare-earth element, how its demand is split between \
sources and what that does to China exposure, coverage gaps, cost and resilience.

[b]Read[/b]  The band at the top is the portfolio: China exposure against the plan's \
target, the gap (demand no source delivers), the cost and its premium over buying \
everything from China, and what each stress case does. In the table, China is the \
share of the element's supply that still depends on China, Gap t the demand no \
contract delivers, Short t what stays short once spot purchases and the stockpile are \
used, Spot t the part of the gap bought on the spot market, and Stress t the \
worst stress case's shortfall once stock is used up. Red \
marks what is really short (after the stockpile is drawn), orange a gap the stock \
covers and exposure above target; › marks a split that changes later on its \
schedule; a red underlined share asks more than its source delivers in some quarter \
([b]h[/b] shows each source's capacity, price and China share per quarter). Demand t, \
Gap t and cost are totals over the plan's whole horizon (on a narrow terminal the \
columns drop their " t": Gap, Short, Spot and Stress are tonnes too). Below \
the table, the selected element's quarters: supply by source stacked up to demand, \
[$warning]stock drawn[/] and [$error]shortfall[/] on top, ▲ under the quarters that are short, \
△ under those the stock covers. [b]v[/b] shows the next stress case in the chart; \
[b]o[/b] charts the whole portfolio's China exposure per quarter instead: bars as \
planned, ● as actually delivered (they part when a source runs short), against the \
target; a wide, tall terminal keeps that chart under the side panel's figures.

[b]Edit[/b]  Move the cursor to an element and a source column, then + and − move one \
point into or out of that source (] and \\[ five points). The points come from the \
largest other share (the next largest when it runs out) and go back to it, so the \
split stays at exactly 100 and the other shares stay round: Dy 70/20/10 → ] four times \
on lynas → 50/40/10. [b]e[/b] (or enter, or a second click) opens a form for exact \
shares, stockpile days and a note; [b]t[/b] edits the schedule (a different split \
from a quarter on); [b]x[/b] the stress cases. Every change recalculates at once; \
ctrl+z undoes, ctrl+y redoes.

[b]Files[/b]  ctrl+s saves (● in the title means unsaved changes), S saves under another \
name, ctrl+o browses the plans folder with each plan's figures, c compares plans side \
by side. If someone changed the file since you opened it, saving asks whether to \
merge (their file plus your edits, one undoable step; you pick a side where both \
changed the same value), reload theirs (ctrl+z then brings your edits back), overwrite \
it, or save yours under another name. In these questions enter is always a safe answer \
that writes and drops nothing: saving, discarding or overwriting takes its own key \
(s, d, o) or a click.

ctrl+p opens the command palette: every action, and "element: jump to …".
"""


def key_table(sections: list[tuple[str, list[Binding]]], key_style: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style=key_style, no_wrap=True)
    table.add_column()
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            keys = ", ".join(_display(k) for k in binding.key.split(","))
            table.add_row(keys, binding.tooltip or binding.description)
    return table


def _display(key: str) -> str:
    names = {"plus": "+", "minus": "−", "equals_sign": "=", "question_mark": "?",
             "left_square_bracket": "[", "right_square_bracket": "]"}  # fmt: skip
    return names.get(key, key)


class HelpScreen(ModalScreen[None]):
    """The guide and every key, in the sections the app hands over (it owns the keys)."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]  # noqa: RUF012

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        sections = self.sections
        with VerticalScroll(classes="dialog-box help-box"):
            yield Static("replan — help  (esc closes)", classes="dialog-title")
            yield Static(GUIDE, classes="help-guide")
            yield Static(key_table(sections, palette(self.app).key), classes="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
