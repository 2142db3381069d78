"""A wide terminal uses its room: each source's most it can carry and its China share
in the table; an 80-column one keeps the headline's first line whole."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from tests.app.conftest import REPO, make_app, ready, settle
from tests.app.hostile import screen_text
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.headline import HeadlinePanel


@pytest.fixture(autouse=True)
def story_plans(workdir: Path) -> None:
    """The repository's own plans, beside the fixtures, as ``plans/story-NAME.toml``."""
    for plan in (REPO / "plans").glob("*.toml"):
        shutil.copyfile(plan, workdir / "plans" / f"story-{plan.name}")


def _plain_china_share(app: object, element: str, source: str) -> str:
    """The source's China share range for the element, straight from the supply rows."""
    session = app.session  # type: ignore[attr-defined]  # a ReplanApp
    evaluation = session.evaluation
    values = [
        c
        for e, s, p, c in session.dataset.supply.select(
            "element", "source", "period", "china_share"
        ).rows()
        if e == element and s == source and evaluation.start <= p <= evaluation.end
    ]
    if not values:
        return "—"
    low, high = round(min(values) * 100), round(max(values) * 100)
    return f"{low}%" if low == high else f"{min(values) * 100:.0f}–{max(values) * 100:.0f}%"


def _row(text: str, element: str) -> list[str]:
    line = next(x for x in text.splitlines() if x.split()[:1] == [element])
    return line.split("▏")[0].split()


async def test_a_wide_table_shows_each_sources_limit_and_china_share(workdir: Path) -> None:
    app = make_app("plans/story-japan-2025.toml")
    async with app.run_test(size=(220, 60)) as pilot:
        await ready(pilot)
        await settle(pilot)
        table = app.screen.query_one(ElementTable)
        assert table.detailed
        text = screen_text(app)
        header = next(x for x in text.splitlines() if x.split()[:1] == ["El"]).split()
        sources = app.session.dataset.source_ids
        assert [f"{s}/max" for s in sources] == header[3 : 3 + len(sources)]  # "Demand t"
        limits = app.screen.max_shares()
        plan = app.session.plan
        for element in ("Dy", "Pr", "Eu"):
            cells = _row(text, element)
            split = plan.base_split(element)
            for k, source in enumerate(sources):
                share, most = cells[2 + k].rstrip("›").split("/")
                assert share == (str(split.share(source)) if split.share(source) else "·")
                assert int(most) == math.floor(limits[(element, source)] * 100 + 1e-9)
            china = cells[-len(sources) :]
            assert china == [_plain_china_share(app, element, s) for s in sources], element


@pytest.mark.parametrize("size", [(140, 45), (80, 24)])
async def test_a_smaller_terminal_keeps_the_plain_table(
    workdir: Path, size: tuple[int, int]
) -> None:
    app = make_app("plans/story-japan-2025.toml")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert not app.screen.query_one(ElementTable).detailed
        text = screen_text(app)
        assert "CN%" not in text and "/max" not in text
        assert ("Stress t" in text) == (size[0] > 80)  # 80 columns: the compact labels


@pytest.mark.parametrize("plan", ["baseline", "japan-2025", "target-2027"])
async def test_every_column_fits_80_columns_without_scrolling_sideways(
    workdir: Path, plan: str
) -> None:
    app = make_app(f"plans/story-{plan}.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await settle(pilot)
        table = app.screen.query_one(ElementTable)
        assert table.virtual_size.width <= table.size.width
        table.select("Dy", table.sources[-1])  # the cursor on the last source column
        await settle(pilot)
        assert table.scroll_x == 0
        text = screen_text(app)
        header = next(x for x in text.splitlines() if x.split()[:1] == ["El"]).split()
        # the compact labels: tonnes said once, by "Demand t"
        assert header[-4:] == ["Gap", "Short", "Spot", "Stress"]
        for element in ("La", "Dy", "Y"):
            assert _row(text, element)[-1] == table.cell_text(element, "stress")


async def test_resizing_switches_the_detail_on_and_off(workdir: Path) -> None:
    app = make_app("plans/story-japan-2025.toml")
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await settle(pilot)
        table = app.screen.query_one(ElementTable)
        table.select("Dy", "lynas")
        await pilot.resize_terminal(220, 60)
        await settle(pilot)
        assert table.detailed and "CN% lynas" in screen_text(app)
        assert (table.element, table.source) == ("Dy", "lynas")  # the cursor stays put
        await pilot.resize_terminal(140, 45)
        await settle(pilot)
        assert not table.detailed and "CN%" not in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Stress t" not in screen_text(app) and table.virtual_size.width <= 80
        await pilot.resize_terminal(220, 60)  # from the compact table straight to the detail
        await settle(pilot)
        assert table.detailed and "CN% lynas" in screen_text(app)
        assert (table.element, table.source) == ("Dy", "lynas")


@pytest.mark.parametrize("plan", ["baseline", "japan-2025", "target-2027"])
async def test_the_headline_first_line_is_whole_at_80_columns(workdir: Path, plan: str) -> None:
    app = make_app(f"plans/story-{plan}.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await settle(pilot)
        headline = app.screen.query_one(HeadlinePanel)
        first = screen_text(app).splitlines()[headline.region.y]
        assert "…" not in first and "vs all-China)" in first, first
