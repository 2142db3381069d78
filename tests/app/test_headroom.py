"""Headroom in the app: what each source can deliver, and shares that ask for more."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tui.app.figures import element_rows
from tui.app.screens.headroom import HeadroomScreen, summary_lines, supply_cell
from tui.app.widgets.element_table import ElementTable
from tui.present.numbers import percent
from tui.session.session import Session
from tui.suggest.headroom import element_headroom, max_shares
from tui.suggest.market import build_market

TOO_MUCH_LYNAS = """\
format = 1
name = "Too much Lynas"
dataset = "reference"

[defaults.split]
china = 100

[elements.Dy.split]
china = 50
lynas = 40
recycling = 10
"""


def _session(workdir: Path) -> Session:
    path = workdir / "plans" / "over.toml"
    path.write_text(TOO_MUCH_LYNAS)
    return Session.open(path)


def test_the_table_flags_a_share_its_source_cannot_deliver(workdir: Path) -> None:
    session = _session(workdir)
    evaluation, sources = session.evaluation, session.dataset.source_ids
    limits = max_shares(build_market(session.dataset, evaluation.start, evaluation.end))
    rows = {row.element: row for row in element_rows(evaluation, session.plan, sources, limits)}
    dy = dict(zip(sources, rows["Dy"].undeliverable, strict=True))
    assert limits[("Dy", "lynas")] < 0.4 and dy["lynas"]  # 40% asked, less delivered
    assert not dy["china"]  # China's Dy is unlimited
    assert not any(rows["La"].undeliverable)  # all China, deliverable


async def test_h_shows_each_sources_headroom_for_the_selected_element(workdir: Path) -> None:
    session = _session(workdir)
    evaluation = session.evaluation
    headroom = element_headroom(session.dataset, evaluation.start, evaluation.end, "Dy")
    lynas = next(item for item in headroom if item.source == "lynas")
    app = make_app(Path("plans/over.toml"))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadroomScreen) and screen.element == "Dy"
        summary = str(screen.query_one("#headroom-summary").render())
        assert f"lynas: up to {percent(lynas.max_share, 0)} in every quarter" in summary
        assert f"limited by {lynas.limiting_period}" in summary
        assert "plan 40% is more than it delivers" in summary
        table = screen.query_one("#headroom")
        first = lynas.quarters[0]
        assert str(table.get_cell(first.period, "lynas")) == supply_cell(first)
        assert table.row_count == len(lynas.quarters)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HeadroomScreen)


def test_summary_without_a_split_names_no_plan_share(workdir: Path) -> None:
    session = _session(workdir)
    evaluation = session.evaluation
    headroom = element_headroom(session.dataset, evaluation.start, evaluation.end, "Dy")
    assert all("plan" not in line for line in summary_lines(headroom, None))
