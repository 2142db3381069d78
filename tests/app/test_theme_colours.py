"""Every colour the app draws in Python comes from the Textual theme in force: no
fixed hex colours outside the palette, and a switch to a light theme recolours the
table, the headline, the chart and the element pane."""

from __future__ import annotations

import re
from pathlib import Path

from rich.style import Style
from textual.widget import Widget

from tests.app.conftest import REPO, make_app, ready, settle
from tui.app.palette import palette
from tui.app.widgets.element_info import ElementInfo
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.headline import HeadlinePanel
from tui.app.widgets.quarter_chart import QuarterChart

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_no_fixed_colour_outside_the_palette() -> None:
    """Spreadsheets have their own fixed header fill; the app takes its colours from the
    theme, by way of ``tui/app/palette.py`` alone."""
    found = [
        f"{path.relative_to(REPO)}: {match}"
        for path in sorted((REPO / "tui" / "app").rglob("*.py"))
        if path.name != "palette.py"
        for match in HEX.findall(path.read_text())
    ]
    assert found == []


def _drawn(widget: Widget) -> set[str]:
    """The foreground colours of the lines the widget draws on screen."""
    return {
        segment.style.color.triplet.hex.lower()
        for y in range(widget.size.height)
        for segment in widget.render_line(y)
        if segment.style and segment.style.color and segment.style.color.triplet
    }


def _hex(style: str) -> str:
    """The colour of a palette style such as ``bold #ffa62b``."""
    colour = Style.parse(style).color
    assert colour is not None and colour.triplet is not None
    return colour.triplet.hex.lower()


async def test_a_light_theme_recolours_every_drawn_figure(workdir: Path) -> None:
    app = make_app()  # the baseline: above target, a gap bought spot, Dy short in stress
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ElementTable)
        table.select("Dy", "china")
        await settle(pilot)
        widgets: list[Widget] = [
            screen.query_one(HeadlinePanel),
            table,
            screen.query_one("#chart", QuarterChart),
            screen.query_one(ElementInfo),
        ]
        dark = palette(app)
        before = [_drawn(w) for w in widgets]
        assert _hex(dark.warn) in before[0] and _hex(dark.warn) in before[1]
        assert _hex(dark.series[0]) in before[2]  # the first source's bars

        app.theme = "textual-light"
        await settle(pilot)
        light = palette(app)
        assert light != dark
        after = [_drawn(w) for w in widgets]
        assert _hex(light.warn) in after[0] and _hex(light.warn) in after[1]
        assert _hex(light.series[0]) in after[2]
        dark_only = {_hex(c) for c in (dark.warn, dark.bad, dark.stock, *dark.series)} - {
            _hex(c) for c in (light.warn, light.bad, light.stock, *light.series)
        }
        assert dark_only  # else the check below would pass vacuously
        for widget, colours in zip(widgets, after, strict=True):
            assert not colours & dark_only, type(widget).__name__
