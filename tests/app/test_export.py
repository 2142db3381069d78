"""ctrl+e exports the open plan, or the plans compared, to a workbook beside the plan."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from textual.pilot import Pilot

from tests.app.conftest import make_app, ready, settle
from tui.app.picks import OpenVersion
from tui.app.screens.compare import CompareScreen
from tui.app.widgets.element_table import ElementTable


async def _exported(pilot: Pilot) -> None:
    await pilot.press("ctrl+e")
    for worker in list(pilot.app.workers):
        if worker.group == "export":
            await worker.wait()
    await settle(pilot)


async def test_export_key_writes_the_open_plan_beside_its_file(
    workdir: Path, toasts: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus")  # an edit not saved yet: the export shows what is on screen
        await _exported(pilot)
        out = workdir / "plans" / "baseline.xlsx"
        assert "Exported to plans/baseline.xlsx" in toasts
        evaluation = app.session.evaluation  # type: ignore[union-attr]
    summary = pl.read_excel(out, sheet_name="summary")
    assert summary.get_column("case").to_list() == [c.case for c in evaluation.cases]
    assert summary.get_column("cost_usd")[0] == evaluation.base.portfolio.cost_usd
    assert "quarters" in pl.read_excel(out, sheet_id=0, raise_if_empty=False)


async def test_export_key_in_compare_writes_every_plan_compared(
    workdir: Path, toasts: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        app.show_compare((OpenVersion.CURRENT, Path("plans/diversified.toml")))
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        names = [c.plan.name for c in app.screen.columns]
        await _exported(pilot)
        assert "Exported to plans/baseline-compare.xlsx" in toasts
    summary = pl.read_excel(workdir / "plans" / "baseline-compare.xlsx", sheet_name="summary")
    assert summary.filter(pl.col("case") == "base").get_column("plan").to_list() == names
